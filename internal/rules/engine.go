package rules

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// checkCtx is one evaluation: the input, values derived from it once, and
// the findings so far (the last rules read them).
type checkCtx struct {
	in          Input
	pkg         PackageRules
	check       Date
	window      Period // the look-back window, ending the day before check
	recentFrom  Date   // start of the part that needs fresh verification
	nextRecheck Date
	validUntil  Date
	acts        []Activity // with valid periods
	expls       []GapExplanation
	residences  []Residence
	findings    []Finding
	gaps        []interruption
	gapsDone    bool
	verified    map[string]verification // by activity ID
}

// Evaluate runs every rule on in, in a fixed order, and returns the sorted
// findings with the recommendation, which advises the person who decides
// (see Result). It never fails: an input that is structurally wrong (see
// Input.Validate) yields a single input_invalid finding instead.
func Evaluate(in Input) Result {
	if err := in.Validate(); err != nil {
		return invalidResult(err)
	}
	c := newCtx(in)
	for _, r := range ruleSet {
		c.findings = append(c.findings, r.run(c)...)
	}
	fs := c.findings
	if fs == nil {
		fs = []Finding{}
	}
	sortFindings(fs)
	return Result{
		RuleSetVersion: Version,
		Findings:       fs,
		Recommendation: recommend(fs),
		NextRecheck:    c.nextRecheck,
		ValidUntil:     c.validUntil,
		Coverage:       c.window,
	}
}

func invalidResult(err error) Result {
	field := ""
	var ve *ValidationError
	if errors.As(err, &ve) {
		field = ve.Field
	}
	f := mk(RuleInputInvalid, CategoryGeneral, ActionRequired, field, nil, "Field", field)
	fs := []Finding{f}
	return Result{RuleSetVersion: Version, Findings: fs, Recommendation: recommend(fs)}
}

func newCtx(in Input) *checkCtx {
	in = sortedByID(in)
	c := &checkCtx{in: in, pkg: in.Package, check: in.CheckDate}
	c.window = Period{From: c.check.AddYears(-c.pkg.lookBackYears()), To: c.check.AddDays(-1)}
	c.recentFrom = c.window.From
	if p := in.PreviousCheck; !p.IsZero() && p.Before(c.check) && !c.recheckDueAfter(p).Before(c.check) {
		c.recentFrom = maxDate(c.recentFrom, p)
	}
	if m := c.pkg.RecurrenceMonths; m > 0 {
		c.nextRecheck = c.check.AddMonths(m)
		c.validUntil = c.nextRecheck.AddDays(-1)
	}
	for _, a := range in.Declared.Activities {
		if a.Period.Valid() {
			c.acts = append(c.acts, a)
		}
	}
	for _, e := range in.Declared.GapExplanations {
		if e.Period.Valid() {
			c.expls = append(c.expls, e)
		}
	}
	for _, r := range in.Declared.Residences {
		if r.Period.Valid() {
			c.residences = append(c.residences, r)
		}
	}
	return c
}

// recheckDueAfter is the date a check carried out on d must be repeated
// by: the package's interval, or 12 months when it sets none.
func (c *checkCtx) recheckDueAfter(d Date) Date {
	return d.AddMonths(orDefault(c.pkg.RecurrenceMonths, 12))
}

// clip returns the part of p inside the look-back window, open ends
// running to its last day.
func (c *checkCtx) clip(p Period) (Period, bool) {
	return p.Close(c.window.To).Intersect(c.window)
}

// mk builds a finding; kv are Params as name, value pairs.
func mk(rule string, cat Category, sev Severity, key string, ev []EvidenceRef, kv ...string) Finding {
	f := Finding{Rule: rule, Category: cat, Severity: sev, Evidence: ev, Key: rule}
	if key != "" {
		f.Key = rule + ":" + key
	}
	if len(kv) > 0 {
		f.Params = make(map[string]string, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			f.Params[kv[i]] = kv[i+1]
		}
	}
	return f
}

func ref(src Source, id string) EvidenceRef { return EvidenceRef{Source: src, ID: id} }

func itoa(n int) string { return fmt.Sprint(n) }

// sortedByID returns in with every list sorted by item ID (IDs are unique,
// see Validate), so the result never depends on the order lists came in.
func sortedByID(in Input) Input {
	d, e := &in.Declared, &in.Evidence
	d.Activities = byID(d.Activities, func(x Activity) string { return x.ID })
	d.GapExplanations = byID(d.GapExplanations, func(x GapExplanation) string { return x.ID })
	d.Residences = byID(d.Residences, func(x Residence) string { return x.ID })
	d.BusinessRoles = byID(d.BusinessRoles, func(x BusinessRole) string { return x.ID })
	e.Income = byID(e.Income, func(x IncomeRow) string { return x.ID })
	e.Documents = byID(e.Documents, func(x Document) string { return x.ID })
	e.EmployerContacts = byID(e.EmployerContacts, func(x EmployerContact) string { return x.ID })
	e.RegisterRoles = byID(e.RegisterRoles, func(x RegisterRole) string { return x.ID })
	e.Permits = byID(e.Permits, func(x Permit) string { return x.ID })
	e.CriminalRecords = byID(e.CriminalRecords, func(x CriminalRecord) string { return x.ID })
	e.GuestCards = byID(e.GuestCards, func(x GuestCard) string { return x.ID })
	e.AirportCards = byID(e.AirportCards, func(x AirportCard) string { return x.ID })
	return in
}

func byID[T any](xs []T, id func(T) string) []T {
	out := slices.Clone(xs)
	slices.SortFunc(out, func(a, b T) int { return strings.Compare(id(a), id(b)) })
	return out
}
