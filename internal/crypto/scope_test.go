package crypto

import (
	"bytes"
	"testing"
)

func TestAssociatedDataIsUnambiguous(t *testing.T) {
	scopes := []Scope{
		{OrgID: "ab", OwnerID: "c", Record: "r", Field: "f"},
		{OrgID: "a", OwnerID: "bc", Record: "r", Field: "f"},
		{OrgID: "a", OwnerID: "b", Record: "cr", Field: "f"},
		{OrgID: "a", OwnerID: "b", Record: "c", Field: "rf"},
		{OrgID: "a", OwnerID: "b", Record: "crf", Field: ""},
		{OrgID: "a\x01", OwnerID: "b", Record: "c", Field: ""},
		{OrgID: "a", OwnerID: "\x01b", Record: "c", Field: ""},
	}
	for i := range scopes {
		for j := range scopes {
			same := bytes.Equal(scopes[i].associatedData(), scopes[j].associatedData())
			if same != (i == j) {
				t.Errorf("scopes %d and %d: equal associated data = %v", i, j, same)
			}
		}
	}
}

func TestScopeMustNameOrgOwnerAndRecord(t *testing.T) {
	for _, sc := range []Scope{
		{OwnerID: "o", Record: "r"},
		{OrgID: "g", Record: "r"},
		{OrgID: "g", OwnerID: "o"},
	} {
		if sc.validate() == nil {
			t.Errorf("%+v accepted", sc)
		}
	}
	if err := (Scope{OrgID: "g", OwnerID: "o", Record: "r"}).validate(); err != nil {
		t.Errorf("scope without field refused: %v", err)
	}
}
