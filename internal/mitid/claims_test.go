package mitid

import (
	"errors"
	"maps"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func iduraClaims() map[string]any {
	return map[string]any{
		"iss": "https://bgcheck.idura.broker", "sub": "{0f9960a0-d28d-4353-a3e2-ea07f8ffa185}",
		"identityscheme": "dkmitid", "uuid": "00000000-0000-4000-8000-000000000001",
		"name": "Karen Prøvesen", "birthdate": "1990-01-01", "cprNumberIdentifier": "0101901234",
		"acr": "urn:grn:authn:dk:mitid:substantial",
	}
}

func signicatClaims() map[string]any {
	nsis := "https://data.gov.dk/concept/core/nsis/"
	return map[string]any{
		"iss": "https://bgcheck.signicat.broker", "sub": "a4b3c2d1", "idp_id": "00000000-0000-4000-8000-000000000001",
		"name": "Karen Prøvesen", "birthdate": "1990-01-01",
		"nin": "0101901234", "nin_type": "PERSON", "nin_issuing_country": "DK",
		"mitid_ial": nsis + "Substantial", "mitid_aal": nsis + "High", "mitid_loa": nsis + "Substantial",
	}
}

// with returns a copy of base with the changes applied; a nil value
// deletes the claim.
func with(base map[string]any, changes map[string]any) map[string]any {
	c := maps.Clone(base)
	for k, v := range changes {
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
	}
	return c
}

func TestMapClaimsAcceptsBothShapes(t *testing.T) {
	tests := []struct {
		name   string
		claims map[string]any
		want   Identity
	}{
		{"idura", iduraClaims(), Identity{Subject: "{0f9960a0-d28d-4353-a3e2-ea07f8ffa185}",
			UUID: "00000000-0000-4000-8000-000000000001", Name: "Karen Prøvesen", BirthDate: "1990-01-01",
			CPR: "0101901234", LoA: LoASubstantial, Issuer: "https://bgcheck.idura.broker", Broker: ShapeIdura}},
		{"idura high", with(iduraClaims(), map[string]any{"acr": "urn:grn:authn:dk:mitid:high"}), Identity{
			Subject: "{0f9960a0-d28d-4353-a3e2-ea07f8ffa185}", UUID: "00000000-0000-4000-8000-000000000001",
			Name: "Karen Prøvesen", BirthDate: "1990-01-01", CPR: "0101901234", LoA: LoAHigh,
			Issuer: "https://bgcheck.idura.broker", Broker: ShapeIdura}},
		{"idura without ssn scope", with(iduraClaims(), map[string]any{"cprNumberIdentifier": nil}), Identity{
			Subject: "{0f9960a0-d28d-4353-a3e2-ea07f8ffa185}", UUID: "00000000-0000-4000-8000-000000000001",
			Name: "Karen Prøvesen", BirthDate: "1990-01-01", LoA: LoASubstantial,
			Issuer: "https://bgcheck.idura.broker", Broker: ShapeIdura}},
		{"signicat takes the weakest level", signicatClaims(), Identity{Subject: "a4b3c2d1",
			UUID: "00000000-0000-4000-8000-000000000001", Name: "Karen Prøvesen", BirthDate: "1990-01-01",
			CPR: "0101901234", LoA: LoASubstantial, Issuer: "https://bgcheck.signicat.broker", Broker: ShapeSignicat}},
		{"signicat bare levels and mitid_uuid", with(signicatClaims(), map[string]any{
			"mitid_ial": "HIGH", "mitid_aal": "HIGH", "mitid_loa": "HIGH", "idp_id": nil,
			"mitid_uuid": "00000000-0000-4000-8000-000000000009", "nin": nil}), Identity{Subject: "a4b3c2d1",
			UUID: "00000000-0000-4000-8000-000000000009", Name: "Karen Prøvesen", BirthDate: "1990-01-01",
			LoA: LoAHigh, Issuer: "https://bgcheck.signicat.broker", Broker: ShapeSignicat}},
		{"signicat level from acr without mitid-extra", with(signicatClaims(), map[string]any{
			"mitid_ial": nil, "mitid_aal": nil, "mitid_loa": nil, "acr": "loa:substantial"}), Identity{
			Subject: "a4b3c2d1", UUID: "00000000-0000-4000-8000-000000000001", Name: "Karen Prøvesen",
			BirthDate: "1990-01-01", CPR: "0101901234", LoA: LoASubstantial,
			Issuer: "https://bgcheck.signicat.broker", Broker: ShapeSignicat}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MapClaims(tt.claims)
			if err != nil {
				t.Fatalf("MapClaims: %v", err)
			}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", fields(got), fields(tt.want))
			}
		})
	}
}

