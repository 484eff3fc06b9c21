package domain

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Category is one kind of screening (DOMAIN §3).
type Category string

// Screening categories. Health data is deliberately not one.
const (
	CatIdentity         Category = "identity"          // MitID identity, address, citizenship, residence permit
	CatIDDocument       Category = "id_document"       // photo ID from a national authority
	CatCV               Category = "cv"                // employment and activities in the look-back period
	CatEducation        Category = "education"         // institutions, programmes, diplomas
	CatCriminalRecord   Category = "criminal_record"   // certificate from every residence country
	CatChildCertificate Category = "child_certificate" // børneattest, for work with children under 15
	CatDrivingLicence   Category = "driving_licence"   // categories and expiry, from the card
	CatBusinessRoles    Category = "business_roles"    // roles in companies (CVR)
	CatCredit           Category = "credit"            // credit-bureau result; particularly trusted positions only
)

// Categories lists every category in the order the wizard asks for them.
var Categories = []Category{CatIdentity, CatIDDocument, CatCV, CatEducation, CatCriminalRecord, CatChildCertificate, CatDrivingLicence, CatBusinessRoles, CatCredit}

// Valid reports whether c is a known category.
func (c Category) Valid() bool { return slices.Contains(Categories, c) }

// DocumentKind is a kind of document a subject may upload.
type DocumentKind string

// Document kinds.
const (
	DocPassport         DocumentKind = "passport"
	DocNationalID       DocumentKind = "national_id"
	DocDrivingLicence   DocumentKind = "driving_licence"
	DocResidencePermit  DocumentKind = "residence_permit"
	DocBirthCertificate DocumentKind = "birth_certificate"
	DocReference        DocumentKind = "reference"
	DocPayslip          DocumentKind = "payslip"
	DocIncomeExtract    DocumentKind = "income_extract" // the subject's own eIndkomst extract
	DocPensionOverview  DocumentKind = "pension_overview"
	DocDiploma          DocumentKind = "diploma"
	DocCriminalRecord   DocumentKind = "criminal_record"
	DocChildCertificate DocumentKind = "child_certificate"
	DocGapEvidence      DocumentKind = "gap_evidence" // documents a gap, e.g. parental leave
	DocOther            DocumentKind = "other"
)

// DocumentKinds lists every document kind.
var DocumentKinds = []DocumentKind{DocPassport, DocNationalID, DocDrivingLicence, DocResidencePermit, DocBirthCertificate, DocReference, DocPayslip, DocIncomeExtract, DocPensionOverview, DocDiploma, DocCriminalRecord, DocChildCertificate, DocGapEvidence, DocOther}

// Valid reports whether k is a known document kind.
func (k DocumentKind) Valid() bool { return slices.Contains(DocumentKinds, k) }

// PackageCategory is one category of a package with the reason it is
// relevant to the position (proportionality) and the documents required.
type PackageCategory struct {
	Category      Category       `json:"category"`
	Justification string         `json:"justification"`
	Documents     []DocumentKind `json:"documents,omitempty"`
}

// RetentionProfile names how long a case's data is kept (DOMAIN §6).
type RetentionProfile string

// Retention profiles.
const (
	RetainApplicant  RetentionProfile = "applicant"  // rejected: ≤ 6 months; hired: moves to personnel file
	RetainPersonnel  RetentionProfile = "personnel"  // employment + 5 years
	RetainAviation   RetentionProfile = "aviation"   // documentation for the whole employment
	RetainTransitory RetentionProfile = "transitory" // integration: deleted once exported
)

// RetentionProfiles lists every retention profile.
var RetentionProfiles = []RetentionProfile{RetainApplicant, RetainPersonnel, RetainAviation, RetainTransitory}

// PackageDefinition is the content of one version of a screening package.
// A case keeps the version it was created with.
type PackageDefinition struct {
	Name                string            `json:"name"`
	Description         string            `json:"description,omitempty"`
	Position            string            `json:"position,omitempty"`
	ParticularlyTrusted bool              `json:"particularly_trusted,omitempty"`
	Categories          []PackageCategory `json:"categories"`
	LookbackYears       int               `json:"lookback_years"`
	RecurrenceMonths    int               `json:"recurrence_months,omitempty"` // 0: no recurring check
	Retention           RetentionProfile  `json:"retention"`
	Template            string            `json:"template,omitempty"` // the built-in template it came from
	// FourEyes makes every decision wait for a second reviewer's
	// confirmation; the same person cannot do both.
	FourEyes bool `json:"four_eyes,omitempty"`
}

// Has reports whether the definition includes category c.
func (d PackageDefinition) Has(c Category) bool {
	return slices.ContainsFunc(d.Categories, func(pc PackageCategory) bool { return pc.Category == c })
}

// Normalize trims text fields and orders categories as the wizard does.
func (d *PackageDefinition) Normalize() {
	d.Name, d.Description, d.Position = strings.TrimSpace(d.Name), strings.TrimSpace(d.Description), strings.TrimSpace(d.Position)
	// A copy, so normalising never reorders the caller's slice.
	d.Categories = slices.Clone(d.Categories)
	for i := range d.Categories {
		d.Categories[i].Justification = strings.TrimSpace(d.Categories[i].Justification)
	}
	slices.SortStableFunc(d.Categories, func(a, b PackageCategory) int {
		return slices.Index(Categories, a.Category) - slices.Index(Categories, b.Category)
	})
}

// Validate enforces the proportionality rules: every category needs a
// justification, a credit check needs a particularly trusted position, and
// a criminal record check a written justification.
func (d PackageDefinition) Validate() error {
	f := map[string]string{}
	if d.Name == "" {
		f["name"] = "error.required"
	} else if utf8.RuneCountInString(d.Name) > 120 {
		f["name"] = "error.too_long"
	}
	if utf8.RuneCountInString(d.Description) > 2000 {
		f["description"] = "error.too_long"
	}
	if utf8.RuneCountInString(d.Position) > 200 {
		f["position"] = "error.too_long"
	}
	if len(d.Categories) == 0 {
		f["categories"] = "error.package_no_categories"
	}
	seen := map[Category]bool{}
	for _, pc := range d.Categories {
		key := "justification_" + string(pc.Category)
		switch {
		case !pc.Category.Valid():
			f["categories"] = "error.invalid"
		case seen[pc.Category]:
			f["categories"] = "error.invalid"
		case pc.Category == CatCredit && !d.ParticularlyTrusted:
			f[key] = "error.credit_needs_trusted_position"
		case pc.Justification == "":
			f[key] = "error.justification_required"
		case utf8.RuneCountInString(pc.Justification) > 2000:
			f[key] = "error.too_long"
		}
		seen[pc.Category] = true
		for _, k := range pc.Documents {
			if !k.Valid() {
				f["documents_"+string(pc.Category)] = "error.invalid"
			}
		}
	}
	if d.LookbackYears < 1 || d.LookbackYears > 10 {
		f["lookback_years"] = "error.lookback_years"
	}
	if d.RecurrenceMonths < 0 || d.RecurrenceMonths > 60 {
		f["recurrence_months"] = "error.recurrence_months"
	}
	if !slices.Contains(RetentionProfiles, d.Retention) {
		f["retention"] = "error.invalid"
	}
	if len(f) > 0 {
		return Invalid(f)
	}
	return nil
}

// Package is a screening package of one organisation at its current
// version.
type Package struct {
	ID         string
	OrgID      string
	Version    int
	Definition PackageDefinition
	CreatedAt  time.Time
	UpdatedAt  time.Time
	ArchivedAt time.Time // zero while in use
}
