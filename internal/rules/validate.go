package rules

import (
	"fmt"
	"slices"
	"strings"
)

// ValidationError names the first structurally wrong field of an Input,
// as a path like "declared.activities[2].kind".
type ValidationError struct {
	Field   string
	Problem string
}

// Error returns the field path and the problem.
func (e *ValidationError) Error() string {
	return fmt.Sprintf("rules: %s: %s", e.Field, e.Problem)
}

// Validate reports the first structural problem in the input: a missing
// check date, an unknown kind, a duplicate or empty item ID, a confidence
// outside 0–1, a malformed country code. Implausible data (a job that ends
// before it starts, a date in the future) is not an error here: it becomes
// a finding, because subjects and registers do send such data.
func (in Input) Validate() error {
	v := &validator{ids: map[string]string{}}
	if in.CheckDate.IsZero() {
		v.fail("check_date", "is required")
	}
	v.pkg(in.Package)
	v.declared(in.Declared)
	v.evidence(in.Evidence)
	if v.err != nil {
		return v.err
	}
	return nil
}

type validator struct {
	err *ValidationError
	ids map[string]string // item id → field that first used it
}

func (v *validator) fail(field, format string, args ...any) {
	if v.err == nil {
		v.err = &ValidationError{Field: field, Problem: fmt.Sprintf(format, args...)}
	}
}

func (v *validator) pkg(p PackageRules) {
	for i, c := range p.Categories {
		oneOf(v, fmt.Sprintf("package.categories[%d]", i), c, knownCategories)
	}
	v.between("package.look_back_years", p.LookBackYears, 0, 50)
	v.between("package.recurrence_months", p.RecurrenceMonths, 0, 120)
	v.between("package.expiry_warning_days", p.ExpiryWarningDays, 0, 3650)
	v.between("package.certificate_max_age_days", p.CertificateMaxAgeDays, 0, 3650)
}

func (v *validator) declared(d Declared) {
	for i, c := range d.Citizenships {
		v.country(fmt.Sprintf("declared.citizenships[%d]", i), c)
	}
	for i, a := range d.Activities {
		f := fmt.Sprintf("declared.activities[%d]", i)
		v.id(f, a.ID)
		oneOf(v, f+".kind", a.Kind, []ActivityKind{KindEmployment, KindSelfEmployment, KindEducation})
	}
	for i, e := range d.GapExplanations {
		f := fmt.Sprintf("declared.gap_explanations[%d]", i)
		v.id(f, e.ID)
		oneOf(v, f+".reason", e.Reason, []GapReason{ReasonAnnualLeave, ReasonParentalLeave,
			ReasonUnemployment, ReasonIllness, ReasonCare, ReasonTravel, ReasonOther})
	}
	for i, r := range d.Residences {
		f := fmt.Sprintf("declared.residences[%d]", i)
		v.id(f, r.ID)
		v.country(f+".country", r.Country)
	}
	for i, r := range d.BusinessRoles {
		f := fmt.Sprintf("declared.business_roles[%d]", i)
		v.id(f, r.ID)
		oneOf(v, f+".role", r.Role, roleKinds)
	}
}

var roleKinds = []RoleKind{RoleDirector, RoleBoardMember, RoleOwner, RoleFounder,
	RoleSoleProprietor, RolePartner, RoleOther}

var documentKinds = []DocumentKind{DocPassport, DocNationalIDCard, DocDrivingLicence,
	DocResidenceCard, DocBirthCertificate, DocBaptismCert, DocResidencePermit,
	DocCitizenshipCert, DocReference, DocPayslip, DocBankStatement, DocATPExtract,
	DocPensionOverview, DocIncomeExtract, DocEmploymentContract, DocTaxAssessment,
	DocDiploma, DocCertificate, DocEnrolment, DocUnemploymentFund, DocDeathCertificate,
	DocMedicalCert, DocTravelDocument, DocGapEvidence, DocCriminalRecord,
	DocChildCertificate, DocOther}

func (v *validator) evidence(e Evidence) {
	for i, r := range e.Income {
		f := fmt.Sprintf("evidence.income[%d]", i)
		v.id(f, r.ID)
		oneOf(v, f+".source", r.Source, []Source{SourceIncomeRegister, SourcePension})
	}
	for i, d := range e.Documents {
		f := fmt.Sprintf("evidence.documents[%d]", i)
		v.id(f, d.ID)
		oneOf(v, f+".kind", d.Kind, documentKinds)
	}
	for i, c := range e.EmployerContacts {
		v.id(fmt.Sprintf("evidence.employer_contacts[%d]", i), c.ID)
	}
	for i, r := range e.RegisterRoles {
		f := fmt.Sprintf("evidence.register_roles[%d]", i)
		v.id(f, r.ID)
		oneOf(v, f+".role", r.Role, roleKinds)
		if !(r.Confidence >= 0 && r.Confidence <= 1) {
			v.fail(f+".confidence", "must be between 0 and 1")
		}
	}
	if e.CPR != nil && e.CPR.Status != "" {
		oneOf(v, "evidence.cpr.status", e.CPR.Status, []CPRStatus{CPRActive, CPREmigrated,
			CPRDeceased, CPRMissing, CPRDiscontinued})
	}
	v.moreEvidence(e)
}

func (v *validator) moreEvidence(e Evidence) {
	for i, p := range e.Permits {
		f := fmt.Sprintf("evidence.permits[%d]", i)
		v.id(f, p.ID)
		oneOf(v, f+".kind", p.Kind, []PermitKind{PermitResidence, PermitWork, PermitDrivingLicence})
	}
	for i, r := range e.CriminalRecords {
		f := fmt.Sprintf("evidence.criminal_records[%d]", i)
		v.id(f, r.ID)
		oneOf(v, f+".kind", r.Kind, []RecordKind{RecordCriminal, RecordChild})
		v.country(f+".country", r.Country)
		oneOf(v, f+".outcome", r.Outcome, []Outcome{OutcomeClean, OutcomeHasEntries, OutcomeUnobtainable})
	}
	if e.Credit != nil {
		v.id("evidence.credit", e.Credit.ID)
	}
	for i, g := range e.GuestCards {
		v.id(fmt.Sprintf("evidence.guest_cards[%d]", i), g.ID)
	}
	for i, a := range e.AirportCards {
		v.id(fmt.Sprintf("evidence.airport_cards[%d]", i), a.ID)
	}
}

// id checks that an item has an ID no other item uses: findings and
// document links refer to items by it.
func (v *validator) id(field, id string) {
	switch prev, dup := v.ids[id]; {
	case strings.TrimSpace(id) == "":
		v.fail(field+".id", "is required")
	case dup:
		v.fail(field+".id", "%q is already used by %s", id, prev)
	default:
		v.ids[id] = field
	}
}

func (v *validator) between(field string, n, lo, hi int) {
	if n < lo || n > hi {
		v.fail(field, "must be between %d and %d", lo, hi)
	}
}

func (v *validator) country(field, code string) {
	c := normCountry(code)
	if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
		v.fail(field, "must be an ISO 3166-1 alpha-2 country code, got %q", code)
	}
}

// oneOf checks that an enumerated value is one of the allowed ones.
func oneOf[T ~string](v *validator, field string, got T, allowed []T) {
	if !slices.Contains(allowed, got) {
		v.fail(field, "unknown value %q", string(got))
	}
}