// fields prints every field, which Identity's own String hides.
func fields(id Identity) []string {
	return []string{id.Subject, id.UUID, id.Name, id.BirthDate, id.CPR, id.LoA, id.Issuer, id.Broker}
}

func TestMapClaimsRefusesAssuranceBelowSubstantial(t *testing.T) {
	nsis := "https://data.gov.dk/concept/core/nsis/"
	tests := map[string]map[string]any{
		"idura low":                 with(iduraClaims(), map[string]any{"acr": "urn:grn:authn:dk:mitid:low"}),
		"idura without acr":         with(iduraClaims(), map[string]any{"acr": nil}),
		"idura business acr":        with(iduraClaims(), map[string]any{"acr": "urn:grn:authn:dk:mitid:business"}),
		"idura foreign eID acr":     with(iduraClaims(), map[string]any{"acr": "urn:grn:authn:se:bankid:high"}),
		"signicat loa low":          with(signicatClaims(), map[string]any{"mitid_loa": nsis + "Low"}),
		"signicat aal low":          with(signicatClaims(), map[string]any{"mitid_aal": "LOW"}),
		"signicat unknown level":    with(signicatClaims(), map[string]any{"mitid_ial": "EXTREME"}),
		"signicat level not string": with(signicatClaims(), map[string]any{"mitid_loa": 3.0}),
		"signicat no level at all":  with(signicatClaims(), map[string]any{"mitid_ial": nil, "mitid_aal": nil, "mitid_loa": nil}),
		"signicat acr low":          with(signicatClaims(), map[string]any{"mitid_ial": nil, "mitid_aal": nil, "mitid_loa": nil, "acr": "loa:low"}),
		"signicat other URI family": with(signicatClaims(), map[string]any{"mitid_loa": "https://example.org/nsis/High"}),
	}
	for name, claims := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := MapClaims(claims)
			var de *domain.Error
			if !errors.As(err, &de) || de.Code != domain.EForbidden || de.Message != "error.mitid_assurance" {
				t.Fatalf("err = %v, want EForbidden error.mitid_assurance", err)
			}
		})
	}
}

func TestMapClaimsRefusesUnusableClaims(t *testing.T) {
	tests := map[string]map[string]any{
		"no shape":                   {"sub": "x", "name": "Karen Prøvesen"},
		"idura not MitID":            with(iduraClaims(), map[string]any{"identityscheme": "sebankid"}),
		"idura no sub":               with(iduraClaims(), map[string]any{"sub": nil}),
		"idura no uuid":              with(iduraClaims(), map[string]any{"uuid": ""}),
		"idura no name":              with(iduraClaims(), map[string]any{"name": " "}),
		"idura CPR too short":        with(iduraClaims(), map[string]any{"cprNumberIdentifier": "010190123"}),
		"idura CPR with dash":        with(iduraClaims(), map[string]any{"cprNumberIdentifier": "010190-1234"}),
		"idura CPR impossible date":  with(iduraClaims(), map[string]any{"cprNumberIdentifier": "3102901234", "birthdate": nil}),
		"idura CPR as number":        with(iduraClaims(), map[string]any{"cprNumberIdentifier": 101901234.0}),
		"idura CPR other birthdate":  with(iduraClaims(), map[string]any{"cprNumberIdentifier": "0201901234"}),
		"idura birthdate malformed":  with(iduraClaims(), map[string]any{"birthdate": "01-01-1990"}),
		"signicat no idp_id":         with(signicatClaims(), map[string]any{"idp_id": nil}),
		"signicat no name":           with(signicatClaims(), map[string]any{"name": nil}),
		"signicat foreign nin":       with(signicatClaims(), map[string]any{"nin_issuing_country": "SE"}),
		"signicat organisation nin":  with(signicatClaims(), map[string]any{"nin_type": "ORGANISATION"}),
		"signicat CPR century wrong": with(signicatClaims(), map[string]any{"nin": "0101905234"}),
	}
	for name, claims := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := MapClaims(claims)
			var de *domain.Error
			if !errors.As(err, &de) || de.Code != domain.EUnauthorized || de.Message != "error.mitid_claims" {
				t.Fatalf("err = %v, want EUnauthorized error.mitid_claims", err)
			}
		})
	}
}
