package rules

// Evidence is what bgcheck found or was given to check the declarations
// against: register extracts, documents and the company's own records.
// Slices may be in any order; the result does not depend on it.
type Evidence struct {
	Income           []IncomeRow       `json:"income,omitempty"`
	Documents        []Document        `json:"documents,omitempty"`
	EmployerContacts []EmployerContact `json:"employer_contacts,omitempty"`
	RegisterRoles    []RegisterRole    `json:"register_roles,omitempty"`
	CPR              *CPRRecord        `json:"cpr,omitempty"`
	// MitIDName is the name the MitID broker returned.
	MitIDName       string           `json:"mitid_name,omitempty"`
	Permits         []Permit         `json:"permits,omitempty"`
	CriminalRecords []CriminalRecord `json:"criminal_records,omitempty"`
	Credit          *CreditResult    `json:"credit,omitempty"`
	GuestCards      []GuestCard      `json:"guest_cards,omitempty"`
	AirportCards    []AirportCard    `json:"airport_cards,omitempty"`
}

// Source names where a piece of data came from; findings cite it.
type Source string

// Sources.
const (
	SourceDeclared        Source = "declared"        // the subject's own statements
	SourceIncomeRegister  Source = "income_register" // eIndkomst extract
	SourcePension         Source = "pension"         // pension overview / ATP
	SourceDocument        Source = "document"        // an uploaded document
	SourceEmployerContact Source = "employer_contact"
	SourceCVR             Source = "cvr"
	SourceCPR             Source = "cpr"
	SourceMitID           Source = "mitid"
	SourcePermit          Source = "permit"
	SourceCriminalRecord  Source = "criminal_record"
	SourceCredit          Source = "credit"
	SourceAirport         Source = "airport"  // airport and guest ID cards
	SourcePackage         Source = "package"  // the screening package
	SourceFindings        Source = "findings" // other findings of this analysis
)

// IncomeRow is one employer/period line of an income-register extract or
// pension overview: who paid salary or pension contributions when. Amounts
// are deliberately absent: the rules do not need them.
type IncomeRow struct {
	ID           string `json:"id"`
	Source       Source `json:"source"` // SourceIncomeRegister or SourcePension
	EmployerName string `json:"employer_name"`
	CVR          string `json:"cvr,omitempty"`
	Period       Period `json:"period"`
}

// DocumentKind says what a document is.
type DocumentKind string

// Document kinds. They include every kind the case layer lets a subject
// upload, refined where a rule needs more (photo ID or not, payslip or
// diploma).
const (
	DocPassport           DocumentKind = "passport"
	DocNationalIDCard     DocumentKind = "national_id"
	DocDrivingLicence     DocumentKind = "driving_licence"
	DocResidenceCard      DocumentKind = "residence_card"
	DocBirthCertificate   DocumentKind = "birth_certificate"
	DocBaptismCert        DocumentKind = "baptism_certificate"
	DocResidencePermit    DocumentKind = "residence_permit"
	DocCitizenshipCert    DocumentKind = "citizenship_certificate"
	DocReference          DocumentKind = "reference"
	DocPayslip            DocumentKind = "payslip"
	DocBankStatement      DocumentKind = "bank_statement"
	DocATPExtract         DocumentKind = "atp_extract"
	DocPensionOverview    DocumentKind = "pension_overview"
	DocIncomeExtract      DocumentKind = "income_extract" // the subject's own eIndkomst extract
	DocEmploymentContract DocumentKind = "employment_contract"
	DocTaxAssessment      DocumentKind = "tax_assessment"
	DocDiploma            DocumentKind = "diploma"
	DocCertificate        DocumentKind = "certificate"
	DocEnrolment          DocumentKind = "enrolment_confirmation"
	DocUnemploymentFund   DocumentKind = "unemployment_fund_statement"
	DocDeathCertificate   DocumentKind = "death_certificate"
	DocMedicalCert        DocumentKind = "medical_certificate"
	DocTravelDocument     DocumentKind = "travel_document"
	DocGapEvidence        DocumentKind = "gap_evidence" // documents a gap, of any kind
	DocCriminalRecord     DocumentKind = "criminal_record"
	DocChildCertificate   DocumentKind = "child_certificate"
	DocOther              DocumentKind = "other"
)

