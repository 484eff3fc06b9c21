package devprovider

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"

	"github.com/bgcheck/bgcheck/internal/mitid"
)

// nsisLoA is the NSIS concept URI Signicat-shaped tokens carry.
func nsisLoA(loa string) string {
	return "https://data.gov.dk/concept/core/nsis/" + strings.ToUpper(loa[:1]) + loa[1:]
}

// acrFor is the acr claim: Idura states the level there, Signicat in its
// mitid_* claims.
func acrFor(shape string, id Identity) string {
	if shape == mitid.ShapeIdura {
		return "urn:grn:authn:dk:mitid:" + id.LoA
	}
	return ""
}

// subjectFor derives a stable pseudonym per broker shape, so a person
// keeps their sub across restarts (the portal binds it to a case) yet
// gets different ones from the two shapes, like two real brokers.
func subjectFor(shape string, id Identity) string {
	h := sha256.Sum256([]byte(shape + "\x00" + id.Key))
	u := fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
	if shape == mitid.ShapeIdura {
		return "{" + u + "}" // Idura writes sub in braces
	}
	return u
}

// claimsFor returns the claims (besides sub, acr and the registered JWT
// claims) a broker of the shape releases for the scopes.
func claimsFor(shape string, id Identity, scopes []string) map[string]any {
	switch shape {
	case mitid.ShapeIdura:
		return iduraClaims(id, scopes)
	case mitid.ShapeSignicat:
		return signicatClaims(id, scopes)
	}
	return nil
}

// iduraClaims: the person claims always, the CPR number only with ssn.
func iduraClaims(id Identity, scopes []string) map[string]any {
	c := map[string]any{
		"identityscheme": "dkmitid",
		"uuid":           id.UUID,
		"name":           id.Name,
		"birthdate":      id.BirthDate,
		"country":        "DK",
	}
	if id.CPR != "" && slices.Contains(scopes, "ssn") {
		c["cprNumberIdentifier"] = id.CPR
	}
	return c
}

// signicatClaims: every group of claims needs its own scope.
func signicatClaims(id Identity, scopes []string) map[string]any {
	c := map[string]any{}
	if slices.Contains(scopes, "idp-id") {
		c["idp_id"] = id.UUID
	}
	if slices.Contains(scopes, "profile") {
		c["name"], c["given_name"], c["family_name"] = id.Name, id.GivenName, id.FamilyName
		c["birthdate"] = id.BirthDate
	}
	if id.CPR != "" && slices.Contains(scopes, "nin") {
		c["nin"], c["nin_type"], c["nin_issuing_country"] = id.CPR, "PERSON", "DK"
	}
	if slices.Contains(scopes, "mitid-extra") {
		loa := nsisLoA(id.LoA)
		c["mitid_ial"], c["mitid_aal"], c["mitid_loa"] = loa, loa, loa
		c["mitid_uuid"] = id.UUID
		c["mitid_has_cpr"] = fmt.Sprint(id.CPR != "")
	}
	return c
}
