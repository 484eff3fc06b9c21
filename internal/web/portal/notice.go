package portal

import (
	"slices"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// notice is the privacy notice (GDPR Art 13) of one case, built from the
// organisation's settings and the package version the case was created
// with. Every sentence is a catalogue message; only names, the position
// and the organisation's own justifications come from the data.
type notice struct {
	Org              domain.Organisation
	HasDPO           bool
	Position         string
	Package          string
	Categories       []noticeCategory
	Sources          []string // message ids
	Bases            []string // message ids of the bases beyond consent
	Retention        string   // message id
	OutcomeOnly      bool     // a criminal record or child certificate is asked for
	LookbackYears    int
	RecurrenceMonths int
}

// noticeCategory is one category with the organisation's reason for it
// and the legal bases it rests on.
type noticeCategory struct {
	Category      domain.Category
	Justification string
	Bases         []string // message ids
}

const noticePrefix = "page.portal.notice."

func newNotice(pc *domain.PortalCase) notice {
	d := pc.Definition
	n := notice{
		Org:              pc.Org,
		HasDPO:           strings.TrimSpace(pc.Org.DPOName+pc.Org.DPOEmail+pc.Org.DPOPhone) != "",
		Position:         firstNonEmpty(pc.Position, d.Position),
		Package:          firstNonEmpty(pc.PackageName, d.Name),
		Retention:        retentionPrefix + string(d.Retention),
		LookbackYears:    d.LookbackYears,
		RecurrenceMonths: d.RecurrenceMonths,
		Bases:            []string{noticePrefix + "basis.legitimate"},
	}
	if !slices.Contains(domain.RetentionProfiles, d.Retention) {
		n.Retention = retentionPrefix + string(domain.RetainApplicant)
	}
	if d.Retention == domain.RetainAviation {
		n.Bases = append(n.Bases, noticePrefix+"basis.aviation")
	}
	for _, c := range d.Categories {
		n.Categories = append(n.Categories, noticeCategory{
			Category: c.Category, Justification: c.Justification, Bases: categoryBases(c.Category),
		})
		if c.Category == domain.CatCriminalRecord || c.Category == domain.CatChildCertificate {
			n.OutcomeOnly = true
		}
	}
	n.Sources = noticeSources(d)
	return n
}

// categoryBases are the legal bases of one category: consent always, and
// the special rules for CPR numbers and criminal records.
func categoryBases(c domain.Category) []string {
	bases := []string{noticePrefix + "basis.consent"}
	switch c {
	case domain.CatIdentity:
		bases = append(bases, noticePrefix+"basis.cpr")
	case domain.CatCriminalRecord:
		bases = append(bases, noticePrefix+"basis.criminal")
	case domain.CatChildCertificate:
		bases = append(bases, noticePrefix+"basis.criminal", noticePrefix+"basis.child")
	}
	return bases
}

// noticeSources lists where the data comes from: the subject and MitID
// always, and the registers the package's categories reach.
func noticeSources(d domain.PackageDefinition) []string {
	src := []string{noticePrefix + "source.you", noticePrefix + "source.mitid"}
	if d.Has(domain.CatIdentity) {
		src = append(src, noticePrefix+"source.cpr")
	}
	if d.Has(domain.CatCV) || d.Has(domain.CatBusinessRoles) {
		src = append(src, noticePrefix+"source.cvr")
	}
	if d.Has(domain.CatCredit) {
		src = append(src, noticePrefix+"source.credit")
	}
	return src
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
