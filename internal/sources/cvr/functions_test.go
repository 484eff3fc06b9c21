package cvr

import (
	"testing"

	"github.com/bgcheck/bgcheck/internal/rules"
)

func TestFunctionRole(t *testing.T) {
	for f, want := range map[string]rules.RoleKind{
		"DIREKTØR": rules.RoleDirector, "adm. dir.": rules.RoleDirector, "ADMINISTRERENDE  DIREKTØR": rules.RoleDirector,
		"Direktør (økonomi)": rules.RoleDirector,
		"BESTYRELSESMEDLEM":  rules.RoleBoardMember, "FORMAND": rules.RoleBoardMember, "NÆSTFORMAND": rules.RoleBoardMember,
		"Reel ejer": rules.RoleOwner, "LEGALE EJERE": rules.RoleOwner,
		"STIFTER":                  rules.RoleFounder,
		"FULDT ANSVARLIG DELTAGER": rules.RoleSoleProprietor, "INDEHAVER": rules.RoleSoleProprietor,
		"INTERESSENT": rules.RolePartner,
		"LIKVIDATOR":  rules.RoleOther,
	} {
		if got, ok := functionRole(f); !ok || got != want {
			t.Errorf("functionRole(%q) = %q, %v; want %q", f, got, ok, want)
		}
	}
	for _, f := range []string{"REVISION", "Suppleant"} {
		if r, ok := functionRole(f); ok {
			t.Errorf("functionRole(%q) = %q, want skipped", f, r)
		}
	}
}

func TestOrganisationRoleForMembershipsWithoutFunction(t *testing.T) {
	for _, tc := range []struct {
		org  Organisation
		want rules.RoleKind
		ok   bool
	}{
		{Organisation{Hovedtype: "REGISTER", OrganisationsNavn: []Navn{{Navn: "EJERREGISTER"}}}, rules.RoleOwner, true},
		{Organisation{Hovedtype: "REGISTER"}, rules.RoleOwner, true},
		{Organisation{Hovedtype: "STIFTERE"}, rules.RoleFounder, true},
		{Organisation{Hovedtype: "FULDT_ANSVARLIG_DELTAGERE"}, rules.RoleSoleProprietor, true},
		{Organisation{OrganisationsNavn: []Navn{{Navn: "Bestyrelse"}}}, rules.RoleBoardMember, true},
		{Organisation{Hovedtype: "REVISION", OrganisationsNavn: []Navn{{Navn: "Revision"}}}, "", false},
		{Organisation{Hovedtype: "ANDET"}, "", false},
	} {
		if got, ok := organisationRole(tc.org); got != tc.want || ok != tc.ok {
			t.Errorf("organisationRole(%+v) = %q, %v", tc.org, got, ok)
		}
	}
}

func TestMergeSpansJoinsFollowingPeriods(t *testing.T) {
	p := func(from, to string) rules.Period {
		r := rules.Period{From: rules.MustDate(from)}
		if to != "" {
			r.To = rules.MustDate(to)
		}
		return r
	}
	got := mergeSpans([]RoleSpan{
		{Role: rules.RoleBoardMember, Functions: []string{"FORMAND"}, Period: p("2015-07-01", "")},
		{Role: rules.RoleBoardMember, Functions: []string{"BESTYRELSESMEDLEM"}, Period: p("2014-01-01", "2015-06-30")},
		{Role: rules.RoleBoardMember, Functions: []string{"BESTYRELSESMEDLEM"}, Period: p("2010-01-01", "2012-12-31")},
		{Role: rules.RoleDirector, Functions: []string{"DIREKTØR"}, Period: p("2014-01-01", "2014-12-31")},
	})
	want := []RoleSpan{
		{Role: rules.RoleBoardMember, Functions: []string{"BESTYRELSESMEDLEM"}, Period: p("2010-01-01", "2012-12-31")},
		{Role: rules.RoleBoardMember, Functions: []string{"BESTYRELSESMEDLEM", "FORMAND"}, Period: p("2014-01-01", "")},
		{Role: rules.RoleDirector, Functions: []string{"DIREKTØR"}, Period: p("2014-01-01", "2014-12-31")},
	}
	if !equalSpans(got, want) {
		t.Errorf("mergeSpans = %+v", got)
	}
}