// Document describes an uploaded document. The engine never sees its
// content, only what the subject or the handler recorded about it.
type Document struct {
	ID   string       `json:"id"`
	Kind DocumentKind `json:"kind"`
	// For is the ID of the declared item (activity or gap explanation)
	// the document supports; empty for identity documents.
	For string `json:"for,omitempty"`
	// HolderName is the name printed on an identity document.
	HolderName string `json:"holder_name,omitempty"`
	// HasPhoto and NationalAuthority together make a photo ID in the
	// sense of guidance §2.3.
	HasPhoto          bool `json:"has_photo,omitempty"`
	NationalAuthority bool `json:"national_authority,omitempty"`
	Issued            Date `json:"issued,omitzero"`
	Expiry            Date `json:"expiry,omitzero"` // zero: does not expire
	// Attests is the period the document confirms (e.g. a reference's
	// employment period), zero when it names none.
	Attests Period `json:"attests,omitzero"`
}

// EmployerContact is the company's record of contacting a former employer
// to confirm an employment (guidance §2.3). All four of ContactDate,
// Company, ContactPerson and Confirmed are required.
type EmployerContact struct {
	ID            string `json:"id"`
	For           string `json:"for,omitempty"` // the activity's ID
	ContactDate   Date   `json:"contact_date,omitzero"`
	Company       string `json:"company,omitempty"`
	ContactPerson string `json:"contact_person,omitempty"`
	// Confirmed is the employment period the employer confirmed; an open
	// end means the employer confirmed the employment is ongoing.
	Confirmed Period `json:"confirmed,omitzero"`
}

// RegisterRole is a role found in the CVR register. The register holds no
// CPR numbers, so the person was matched by name and address and
// Confidence (0–1) says how sure that match is.
type RegisterRole struct {
	ID         string   `json:"id"`
	Company    string   `json:"company"`
	CVR        string   `json:"cvr,omitempty"`
	Role       RoleKind `json:"role"`
	Period     Period   `json:"period"`
	Confidence float64  `json:"confidence"`
}

// CPRStatus is a person's status in the CPR register.
type CPRStatus string

// CPR statuses. Only Active is an ordinary living resident.
const (
	CPRActive       CPRStatus = "active"
	CPREmigrated    CPRStatus = "emigrated"
	CPRDeceased     CPRStatus = "deceased"
	CPRMissing      CPRStatus = "missing"
	CPRDiscontinued CPRStatus = "discontinued"
)

// CPRRecord is the current name, address and status from the CPR office.
type CPRRecord struct {
	Name    string    `json:"name"`
	Address Address   `json:"address,omitzero"`
	Status  CPRStatus `json:"status,omitempty"`
}

// PermitKind says what a permit or licence is.
type PermitKind string

// Permit kinds.
const (
	PermitResidence      PermitKind = "residence_permit"
	PermitWork           PermitKind = "work_permit"
	PermitDrivingLicence PermitKind = "driving_licence"
)

// Permit is a residence or work permit or a driving licence.
type Permit struct {
	ID   string     `json:"id"`
	Kind PermitKind `json:"kind"`
	// Categories are driving-licence categories, e.g. "B", "C".
	Categories []string `json:"categories,omitempty"`
	Issued     Date     `json:"issued,omitzero"`
	Expiry     Date     `json:"expiry,omitzero"` // zero: does not expire
}

// RecordKind tells an ordinary criminal record from a child certificate.
type RecordKind string

// Record kinds.
const (
	RecordCriminal RecordKind = "criminal"
	RecordChild    RecordKind = "child" // børneattest
)

// Outcome is what a criminal-record certificate said.
type Outcome string

// Outcomes. Unobtainable records that neither the police nor the subject
// could obtain the record from that country.
const (
	OutcomeClean        Outcome = "clean"
	OutcomeHasEntries   Outcome = "has_entries"
	OutcomeUnobtainable Outcome = "unobtainable"
)

// CriminalRecord is the outcome of a criminal-record certificate from one
// country; only outcome and date are kept once the decision is made.
type CriminalRecord struct {
	ID      string     `json:"id"`
	Kind    RecordKind `json:"kind"`
	Country string     `json:"country"` // ISO 3166-1 alpha-2
	Issued  Date       `json:"issued,omitzero"`
	Outcome Outcome    `json:"outcome"`
	// Reading is present when bgcheck read the certificate's PDF itself:
	// the comparison with the verified identity and what the reader
	// noticed (see CertificateReading). Nil for a record typed in by hand.
	Reading *CertificateReading `json:"reading,omitempty"`
}

// CreditResult is a credit-bureau answer.
type CreditResult struct {
	ID         string `json:"id"`
	Date       Date   `json:"date"`
	HasRemarks bool   `json:"has_remarks"`
}

// GuestCard is a guest airport ID card issued to the subject.
type GuestCard struct {
	ID     string `json:"id"`
	Period Period `json:"period"`
}

// AirportCard is an airport (or crew) ID card held by the subject.
type AirportCard struct {
	ID     string `json:"id"`
	Issued Date   `json:"issued"`
	Expiry Date   `json:"expiry"`
}
