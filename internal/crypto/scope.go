package crypto

import (
	"encoding/binary"
	"errors"
)

// Scope names where a ciphertext belongs. It is bound into the associated
// data of every encryption, so a ciphertext copied to another tenant,
// owner, record or field fails to decrypt.
type Scope struct {
	// OrgID is the tenant.
	OrgID string
	// OwnerID is the data subject (or company user) whose data key is used;
	// shredding this owner makes the ciphertext unreadable.
	OwnerID string
	// Record identifies the row or object holding the ciphertext, e.g.
	// "subject:<id>" or "blob:<id>".
	Record string
	// Field names the column or part of the record; it may be empty when a
	// record holds a single ciphertext.
	Field string
}

func (sc Scope) validate() error {
	switch {
	case sc.OrgID == "":
		return errors.New("crypto: scope has no organisation id")
	case sc.OwnerID == "":
		return errors.New("crypto: scope has no owner id")
	case sc.Record == "":
		return errors.New("crypto: scope has no record")
	}
	return nil
}

// associatedData encodes the scope unambiguously: a version tag, then each
// part length-prefixed, so no two different scopes share an encoding (plain
// concatenation would let "ab"+"c" collide with "a"+"bc").
func (sc Scope) associatedData() []byte {
	return lengthPrefixed("bgcheck/ad/v1", sc.OrgID, sc.OwnerID, sc.Record, sc.Field)
}

// wrapAD is the associated data that binds a wrapped data keyset to its
// key-store row, so wrapped keys cannot be swapped between owners.
func wrapAD(kind, orgID, ownerID string) []byte {
	return lengthPrefixed("bgcheck/datakey/v1", kind, orgID, ownerID)
}

func lengthPrefixed(parts ...string) []byte {
	n := 0
	for _, p := range parts {
		n += binary.MaxVarintLen64 + len(p)
	}
	b := make([]byte, 0, n)
	for _, p := range parts {
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
	}
	return b
}
