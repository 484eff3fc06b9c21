package portal

import "github.com/bgcheck/bgcheck/internal/domain"

// The names of domain values are catalogue messages whose ids are the
// value behind a fixed prefix. TestDomainValuesHaveLabels proves that
// every value has one in every language. The portal words them for the
// subject, so they are its own rather than the company interface's.
const (
	categoryPrefix   = "page.portal.category."
	categoryWhat     = "page.portal.consent.what."
	documentPrefix   = "page.portal.document."
	stepPrefix       = "page.portal.step."
	caseStatusPrefix = "page.portal.case_status."
	caseNextPrefix   = "page.portal.case_next."
	activityPrefix   = "page.portal.activity."
	rolePrefix       = "page.portal.role."
	retentionPrefix  = "page.portal.notice.retention."
	addRowPrefix     = "action.portal.add_row."
)

// stepKeys are the wizard steps, in order.
var stepKeys = []string{
	domain.StepPersonal, domain.StepResidence, domain.StepEmployment, domain.StepEducation, domain.StepLicence,
	domain.StepBusinessRoles, domain.StepIDDocument, domain.StepCriminalRecord, domain.StepChildCertificate,
}

// Category is the plain name of a screening category.
func (p *page) Category(c domain.Category) string { return p.loc.T(categoryPrefix + string(c)) }

// CategoryWhat says in plain words what a category collects.
func (p *page) CategoryWhat(c domain.Category) string { return p.loc.T(categoryWhat + string(c)) }

// AddRow is the label of the button that adds a row to list.
func (p *page) AddRow(list string) string { return p.loc.T(addRowPrefix + list) }

// DocKind is the plain name of a document kind.
func (p *page) DocKind(k domain.DocumentKind) string { return p.loc.T(documentPrefix + string(k)) }

// StepTitle is the heading of a wizard step.
func (p *page) StepTitle(key string) string { return p.loc.T(stepPrefix + key + ".title") }

// StepIntro says what a wizard step asks for and why.
func (p *page) StepIntro(key string) string { return p.loc.T(stepPrefix + key + ".intro") }

// CaseStatus says in plain words where the case is.
func (p *page) CaseStatus(s domain.CaseStatus) string { return p.loc.T(caseStatusPrefix + string(s)) }

// CaseNext says what happens next at status s.
func (p *page) CaseNext(s domain.CaseStatus) string { return p.loc.T(caseNextPrefix + string(s)) }

// Activity is the plain name of a CV activity kind; "" for none.
func (p *page) Activity(kind string) string {
	if kind == "" {
		return ""
	}
	return p.loc.T(activityPrefix + kind)
}

// RoleName is the plain name of a business role; "" for none.
func (p *page) RoleName(role string) string {
	if role == "" {
		return ""
	}
	return p.loc.T(rolePrefix + role)
}

// Period shows a period as typed, e.g. "01/07/17 – 30/06/22", or as
// ongoing when it has no end.
func (p *page) Period(from, to string) string {
	if to == "" {
		return p.loc.T("page.portal.review.ongoing", map[string]any{"From": from})
	}
	return p.loc.T("page.portal.review.period", map[string]any{"From": from, "To": to})
}
