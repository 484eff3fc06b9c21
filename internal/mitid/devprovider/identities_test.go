package devprovider

import (
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/mitid"
)

func TestIdentitiesAreFictitiousAndConsistent(t *testing.T) {
	keys, uuids := map[string]bool{}, map[string]bool{}
	var low, withoutCPR int
	for _, id := range Identities() {
		if keys[id.Key] || uuids[id.UUID] {
			t.Errorf("%s: key or UUID repeated", id.Key)
		}
		keys[id.Key], uuids[id.UUID] = true, true
		if !strings.HasPrefix(id.UUID, "00000000-0000-4000-8000-") {
			t.Errorf("%s: UUID %s is not in the fictitious range", id.Key, id.UUID)
		}
		if id.Name != id.GivenName+" "+id.FamilyName || id.Note == "" {
			t.Errorf("%s: name parts or note wrong", id.Key)
		}
		switch id.LoA {
		case mitid.LoALow:
			low++
		case mitid.LoASubstantial, mitid.LoAHigh:
		default:
			t.Errorf("%s: LoA %q", id.Key, id.LoA)
		}
		if id.CPR == "" {
			withoutCPR++
			continue
		}
		// DDMMYY of the CPR number must be the birth date.
		ddmmyy := id.BirthDate[8:10] + id.BirthDate[5:7] + id.BirthDate[2:4]
		if !mitid.ValidCPR(id.CPR) || id.CPR[:6] != ddmmyy {
			t.Errorf("%s: CPR number does not fit birth date %s", id.Key, id.BirthDate)
		}
	}
	if low != 1 || withoutCPR != 1 {
		t.Errorf("%d identities at low, %d without CPR; want one of each", low, withoutCPR)
	}
}

func TestIdentitiesReturnsACopy(t *testing.T) {
	Identities()[0].Name = "changed"
	if Identities()[0].Name == "changed" {
		t.Fatal("Identities exposes the package's list")
	}
}
