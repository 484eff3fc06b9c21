package income

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/internal/norm"
)

// Employment is an unbroken run of payments from one employer: the
// employer/period row the rules engine and the pre-filled CV use. A month
// without pay splits it in two, so a gap in the income shows as a gap.
type Employment struct {
	Employer Employer     `json:"employer"`
	Period   rules.Period `json:"period"`
	Gross    Amount       `json:"gross"`
	ATP      Amount       `json:"atp"`
	Payments int          `json:"payments"`
}

// ID is the row's stable identifier in a rules.Input, e.g.
// "income_register-41000011-2021-01-01".
func (e Employment) ID(src rules.Source) string {
	return fmt.Sprintf("%s-%s-%s", src, employerKey(e.Employer), e.Period.From)
}

// IncomeRow returns the employment as evidence from src
// (rules.SourceIncomeRegister or rules.SourcePension).
func (e Employment) IncomeRow(src rules.Source) rules.IncomeRow {
	return rules.IncomeRow{ID: e.ID(src), Source: src, EmployerName: e.Employer.Name,
		CVR: e.Employer.CVR, Period: e.Period}
}

// IncomeRows returns employments as evidence from src.
func IncomeRows(src rules.Source, es []Employment) []rules.IncomeRow {
	out := make([]rules.IncomeRow, len(es))
	for i, e := range es {
		out[i] = e.IncomeRow(src)
	}
	return out
}

// Employments groups payments by employer and joins those whose periods
// overlap or follow each other without a day between. Payments with a
// negative amount correct earlier ones: they count in the totals but do
// not extend a period. Rows that name an employer only by name take its
// CVR number from rows that give both. The result is sorted by start,
// then employer.
func Employments(ps []Payment) []Employment {
	ps = withKnownCVR(ps)
	byEmployer := map[string][]Payment{}
	for _, p := range ps {
		k := employerKey(p.Employer)
		byEmployer[k] = append(byEmployer[k], p)
	}
	var out []Employment
	for _, group := range byEmployer {
		out = append(out, runs(group)...)
	}
	slices.SortFunc(out, func(a, b Employment) int {
		return cmp.Or(a.Period.From.Compare(b.Period.From), cmp.Compare(employerKey(a.Employer), employerKey(b.Employer)))
	})
	return out
}

// runs joins one employer's payments into unbroken employments.
func runs(ps []Payment) []Employment {
	slices.SortFunc(ps, func(a, b Payment) int { return a.Period.From.Compare(b.Period.From) })
	var out []Employment
	var corrections []Payment
	for _, p := range ps {
		if p.Amount < 0 {
			corrections = append(corrections, p)
			continue
		}
		if n := len(out); n > 0 && !p.Period.From.After(out[n-1].Period.To.AddDays(1)) {
			e := &out[n-1]
			if p.Period.To.After(e.Period.To) {
				e.Period.To = p.Period.To
			}
			e.Gross, e.ATP, e.Payments = e.Gross+p.Amount, e.ATP+p.ATP, e.Payments+1
			if p.Employer.Name != "" {
				e.Employer.Name = p.Employer.Name // the latest name
			}
			continue
		}
		out = append(out, Employment{Employer: p.Employer, Period: p.Period, Gross: p.Amount, ATP: p.ATP, Payments: 1})
	}
	for _, c := range corrections {
		for i := range out {
			if out[i].Period.Contains(c.Period.From) {
				out[i].Gross += c.Amount
				out[i].ATP += c.ATP
				break
			}
		}
	}
	return out
}

// employerKey identifies an employer: CVR number, else SE number, else
// normalised name.
func employerKey(e Employer) string {
	switch {
	case e.CVR != "":
		return e.CVR
	case e.SE != "":
		return "se" + e.SE
	}
	return "name-" + strings.ReplaceAll(norm.CompanyKey(e.Name), " ", "_")
}

// withKnownCVR fills in the CVR number of rows that name an employer only
// by name when other rows give that name with a CVR number.
func withKnownCVR(ps []Payment) []Payment {
	known := map[string]string{}
	for _, p := range ps {
		if p.Employer.CVR != "" && p.Employer.Name != "" {
			known[norm.CompanyKey(p.Employer.Name)] = p.Employer.CVR
		}
	}
	out := slices.Clone(ps)
	for i, p := range out {
		if p.Employer.CVR == "" && p.Employer.SE == "" {
			out[i].Employer.CVR = known[norm.CompanyKey(p.Employer.Name)]
		}
	}
	return out
}
