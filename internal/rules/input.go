package rules

// Input is everything known about one check when it is analysed: the
// check date (the engine never reads a clock), the package's rules, what
// the subject declared and the evidence gathered from registers,
// documents and the company's own records. Other packages fill it; the
// JSON tags define the documented format of `bgcheck analyze`.
type Input struct {
	// CheckDate is the date the check is carried out. The look-back
	// window ends the day before it.
	CheckDate Date `json:"check_date"`
	// PreviousCheck is the date of the subject's last satisfactory ID/CV
	// check whose documentation the company keeps, or zero. When it has
	// not lapsed, only the time since then needs new verification
	// (guidance §2.3, repetition).
	PreviousCheck Date         `json:"previous_check,omitzero"`
	Package       PackageRules `json:"package"`
	Declared      Declared     `json:"declared"`
	Evidence      Evidence     `json:"evidence"`
}

// Category is a screening category of DOMAIN §3. Findings carry one so the
// company sees them grouped the way the package is built.
type Category string

// Screening categories. General covers findings that belong to the check
// as a whole (re-check dates, aviation cards, police application).
const (
	CategoryIdentity       Category = "identity" // identity, address, residence permit
	CategoryIDDocument     Category = "id_document"
	CategoryCV             Category = "cv"
	CategoryEducation      Category = "education"
	CategoryCriminalRecord Category = "criminal_record"
	CategoryChildCert      Category = "child_certificate"
	CategoryDrivingLicence Category = "driving_licence"
	CategoryBusinessRoles  Category = "business_roles"
	CategoryCredit         Category = "credit"
	CategoryGeneral        Category = "general"
)

var knownCategories = []Category{
	CategoryIdentity, CategoryIDDocument, CategoryCV, CategoryEducation,
	CategoryCriminalRecord, CategoryChildCert, CategoryDrivingLicence,
	CategoryBusinessRoles, CategoryCredit,
}

// Defaults applied when a PackageRules field is zero.
const (
	DefaultLookBackYears         = 5  // guidance §2.3: at least five years
	DefaultExpiryWarningDays     = 90 // warn this long before a permit expires
	DefaultCertificateMaxAgeDays = 90 // criminal-record certificate age accepted
)

// PackageRules is the part of a screening package the rules depend on.
type PackageRules struct {
	// Categories lists what the package checks; rules of other categories
	// do not run.
	Categories []Category `json:"categories"`
	// LookBackYears is the CV and residence look-back; 0 means 5.
	LookBackYears int `json:"look_back_years,omitempty"`
	// RecurrenceMonths is the ID/CV re-check interval; 0 means the package
	// does not recur. Aviation packages use 12.
	RecurrenceMonths int `json:"recurrence_months,omitempty"`
	// PoliceVetting marks the aviation extended background check, whose
	// second phase the police carry out: they obtain the Danish record
	// and, through ECRIS, records from other EU/EFTA countries.
	PoliceVetting bool `json:"police_vetting,omitempty"`
	// TrustedPosition is the company's statement that the position is
	// particularly trusted, the only case in which a credit check is
	// allowed (Datatilsynet's practice, DOMAIN §3).
	TrustedPosition bool `json:"trusted_position,omitempty"`
	// Position is the job title, used to spot credit checks for titles the
	// Danish DPA has found not to be particularly trusted.
	Position string `json:"position,omitempty"`
	// RequiredLicenceCategories are driving-licence categories the
	// position needs, e.g. "B", "C", "CE".
	RequiredLicenceCategories []string `json:"required_licence_categories,omitempty"`
	// ExpiryWarningDays: permits and licences expiring within this many
	// days of the check date are pointed out; 0 means 90.
	ExpiryWarningDays int `json:"expiry_warning_days,omitempty"`
	// CertificateMaxAgeDays: a criminal-record certificate issued longer
	// ago than this before the check date is out of date; 0 means 90.
	CertificateMaxAgeDays int `json:"certificate_max_age_days,omitempty"`
}

// Has reports whether the package checks category c.
func (p PackageRules) Has(c Category) bool {
	for _, x := range p.Categories {
		if x == c {
			return true
		}
	}
	return false
}

func (p PackageRules) lookBackYears() int {
	return orDefault(p.LookBackYears, DefaultLookBackYears)
}

func (p PackageRules) expiryWarningDays() int {
	return orDefault(p.ExpiryWarningDays, DefaultExpiryWarningDays)
}

func (p PackageRules) certificateMaxAgeDays() int {
	return orDefault(p.CertificateMaxAgeDays, DefaultCertificateMaxAgeDays)
}

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}
