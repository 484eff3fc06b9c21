package cvr

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
	"github.com/bgcheck/bgcheck/internal/sources/internal/norm"
)

// ValidatePerson checks that p can be searched for: a name of at least two
// words (a first and a last name). It returns a sources.KindInvalid error.
func ValidatePerson(p Person) error {
	if len(norm.Tokens(p.Name)) < 2 {
		return sources.Invalid(rules.SourceCVR, errors.New("a person search needs a first and a last name"))
	}
	return nil
}

// NormaliseCVR returns the eight digits of a CVR number as people write
// it ("DK-41 00 00 11"), or a sources.KindInvalid error.
func NormaliseCVR(s string) (string, error) {
	d, ok := normaliseCVR(s)
	if !ok {
		return "", sources.Invalid(rules.SourceCVR, errors.New("a CVR number has eight digits"))
	}
	return d, nil
}

// searchWords are the words a participant search asks for: the first and
// the last name, so a register name with more or fewer middle names is
// still found; MatchPerson then weighs the difference.
func searchWords(name string) string {
	ws := strings.Fields(name)
	if len(ws) <= 2 {
		return strings.Join(ws, " ")
	}
	return ws[0] + " " + ws[len(ws)-1]
}

// RolesFor matches participant documents found by a name search against
// p and returns the roles of those who may be p. Candidates that are not
// persons or match below minConfidence are only counted: their roles are
// not read, so bgcheck keeps nothing about other people.
func RolesFor(docs []Vrdeltagerperson, p Person, minConfidence float64) RoleResult {
	res := RoleResult{Candidates: len(docs), Roles: []Role{}}
	seen := map[string]int{} // role ID → index in res.Roles
	for _, d := range docs {
		if d.Enhedstype != "" && !strings.EqualFold(d.Enhedstype, "PERSON") {
			res.Discarded++
			continue
		}
		m, ok := MatchPerson(d, p)
		if !ok || m.Confidence < minConfidence {
			res.Discarded++
			continue
		}
		for _, r := range personRoles(d, m, &res.Problems) {
			if i, dup := seen[r.ID()]; dup {
				if r.Match.Confidence > res.Roles[i].Match.Confidence {
					res.Roles[i] = r
				}
				continue
			}
			seen[r.ID()] = len(res.Roles)
			res.Roles = append(res.Roles, r)
		}
	}
	slices.SortFunc(res.Roles, func(a, b Role) int {
		return cmp.Or(cmp.Compare(a.CVR, b.CVR), cmp.Compare(a.Role, b.Role), a.Period.From.Compare(b.Period.From))
	})
	return res
}

func personRoles(d Vrdeltagerperson, m Match, problems *[]string) []Role {
	name := current(d.Navne, func(n Navn) Periode { return n.Periode }, func(n Navn) string { return n.Navn })
	var out []Role
	for _, rel := range d.VirksomhedSummariskRelation {
		cvr := formatCVR(rel.Virksomhed.CVRNummer)
		company := current(rel.Virksomhed.Navne, func(n Navn) Periode { return n.Periode }, func(n Navn) string { return n.Navn })
		where := fmt.Sprintf("participant %d in company %s", d.EnhedsNummer, cvr)
		for _, s := range orgSpans(rel.Organisationer, where, problems) {
			out = append(out, Role{Company: company, CVR: cvr, RoleSpan: s,
				Participant: d.EnhedsNummer, RegisteredName: name, Match: m})
		}
	}
	return out
}
