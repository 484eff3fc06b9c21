package company

import (
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
)

// The names of domain values are catalogue messages whose ids are the
// value behind a fixed prefix. TestDomainValuesHaveLabels proves that
// every value has one in every language.
const (
	caseStatusPrefix = "status.case."
	categoryPrefix   = "category."
	categoryHelp     = "help.category."
	documentPrefix   = "document."
	retentionPrefix  = "retention."
	retentionHelp    = "help.retention."
	templatePrefix   = "template."
	caseEventPrefix  = "case.event."
	caseDetailPrefix = "case.detail."
)

// CaseStatus is the readable name of a case status.
func (p *page) CaseStatus(s domain.CaseStatus) string { return p.loc.T(caseStatusPrefix + string(s)) }

// CaseStatuses lists every case status, for filters.
func (p *page) CaseStatuses() []domain.CaseStatus { return domain.CaseStatuses }

// Category is the readable name of a screening category.
func (p *page) Category(c domain.Category) string { return p.loc.T(categoryPrefix + string(c)) }

// CategoryHelp says what a category collects and when it may be asked for.
func (p *page) CategoryHelp(c domain.Category) string { return p.loc.T(categoryHelp + string(c)) }

// DocKind is the readable name of a document kind.
func (p *page) DocKind(k domain.DocumentKind) string { return p.loc.T(documentPrefix + string(k)) }

// Retention is the readable name of a retention profile.
func (p *page) Retention(r domain.RetentionProfile) string {
	return p.loc.T(retentionPrefix + string(r))
}

// RetentionHelp says how long a retention profile keeps data.
func (p *page) RetentionHelp(r domain.RetentionProfile) string {
	return p.loc.T(retentionHelp + string(r))
}

// RetentionProfiles lists every retention profile, for selects.
func (p *page) RetentionProfiles() []domain.RetentionProfile { return domain.RetentionProfiles }

// Language is the name of a subject language ("da" or "en") in itself.
func (p *page) Language(lang string) string {
	if lang == "en" {
		return p.loc.T("nav.lang_en")
	}
	return p.loc.T("nav.lang_da")
}

// TemplateName is the readable name of a built-in package template.
func (p *page) TemplateName(key string) string { return p.loc.T(templatePrefix + key + ".name") }

// TemplateHelp says what a built-in package template is for.
func (p *page) TemplateHelp(key string) string { return p.loc.T(templatePrefix + key + ".help") }

// Assurance says in words how the subject was identified; "" until they
// were.
func (p *page) Assurance(a string) string {
	if a == "" {
		return ""
	}
	if id := "assurance." + a; p.loc.Has(id) {
		return p.loc.T(id)
	}
	return a
}

// Languages lists the languages a subject can be written to in.
func (p *page) Languages() []string { return i18n.Languages }
