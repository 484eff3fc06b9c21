package sandbox

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
	"github.com/bgcheck/bgcheck/internal/sources/cpr"
	"github.com/bgcheck/bgcheck/internal/sources/cvr"
	"github.com/bgcheck/bgcheck/internal/sources/income"
	"github.com/bgcheck/bgcheck/internal/sources/internal/norm"
)

// cvrRegister answers from the sandbox's documents with the same mapping
// and matching the real client applies to the service's answers.
type cvrRegister struct{ s *Sandbox }

func (r cvrRegister) CompanyByNumber(_ context.Context, number string) (cvr.Company, error) {
	if err := r.s.outage(rules.SourceCVR); err != nil {
		return cvr.Company{}, err
	}
	n, err := cvr.NormaliseCVR(number)
	if err != nil {
		return cvr.Company{}, err
	}
	for _, d := range r.s.companies {
		if cvr.CompanyFromDoc(d).CVR == n {
			return cvr.CompanyFromDoc(d), nil
		}
	}
	return cvr.Company{}, sources.NotFound(rules.SourceCVR, errors.New("no company with that CVR number"))
}

func (r cvrRegister) CompaniesByName(_ context.Context, name string) ([]cvr.Company, error) {
	if err := r.s.outage(rules.SourceCVR); err != nil {
		return nil, err
	}
	words := norm.Tokens(name)
	if len(words) == 0 {
		return nil, sources.Invalid(rules.SourceCVR, errors.New("a company name search needs a name"))
	}
	out := []cvr.Company{}
	for _, d := range r.s.companies {
		if namesHave(d.Navne, words) && len(out) < cvr.DefaultNameResults {
			out = append(out, cvr.CompanyFromDoc(d))
		}
	}
	return out, nil
}

// PersonRoles finds candidates the way the service's match query does
// (every one of the first and last name's words in a registered name) and
// leaves the rest to cvr.RolesFor.
func (r cvrRegister) PersonRoles(_ context.Context, p cvr.Person) (cvr.RoleResult, error) {
	if err := r.s.outage(rules.SourceCVR); err != nil {
		return cvr.RoleResult{}, err
	}
	if err := cvr.ValidatePerson(p); err != nil {
		return cvr.RoleResult{}, err
	}
	ws := norm.Tokens(p.Name)
	words := []string{ws[0], ws[len(ws)-1]}
	var candidates []cvr.Vrdeltagerperson
	for _, d := range r.s.participants {
		if namesHave(d.Navne, words) {
			candidates = append(candidates, d)
		}
	}
	return cvr.RolesFor(candidates, p, rules.RoleMatchMinimum), nil
}

// namesHave reports whether one of the names has every word.
func namesHave(names []cvr.Navn, words []string) bool {
	for _, n := range names {
		have := " " + strings.Join(norm.Tokens(n.Navn), " ") + " "
		all := true
		for _, w := range words {
			all = all && strings.Contains(have, " "+w+" ")
		}
		if all {
			return true
		}
	}
	return false
}

// cprSubscription answers from the sandbox's CPR records.
type cprSubscription struct{ s *Sandbox }

func (c cprSubscription) Person(_ context.Context, number string) (rules.CPRRecord, error) {
	if err := c.s.outage(rules.SourceCPR); err != nil {
		return rules.CPRRecord{}, err
	}
	if err := cpr.Check(number); err != nil {
		return rules.CPRRecord{}, err
	}
	rec, ok := c.s.cpr[number]
	if !ok {
		return rules.CPRRecord{}, sources.NotFound(rules.SourceCPR, errors.New("no person with that CPR number"))
	}
	return rec, nil
}

// keyByCPR returns the key of the person with CPR number n.
func (s *Sandbox) keyByCPR(n string) (string, error) {
	if err := cpr.Check(n); err != nil {
		return "", err
	}
	for _, p := range s.people {
		if p.CPR == n {
			return p.Key, nil
		}
	}
	return "", nil
}

type incomeRegister struct{ s *Sandbox }

func (r incomeRegister) Income(_ context.Context, number string, p rules.Period) (income.Extract, error) {
	if err := r.s.outage(rules.SourceIncomeRegister); err != nil {
		return income.Extract{}, err
	}
	key, err := r.s.keyByCPR(number)
	if err != nil {
		return income.Extract{}, err
	}
	ex, ok := r.s.income[key]
	if !ok {
		return income.Extract{}, sources.NotFound(rules.SourceIncomeRegister, errors.New("no income reported"))
	}
	return ex.Within(p), nil
}

type pensionRegister struct{ s *Sandbox }

func (r pensionRegister) Pension(_ context.Context, number string) (income.Overview, error) {
	if err := r.s.outage(rules.SourcePension); err != nil {
		return income.Overview{}, err
	}
	key, err := r.s.keyByCPR(number)
	if err != nil {
		return income.Overview{}, err
	}
	o, ok := r.s.pension[key]
	if !ok {
		return income.Overview{}, sources.NotFound(rules.SourcePension, errors.New("no pension schemes"))
	}
	o.Schemes = slices.Clone(o.Schemes)
	for i := range o.Schemes {
		o.Schemes[i].Contributions = slices.Clone(o.Schemes[i].Contributions)
	}
	return o, nil
}
