package cvr

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
)

// lars is the subject the participant fixtures are about.
var lars = Person{Name: "Lars Testesen", Addresses: []rules.Address{
	{Street: "Testgade 12, 2. tv.", PostalCode: "8000", City: "Aarhus C", Country: "DK"},
}}

// participant builds a participant document's hit source.
func participant(t *testing.T, unit int64, kind, name, street string, number, postcode int, rels ...SummariskRelation) []byte {
	t.Helper()
	p := Vrdeltagerperson{EnhedsNummer: unit, Enhedstype: kind,
		Navne:                       []Navn{{Navn: name}},
		VirksomhedSummariskRelation: rels}
	if street != "" {
		p.Beliggenhedsadresse = []Adresse{{Vejnavn: street, HusnummerFra: number, Postnummer: postcode, Landekode: "DK"}}
	}
	b, err := json.Marshal(map[string]any{"Vrdeltagerperson": p})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func relation(cvr int64, company, function, from, to string) SummariskRelation {
	return SummariskRelation{
		Virksomhed: RelationVirksomhed{CVRNummer: cvr, Navne: []Navn{{Navn: company, Periode: Periode{GyldigFra: "2000-01-01"}}}},
		Organisationer: []Organisation{{MedlemsData: []MedlemsData{{Attributter: []Attribut{{
			Type: "FUNKTION", Vaerdier: []Vaerdi{{Vaerdi: function, Periode: Periode{GyldigFra: from, GyldigTil: to}}},
		}}}}}},
	}
}

func TestPersonRolesScrollsAndKeepsOnlyLikelyMatches(t *testing.T) {
	f, srv := newFake(t)
	f.addFile(t, "deltager_lars.json")
	f.add(t, participant(t, 4000000099, "PERSON", "Lars Testesen", "Frugtvej", 9, 5000,
		relation(41000042, "Fynsk Frugt A/S", "BESTYRELSESMEDLEM", "2020-01-01", "")))
	f.add(t, participant(t, 4000000098, "PERSON", "Lars Erik Testesen", "Åboulevarden", 1, 8000,
		relation(41000105, "Aarhus Bådeklub", "FORMAND", "2019-04-01", "")))
	f.add(t, participant(t, 4000000097, "VIRKSOMHED", "Lars Testesen Holding", "", 0, 0))
	f.add(t, participant(t, 4000000096, "PERSON", "Lars Hansen", "Testgade", 12, 8000))
	c := newTestClient(t, srv, func(c *Config) { c.PageSize = 2 })

	res, err := c.PersonRoles(context.Background(), lars)
	if err != nil {
		t.Fatal(err)
	}
	if res.Candidates != 4 || res.Discarded != 2 || res.Truncated || len(res.Problems) != 0 {
		t.Errorf("result = %+v", res)
	}
	got := map[string]Role{}
	for _, r := range res.Roles {
		got[r.ID()] = r
	}
	for id, want := range map[string]struct {
		conf      float64
		functions string
		to        string
	}{
		"cvr-41000035-director-2023-11-01":     {0.95, "DIREKTØR", ""},
		"cvr-41000035-founder-2023-11-01":      {0.95, "STIFTER", "2023-11-01"},
		"cvr-41000035-owner-2023-11-01":        {0.95, "", ""},
		"cvr-41000059-board_member-2014-01-01": {0.95, "BESTYRELSESMEDLEM,FORMAND", "2017-02-28"},
		"cvr-41000105-board_member-2019-04-01": {0.7, "FORMAND", ""},
	} {
		r, ok := got[id]
		if !ok {
			t.Errorf("role %s missing; got %v", id, keys(got))
			continue
		}
		if r.Match.Confidence != want.conf || strings.Join(r.Functions, ",") != want.functions || r.Period.To.String() != want.to {
			t.Errorf("%s = %+v", id, r)
		}
	}
	if len(res.Roles) != 5 {
		t.Errorf("%d roles, want 5 (auditor role and name twin left out)", len(res.Roles))
	}
	checkScrolled(t, f.log())
}

func keys(m map[string]Role) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// checkScrolled verifies the request sequence: one search with
// ?scroll=1m, then scroll requests carrying the previous scroll id.
func checkScrolled(t *testing.T, log []fakeRequest) {
	t.Helper()
	if len(log) != 3 {
		t.Fatalf("%d requests, want a search and two scroll pages (4 hits, 2 per page)", len(log))
	}
	if log[0].Path != "/cvr-permanent/deltager/_search" || log[0].Query != "scroll=1m" {
		t.Errorf("first request = %s?%s", log[0].Path, log[0].Query)
	}
	var b searchBody
	_ = json.Unmarshal(log[0].Body, &b)
	if m := b.Query.Match["Vrdeltagerperson.navne.navn"]; m.Query != "Lars Testesen" || b.Size != 2 {
		t.Errorf("search body = %s", log[0].Body)
	}
	for _, r := range log[1:] {
		if r.Path != "/_search/scroll" || r.Query != "scroll=1m" || !strings.HasPrefix(string(r.Body), "c2Nhbj") {
			t.Errorf("scroll request = %s?%s %s", r.Path, r.Query, r.Body)
		}
	}
}

func TestPersonRolesSearchesFirstAndLastNameOnly(t *testing.T) {
	f, srv := newFake(t)
	f.addFile(t, "deltager_lars.json")
	c := newTestClient(t, srv, nil)
	res, err := c.PersonRoles(context.Background(), Person{Name: "Lars Peter Testesen", Addresses: lars.Addresses})
	if err != nil || len(res.Roles) == 0 {
		t.Fatalf("PersonRoles = %+v, %v", res, err)
	}
	if res.Roles[0].Match.Confidence != 0.8 {
		t.Errorf("confidence = %v, want 0.8 (middle name missing in the register)", res.Roles[0].Match.Confidence)
	}
}

func TestPersonRolesTruncatesACommonName(t *testing.T) {
	f, srv := newFake(t)
	for i := range 7 {
		f.add(t, participant(t, int64(4100000000+i), "PERSON", "Lars Testesen", "Andenvej", i+1, 9000))
	}
	c := newTestClient(t, srv, func(c *Config) { c.PageSize = 3; c.MaxCandidates = 5 })
	res, err := c.PersonRoles(context.Background(), lars)
	if err != nil || !res.Truncated || res.Candidates != 5 {
		t.Errorf("PersonRoles = %+v, %v; want 5 candidates, truncated", res, err)
	}
}

func TestPersonRolesRefusesASingleName(t *testing.T) {
	_, srv := newFake(t)
	if _, err := newTestClient(t, srv, nil).PersonRoles(context.Background(), Person{Name: "Lars"}); !sources.IsInvalid(err) {
		t.Errorf("err = %v, want invalid", err)
	}
}

func TestPersonRolesReportsUnreadablePeriods(t *testing.T) {
	f, srv := newFake(t)
	f.add(t, participant(t, 4000000002, "PERSON", "Lars Testesen", "Testgade", 12, 8000,
		relation(41000035, "LT Konsulent ApS", "DIREKTØR", "2023-13-01", ""),
		relation(41000059, "Testesen Byg ApS", "BESTYRELSESMEDLEM", "2016-01-01", "2015-01-01"),
		relation(41000042, "Fynsk Frugt A/S", "DIREKTØR", "", "")))
	res, err := newTestClient(t, srv, nil).PersonRoles(context.Background(), lars)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Roles) != 0 || len(res.Problems) != 3 {
		t.Errorf("roles = %+v, problems = %q; want none and three problems", res.Roles, res.Problems)
	}
}

func TestRoleResultAsEvidence(t *testing.T) {
	f, srv := newFake(t)
	f.addFile(t, "deltager_lars.json")
	res, err := newTestClient(t, srv, nil).PersonRoles(context.Background(), lars)
	if err != nil {
		t.Fatal(err)
	}
	in := rules.Input{CheckDate: rules.MustDate("2026-11-23"),
		Package:  rules.PackageRules{Categories: []rules.Category{rules.CategoryBusinessRoles}},
		Evidence: rules.Evidence{RegisterRoles: res.RegisterRoles()}}
	if err := in.Validate(); err != nil {
		t.Fatalf("roles are not valid rules input: %v", err)
	}
	out := rules.Evaluate(in)
	n := 0
	for _, f := range out.Findings {
		if f.Rule == rules.RuleBusinessRoleUndisclosed {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d undisclosed-role findings, want 3 (director, founder, owner of LT Konsulent; the board seat ended before the window)", n)
	}
}
