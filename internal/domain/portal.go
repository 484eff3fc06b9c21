package domain

import (
	"context"
	"io"
	"time"
)

// PortalCase is what the subject portal shows about the case a link
// addresses: who asks, for what, why, and how far the subject has come.
// It carries no personal data beyond the subject's own first name.
type PortalCase struct {
	CaseID        string
	Status        CaseStatus
	Language      string
	FirstName     string
	Org           Organisation
	PackageName   string
	Position      string
	Definition    PackageDefinition // the version the case was created with
	LinkExpiresAt time.Time
	SubmittedAt   time.Time
	Consents      map[Category]*Consent // latest answer per category
	ConsentDone   bool                  // every category answered
	Identified    bool                  // a verified identity is bound to the case
	Assurance     string
}

// SubjectSession is a subject's signed-in portal session, separate from
// company sessions.
type SubjectSession struct {
	CaseID    string
	OrgID     string
	SubjectID string
	CSRFToken string
	Assurance string // mitid_substantial, mitid_high, email_code
	ExpiresAt time.Time
}

// Wizard steps, in order. A package's categories decide which appear.
const (
	StepPersonal         = "personal"   // address, citizenship, residence permit
	StepResidence        = "residence"  // countries lived in (criminal record)
	StepEmployment       = "employment" // CV
	StepEducation        = "education"
	StepLicence          = "licence"        // driving licence
	StepBusinessRoles    = "business_roles" // self-declaration
	StepIDDocument       = "id_document"
	StepCriminalRecord   = "criminal_record"   // certificate upload / instructions
	StepChildCertificate = "child_certificate" // børneattest
	StepReview           = "review"
)

// WizardStep is one step of the subject's wizard.
type WizardStep struct {
	Key       string
	Category  Category
	Documents []DocumentKind // documents the package requires in this step
	Done      bool
}

// Wizard is the subject's progress and everything entered so far.
type Wizard struct {
	Steps     []WizardStep
	Data      WizardData
	Documents []*Document
	UpdatedAt time.Time
	// CVSuggestedFrom names the kind of document (DocIncomeExtract or
	// DocPensionOverview) the CV rows in Data were suggested from, when
	// the subject has not saved a CV yet; "" when they are the subject's.
	CVSuggestedFrom DocumentKind
}

// WizardData is what the subject declares. Dates are DD/MM/YY as typed
// (DD/MM/YYYY and YYYY-MM-DD are accepted too); an empty To means ongoing.
type WizardData struct {
	Personal   Personal       `json:"personal"`
	Residences []Residence    `json:"residences,omitempty"`
	Activities []Activity     `json:"activities,omitempty"`
	Educations []Education    `json:"educations,omitempty"`
	Licence    Licence        `json:"licence"`
	Roles      []BusinessRole `json:"roles,omitempty"`
	NoRoles    bool           `json:"no_roles,omitempty"` // declared to hold none
	Done       []string       `json:"done,omitempty"`     // completed step keys
	// VerifiedName is the name MitID vouched for at the first sign-in; the
	// subject cannot change it (no step writes it), and the analysis
	// compares it with the invited name.
	VerifiedName string `json:"verified_name,omitempty"`
}

// Personal is the subject's address and citizenship.
type Personal struct {
	Address       string `json:"address"`
	Postcode      string `json:"postcode"`
	City          string `json:"city"`
	Country       string `json:"country"`     // ISO 3166-1 alpha-2
	Citizenship   string `json:"citizenship"` // ISO 3166-1 alpha-2
	PermitExpires string `json:"permit_expires,omitempty"`
}

// Residence is a period lived in one country.
type Residence struct {
	Country string `json:"country"`
	From    string `json:"from"`
	To      string `json:"to"`
}

// Activity kinds of the CV step.
const (
	ActivityEmployment   = "employment"
	ActivitySelfEmployed = "self_employed"
	ActivityUnemployed   = "unemployed"
	ActivityLeave        = "leave" // parental, sick, sabbatical
	ActivityOther        = "other"
)

