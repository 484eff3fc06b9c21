package rules

import "slices"

// PeriodToleranceDays is how far a source's dates may differ from the
// declared ones before it counts as a disagreement. Income is reported per
// pay period, usually a month, so a job starting on the 15th shows income
// from the 1st.
const PeriodToleranceDays = 31

// IncomeReportingLagDays is how long income takes to appear in the income
// register: pay for a month is reported in the following month, so a
// missing last month is not a disagreement.
const IncomeReportingLagDays = 45

var (
	employmentDocs = []DocumentKind{DocReference, DocPayslip, DocBankStatement, DocATPExtract,
		DocPensionOverview, DocIncomeExtract, DocEmploymentContract}
	selfEmploymentDocs = append(slices.Clone(employmentDocs), DocTaxAssessment)
	educationDocs      = []DocumentKind{DocDiploma, DocCertificate, DocEnrolment}
	ownerRoles         = []RoleKind{RoleSoleProprietor, RoleOwner, RoleFounder, RoleDirector, RolePartner}
)

// verification is what confirms one activity.
type verification struct {
	income   []IncomeRow
	docs     []Document
	contacts []EmployerContact // complete records only
	roles    []RegisterRole
}

func (v verification) any() bool {
	return len(v.income)+len(v.docs)+len(v.contacts)+len(v.roles) > 0
}

// toVerify returns the activities inside the part of the window that needs
// fresh verification, for the categories the package checks.
func (c *checkCtx) toVerify() []Activity {
	var out []Activity
	scope := Period{From: c.recentFrom, To: c.window.To}
	for _, a := range c.acts {
		if !c.pkg.Has(CategoryCV) && !(a.Kind == KindEducation && c.pkg.Has(CategoryEducation)) {
			continue
		}
		if a.Period.Close(c.window.To).Overlaps(scope) {
			out = append(out, a)
		}
	}
	return out
}

// verify collects what confirms an activity; two rules use it, so the
// result is kept.
func (c *checkCtx) verify(a Activity) verification {
	if v, ok := c.verified[a.ID]; ok {
		return v
	}
	if c.verified == nil {
		c.verified = map[string]verification{}
	}
	v := c.collectVerification(a)
	c.verified[a.ID] = v
	return v
}

func (c *checkCtx) collectVerification(a Activity) verification {
	var v verification
	if a.Kind != KindEducation {
		v.income = c.incomeFor(a)
	}
	kinds := map[ActivityKind][]DocumentKind{KindEmployment: employmentDocs,
		KindSelfEmployment: selfEmploymentDocs, KindEducation: educationDocs}[a.Kind]
	for _, d := range c.documentsFor(a.ID) {
		if slices.Contains(kinds, d.Kind) {
			v.docs = append(v.docs, d)
		}
	}
	for _, x := range c.contactsFor(a) {
		if len(contactMissing(x)) == 0 {
			v.contacts = append(v.contacts, x)
		}
	}
	if a.Kind == KindSelfEmployment {
		for _, r := range c.in.Evidence.RegisterRoles {
			if r.Confidence >= RoleMatchHigh && slices.Contains(ownerRoles, r.Role) &&
				sameCompany(a.Name, a.CVR, r.Company, r.CVR) {
				v.roles = append(v.roles, r)
			}
		}
	}
	return v
}

// incomeFor returns the income rows from the activity's employer that
// overlap its period, allowing for the tolerance.
func (c *checkCtx) incomeFor(a Activity) []IncomeRow {
	span := a.Period.Close(c.check).Widen(PeriodToleranceDays)
	var out []IncomeRow
	for _, r := range c.in.Evidence.Income {
		if r.Period.Valid() && r.Period.Close(c.check).Overlaps(span) &&
			sameCompany(a.Name, a.CVR, r.EmployerName, r.CVR) {
			out = append(out, r)
		}
	}
	return out
}

func (c *checkCtx) contactsFor(a Activity) []EmployerContact {
	var out []EmployerContact
	for _, x := range c.in.Evidence.EmployerContacts {
		if x.For == a.ID || (x.For == "" && sameCompany(a.Name, "", x.Company, "")) {
			out = append(out, x)
		}
	}
	return out
}

// contactMissing lists what an employer-contact record lacks of the four
// items guidance §2.3 requires.
func contactMissing(x EmployerContact) []string {
	var miss []string
	if x.ContactDate.IsZero() {
		miss = append(miss, "contact_date")
	}
	if isBlank(x.Company) {
		miss = append(miss, "company")
	}
	if isBlank(x.ContactPerson) {
		miss = append(miss, "contact_person")
	}
	if !x.Confirmed.Valid() {
		miss = append(miss, "confirmed_period")
	}
	return miss
}

// ruleActivityUnverified: every job and education in the period must be
// verified, place and period; sampling is not enough (guidance §2.3).
// Income-register or pension rows from the employer, a suitable document
// linked to the entry, a complete employer-contact record or, for an own
// business, the CVR register verify it.
func ruleActivityUnverified(c *checkCtx) []Finding {
	var out []Finding
	for _, a := range c.toVerify() {
		if c.verify(a).any() {
			continue
		}
		out = append(out, mk(RuleActivityUnverified, activityCategory(a), ActionRequired, a.ID,
			[]EvidenceRef{ref(SourceDeclared, a.ID)},
			"Item", a.ID, "Name", a.Name, "From", a.Period.From.String(), "To", a.Period.To.String()))
	}
	return out
}
