package devprovider

import (
	"slices"

	"github.com/bgcheck/bgcheck/internal/mitid"
)

// Identity is a fictitious MitID user offered on the provider's login
// page. Every name, date, number and UUID is made up.
type Identity struct {
	Key        string // the value of the login page's button: name="identity" value=Key
	Name       string
	GivenName  string
	FamilyName string
	BirthDate  string // YYYY-MM-DD
	CPR        string // "" means the CPR number is not released
	UUID       string // the MitID person UUID
	LoA        string // mitid.LoALow, mitid.LoASubstantial or mitid.LoAHigh
	Note       string // what the identity is for, shown on the login page
}

// testIdentities are listed in the doc comment of Identities.
var testIdentities = []Identity{
	{Key: "karen", Name: "Karen Prøvesen", GivenName: "Karen", FamilyName: "Prøvesen", BirthDate: "1990-01-01",
		CPR: "0101901234", UUID: "00000000-0000-4000-8000-000000000001", LoA: mitid.LoASubstantial,
		Note: "Almindeligt login / ordinary login"},
	{Key: "lars", Name: "Lars Testesen", GivenName: "Lars", FamilyName: "Testesen", BirthDate: "1985-02-02",
		CPR: "0202851235", UUID: "00000000-0000-4000-8000-000000000002", LoA: mitid.LoAHigh,
		Note: "Sikringsniveau høj / level high"},
	{Key: "mette", Name: "Mette Eksempel", GivenName: "Mette", FamilyName: "Eksempel", BirthDate: "2001-03-03",
		CPR: "0303014236", UUID: "00000000-0000-4000-8000-000000000003", LoA: mitid.LoASubstantial,
		Note: "Født efter 2000 / born after 2000"},
	{Key: "sofie", Name: "Sofie Fiktivsen", GivenName: "Sofie", FamilyName: "Fiktivsen", BirthDate: "1995-05-05",
		UUID: "00000000-0000-4000-8000-000000000004", LoA: mitid.LoASubstantial,
		Note: "CPR-nummer frigives ikke / CPR number not released"},
	{Key: "ole", Name: "Ole Lavsen", GivenName: "Ole", FamilyName: "Lavsen", BirthDate: "1975-04-04",
		CPR: "0404751237", UUID: "00000000-0000-4000-8000-000000000005", LoA: mitid.LoALow,
		Note: "Sikringsniveau lav, afvises / level low, refused"},
}

// Identities returns the fictitious test identities, in the order the
// login page lists them:
//
//	key    name              born        CPR         LoA          for
//	karen  Karen Prøvesen    1990-01-01  0101901234  substantial  the ordinary login
//	lars   Lars Testesen     1985-02-02  0202851235  high         the highest level
//	mette  Mette Eksempel    2001-03-03  0303014236  substantial  born after 2000 (7th CPR digit 4)
//	sofie  Sofie Fiktivsen   1995-05-05  (none)      substantial  CPR number not released
//	ole    Ole Lavsen        1975-04-04  0404751237  low          refused: below Substantial
//
// Their MitID UUIDs are 00000000-0000-4000-8000-00000000000N, N = 1…5 in
// that order. On the login page each is a button
// <button name="identity" value="KEY" id="identity-KEY">; "Cancel" is
// id="cancel" and answers the relying party with access_denied. The
// subject (sub) is a stable pseudonym derived from the key and the
// client's shape; Idura-shaped ones are written in braces.
func Identities() []Identity {
	return slices.Clone(testIdentities)
}

func identityByKey(key string) (Identity, bool) {
	i := slices.IndexFunc(testIdentities, func(id Identity) bool { return id.Key == key })
	if i < 0 {
		return Identity{}, false
	}
	return testIdentities[i], true
}