// Activity is one line of the CV: a job or what filled a period.
type Activity struct {
	Kind     string `json:"kind"`
	Employer string `json:"employer,omitempty"`
	CVR      string `json:"cvr,omitempty"`
	Country  string `json:"country,omitempty"`
	Role     string `json:"role,omitempty"`
	From     string `json:"from"`
	To       string `json:"to"`
	Note     string `json:"note,omitempty"` // e.g. the reason for a gap
}

// Education is one programme.
type Education struct {
	Institution string `json:"institution"`
	Programme   string `json:"programme"`
	From        string `json:"from"`
	To          string `json:"to"`
	Completed   bool   `json:"completed"`
}

// Licence is the subject's driving licence as read from the card.
type Licence struct {
	Number     string   `json:"number,omitempty"`
	Categories []string `json:"categories,omitempty"`
	Issued     string   `json:"issued,omitempty"`
	Expires    string   `json:"expires,omitempty"`
	// CategoryExpiry holds the categories whose own expiry (column 11 on
	// the back) comes before the card's, such as C and D, which are
	// renewed every five years.
	CategoryExpiry map[string]string `json:"category_expiry,omitempty"`
	// Source is where the subject read it: the card or the licence app.
	Source string `json:"source,omitempty"`
}

// Licence sources.
const (
	LicenceFromCard = "card"
	LicenceFromApp  = "app"
)

// LicenceShortCategories are the categories whose validity is usually
// shorter than the card's, so the wizard asks for their own expiry.
var LicenceShortCategories = []string{"C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE"}

// BusinessRole is a role the subject declares in a company.
type BusinessRole struct {
	Company string `json:"company"`
	CVR     string `json:"cvr,omitempty"`
	Role    string `json:"role"` // director, board_member, owner, founder, sole_proprietor
	From    string `json:"from"`
	To      string `json:"to"`
}

// PortalService is the subject's side of a case. Link-token methods work
// before sign-in; the others take the subject session token.
type PortalService interface {
	// Open returns the case a link addresses, or ENotFound with
	// "error.link_invalid" when the link is unknown, replaced, expired or
	// the case is closed.
	Open(ctx context.Context, link string) (*PortalCase, error)
	// GiveConsents records an answer for every category of the package, as
	// proof: the exact text version, time and client.
	GiveConsents(ctx context.Context, link string, given map[Category]bool, textVersion string, meta ClientMeta) error
	// BeginLogin starts MitID sign-in and returns the broker URL.
	BeginLogin(ctx context.Context, link string) (string, error)
	// FinishLogin completes MitID sign-in from the broker's callback and
	// returns the new subject session token and the link it belongs to.
	FinishLogin(ctx context.Context, code, state string, meta ClientMeta) (token, link string, err error)
	// SendEmailCode starts the fallback sign-in for subjects without MitID.
	SendEmailCode(ctx context.Context, link string) error
	// VerifyEmailCode completes the fallback sign-in.
	VerifyEmailCode(ctx context.Context, link, code string, meta ClientMeta) (token string, err error)
	Session(ctx context.Context, token string) (*SubjectSession, error)
	Logout(ctx context.Context, token string) error
	Wizard(ctx context.Context, token string) (*Wizard, error)
	// SaveStep validates and stores one step's part of data; warnings
	// (e.g. overlapping periods) are message ids that do not stop saving.
	SaveStep(ctx context.Context, token, step string, data WizardData) (warnings []string, err error)
	Upload(ctx context.Context, token, step string, kind DocumentKind, fileName string, r io.Reader) (*Document, error)
	OpenDocument(ctx context.Context, token, id string) (io.ReadCloser, *Document, error)
	DeleteDocument(ctx context.Context, token, id string) error
	Submit(ctx context.Context, token string) error
	WithdrawConsent(ctx context.Context, token string, c Category) error
}
