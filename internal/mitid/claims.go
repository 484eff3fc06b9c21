package mitid

import (
	"strings"
	"time"
)

// MapClaims turns the claims of a verified ID token from either broker
// shape into an Identity. It refuses a level of assurance below
// Substantial with a *domain.Error (EForbidden, "error.mitid_assurance")
// and claims that are missing or malformed with a *domain.Error
// (EUnauthorized, "error.mitid_claims").
func MapClaims(claims map[string]any) (Identity, error) {
	if err := checkStrings(claims); err != nil {
		return Identity{}, err
	}
	var id Identity
	var err error
	switch detectShape(claims) {
	case ShapeIdura:
		id, err = mapIdura(claims)
	case ShapeSignicat:
		id, err = mapSignicat(claims)
	default:
		return Identity{}, claimsError("claims match neither the Idura nor the Signicat shape")
	}
	if err == nil {
		err = checkCommon(id)
	}
	if err != nil {
		return Identity{}, err // never a half-checked identity
	}
	return id, nil
}

// stringClaims must be strings when present. A CPR number sent as a
// JSON number has already lost its leading zero, so it is refused rather
// than read as absent.
var stringClaims = []string{"iss", "sub", "acr", "name", "birthdate", "identityscheme", "uuid",
	"cprNumberIdentifier", "idp_id", "mitid_uuid", "nin", "nin_type", "nin_issuing_country"}

func checkStrings(claims map[string]any) error {
	for _, k := range stringClaims {
		if v, ok := claims[k]; ok {
			if _, isString := v.(string); !isString {
				return claimsError(k + " is not a string")
			}
		}
	}
	return nil
}

// detectShape looks for claims only one broker sends.
func detectShape(claims map[string]any) string {
	for _, k := range []string{"identityscheme", "cprNumberIdentifier", "uuid"} {
		if _, ok := claims[k]; ok {
			return ShapeIdura
		}
	}
	for k := range claims {
		if k == "idp_id" || k == "nin" || strings.HasPrefix(k, "mitid_") {
			return ShapeSignicat
		}
	}
	return ""
}

// mapIdura reads Idura's MitID claims. The level comes from acr, e.g.
// urn:grn:authn:dk:mitid:substantial.
func mapIdura(c map[string]any) (Identity, error) {
	if scheme := str(c, "identityscheme"); scheme != "dkmitid" {
		return Identity{}, claimsError("identityscheme is " + quoteOrNone(scheme) + ", not dkmitid")
	}
	loa := parseLoA(str(c, "acr"))
	if loaRank(loa) < loaRank(minLoA) {
		return Identity{}, assuranceError(loa)
	}
	return Identity{
		Subject:   str(c, "sub"),
		UUID:      str(c, "uuid"),
		Name:      str(c, "name"),
		BirthDate: str(c, "birthdate"),
		CPR:       str(c, "cprNumberIdentifier"),
		LoA:       loa,
		Issuer:    str(c, "iss"),
		Broker:    ShapeIdura,
	}, nil
}

// mapSignicat reads Signicat's MitID claims. The level is the weakest of
// mitid_loa, mitid_ial and mitid_aal, falling back to acr (loa:…) when
// none of them was released.
func mapSignicat(c map[string]any) (Identity, error) {
	loa := signicatLoA(c)
	if loaRank(loa) < loaRank(minLoA) {
		return Identity{}, assuranceError(loa)
	}
	uuid := str(c, "idp_id")
	if uuid == "" {
		uuid = str(c, "mitid_uuid")
	}
	cpr, err := signicatCPR(c)
	if err != nil {
		return Identity{}, err
	}
	return Identity{
		Subject:   str(c, "sub"),
		UUID:      uuid,
		Name:      str(c, "name"),
		BirthDate: str(c, "birthdate"),
		CPR:       cpr,
		LoA:       loa,
		Issuer:    str(c, "iss"),
		Broker:    ShapeSignicat,
	}, nil
}

// signicatLoA returns the weakest of the present level claims. A level
// claim that is not a string makes the result "" (refused).
func signicatLoA(c map[string]any) string {
	var values []string
	for _, k := range []string{"mitid_loa", "mitid_ial", "mitid_aal"} {
		v, present := c[k]
		if !present {
			continue
		}
		s, ok := v.(string)
		if !ok || s == "" {
			return ""
		}
		values = append(values, s)
	}
	if len(values) == 0 {
		return parseLoA(str(c, "acr"))
	}
	return lowestLoA(values...)
}

// signicatCPR returns nin only when it is a Danish personal number;
// Signicat uses the same claim for other countries' identifiers.
func signicatCPR(c map[string]any) (string, error) {
	nin := str(c, "nin")
	if nin == "" {
		return "", nil
	}
	if t := str(c, "nin_type"); t != "" && !strings.EqualFold(t, "PERSON") {
		return "", claimsError("nin_type is " + quoteOrNone(t) + ", not PERSON")
	}
	if cc := str(c, "nin_issuing_country"); cc != "" && !strings.EqualFold(cc, "DK") {
		return "", claimsError("nin_issuing_country is " + quoteOrNone(cc) + ", not DK")
	}
	return nin, nil
}

// checkCommon enforces what the portal relies on whatever the broker:
// a subject and UUID to recognise the person again, a name to compare
// with the invitation, and a CPR number consistent with the birth date.
func checkCommon(id Identity) error {
	switch {
	case id.Subject == "":
		return claimsError("sub is missing")
	case id.UUID == "":
		return claimsError("the MitID UUID is missing")
	case strings.TrimSpace(id.Name) == "":
		return claimsError("name is missing")
	}
	if id.BirthDate != "" {
		if _, err := time.Parse(time.DateOnly, id.BirthDate); err != nil {
			return claimsError("birthdate is not YYYY-MM-DD")
		}
	}
	if id.CPR == "" {
		return nil
	}
	born, ok := cprBirthDate(id.CPR)
	if !ok {
		return claimsError("the CPR number is malformed")
	}
	if id.BirthDate != "" && born != id.BirthDate {
		return claimsError("the CPR number does not match birthdate")
	}
	return nil
}

// str returns the claim as a string, or "" when it is absent; checkStrings
// has already refused claims of another type.
func str(c map[string]any, key string) string {
	s, _ := c[key].(string)
	return s
}
