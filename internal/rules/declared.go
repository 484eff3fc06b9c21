package rules

// Declared is what the subject told: identity details, the CV, the
// residence history and self-declared business roles. Every item has an ID
// that evidence refers to (a document uploaded for a job names that job's
// ID) and that findings cite.
type Declared struct {
	// Name is the subject's name as invited or typed by the subject.
	Name string `json:"name,omitempty"`
	// Address is the current address the subject gave.
	Address Address `json:"address,omitzero"`
	// Citizenships are ISO 3166-1 alpha-2 codes.
	Citizenships    []string         `json:"citizenships,omitempty"`
	Activities      []Activity       `json:"activities,omitempty"`
	GapExplanations []GapExplanation `json:"gap_explanations,omitempty"`
	Residences      []Residence      `json:"residences,omitempty"`
	BusinessRoles   []BusinessRole   `json:"business_roles,omitempty"`
}

// Address is a postal address.
type Address struct {
	Street     string `json:"street,omitempty"` // street, number, floor, door
	PostalCode string `json:"postal_code,omitempty"`
	City       string `json:"city,omitempty"`
	Country    string `json:"country,omitempty"` // ISO 3166-1 alpha-2
}

// IsZero reports whether no part of the address is set.
func (a Address) IsZero() bool { return a == Address{} }

// ActivityKind says what a CV entry is.
type ActivityKind string

// Activity kinds: the work and study the CV check verifies (guidance
// §2.3). Time spent otherwise is a gap, explained by a GapExplanation.
const (
	KindEmployment     ActivityKind = "employment"
	KindSelfEmployment ActivityKind = "self_employment"
	KindEducation      ActivityKind = "education"
)

// Activity is one CV entry: a job, own business or education.
type Activity struct {
	ID     string       `json:"id"`
	Kind   ActivityKind `json:"kind"`
	Period Period       `json:"period"`
	// Name is the employer, own company or educational institution.
	Name string `json:"name"`
	// CVR is the Danish company registration number, when there is one.
	CVR     string `json:"cvr,omitempty"`
	Country string `json:"country,omitempty"`
}

// GapReason says what the subject did during a period of neither work nor
// study.
type GapReason string

// Gap reasons. AnnualLeave is the guidance's exception: ordinary annual
// leave taken between two jobs needs no documentation, up to
// AnnualLeaveDaysPerYear days in a calendar year.
const (
	ReasonAnnualLeave   GapReason = "annual_leave"
	ReasonParentalLeave GapReason = "parental_leave"
	ReasonUnemployment  GapReason = "unemployment"
	ReasonIllness       GapReason = "illness"
	ReasonCare          GapReason = "care" // caring for a relative
	ReasonTravel        GapReason = "travel"
	ReasonOther         GapReason = "other"
)

// GapExplanation is the subject's account of a period without work or
// study (the CV's "other activities"). It is documented by a Document
// whose For is this ID, e.g. a birth certificate for parental leave or an
// unemployment-fund statement.
type GapExplanation struct {
	ID     string    `json:"id"`
	Period Period    `json:"period"`
	Reason GapReason `json:"reason"`
}

// Residence is a period the subject lived in one country.
type Residence struct {
	ID      string `json:"id"`
	Country string `json:"country"` // ISO 3166-1 alpha-2
	Period  Period `json:"period"`
}

// RoleKind is a person's role in a company, as in the CVR register.
type RoleKind string

// Role kinds.
const (
	RoleDirector       RoleKind = "director"
	RoleBoardMember    RoleKind = "board_member"
	RoleOwner          RoleKind = "owner"
	RoleFounder        RoleKind = "founder"
	RoleSoleProprietor RoleKind = "sole_proprietor"
	RolePartner        RoleKind = "partner"
	RoleOther          RoleKind = "other"
)

// BusinessRole is a role the subject declared having in a company.
type BusinessRole struct {
	ID      string   `json:"id"`
	Company string   `json:"company"`
	CVR     string   `json:"cvr,omitempty"`
	Role    RoleKind `json:"role"`
	Period  Period   `json:"period,omitzero"` // zero when not given
}
