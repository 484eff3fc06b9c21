package devprovider

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/mitid"
)

func TestClaimsFollowShapeAndScopes(t *testing.T) {
	karen, _ := identityByKey("karen")
	sofie, _ := identityByKey("sofie")
	nsis := "https://data.gov.dk/concept/core/nsis/Substantial"
	tests := []struct {
		name   string
		shape  string
		id     Identity
		scopes []string
		want   []string // claim names, sorted
	}{
		{"idura openid", mitid.ShapeIdura, karen, []string{"openid"},
			[]string{"birthdate", "country", "identityscheme", "name", "uuid"}},
		{"idura ssn", mitid.ShapeIdura, karen, []string{"openid", "ssn"},
			[]string{"birthdate", "country", "cprNumberIdentifier", "identityscheme", "name", "uuid"}},
		{"idura ssn, CPR withheld", mitid.ShapeIdura, sofie, []string{"openid", "ssn"},
			[]string{"birthdate", "country", "identityscheme", "name", "uuid"}},
		{"signicat openid", mitid.ShapeSignicat, karen, []string{"openid"}, []string{}},
		{"signicat all", mitid.ShapeSignicat, karen, []string{"openid", "profile", "idp-id", "nin", "mitid-extra"},
			[]string{"birthdate", "family_name", "given_name", "idp_id", "mitid_aal", "mitid_has_cpr", "mitid_ial",
				"mitid_loa", "mitid_uuid", "name", "nin", "nin_issuing_country", "nin_type"}},
		{"signicat nin, CPR withheld", mitid.ShapeSignicat, sofie, []string{"openid", "nin"}, []string{}},
		{"unknown shape", "nets", karen, []string{"openid"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := claimsFor(tt.shape, tt.id, tt.scopes)
			if got := slices.Sorted(maps.Keys(c)); !slices.Equal(got, tt.want) {
				t.Errorf("claims %q, want %q", got, tt.want)
			}
			if v, ok := c["mitid_loa"]; ok && v != nsis {
				t.Errorf("mitid_loa = %v, want %s", v, nsis)
			}
		})
	}
}

func TestSubjectsAreStablePseudonymsPerShape(t *testing.T) {
	karen, _ := identityByKey("karen")
	lars, _ := identityByKey("lars")
	idura, signicat := subjectFor(mitid.ShapeIdura, karen), subjectFor(mitid.ShapeSignicat, karen)
	if idura != subjectFor(mitid.ShapeIdura, karen) || idura == subjectFor(mitid.ShapeIdura, lars) {
		t.Error("subjects are not stable per person")
	}
	if strings.Trim(idura, "{}") == signicat {
		t.Error("both shapes give the same pseudonym")
	}
	if !strings.HasPrefix(idura, "{") || !strings.HasSuffix(idura, "}") || len(signicat) != 36 {
		t.Errorf("subject formats: %s, %s", idura, signicat)
	}
	if acrFor(mitid.ShapeIdura, karen) != "urn:grn:authn:dk:mitid:substantial" || acrFor(mitid.ShapeSignicat, karen) != "" {
		t.Error("acr per shape wrong")
	}
}
