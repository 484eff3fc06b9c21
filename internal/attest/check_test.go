package attest

import (
	"crypto/ed25519"
	"errors"
	"testing"
	"time"
)

func TestCheck(t *testing.T) {
	pub, priv := mustKey(t)
	_, otherPriv := mustKey(t)
	tok := mustSign(t, priv, example()) // valid until 2 March 2031
	cph, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	revokedAt := time.Date(2027, 1, 5, 9, 0, 0, 0, time.UTC)
	notRevoked := func(string) (bool, time.Time, error) { return false, time.Time{}, nil }
	revoked := func(id string) (bool, time.Time, error) { return id == example().ID, revokedAt, nil }
	tests := []struct {
		name    string
		token   string
		revoked RevocationLookup
		now     time.Time
		want    Status
	}{
		{"valid", tok, notRevoked, time.Date(2027, 1, 1, 12, 0, 0, 0, cph), StatusValid},
		{"valid on the last day, late evening in Denmark", tok, notRevoked, time.Date(2031, 3, 2, 23, 59, 59, 0, cph), StatusValid},
		{"expired at midnight in Denmark", tok, notRevoked, time.Date(2031, 3, 3, 0, 0, 0, 0, cph), StatusExpired},
		{"expired though still the last day in UTC", tok, notRevoked, time.Date(2031, 3, 2, 23, 30, 0, 0, time.UTC), StatusExpired},
		{"valid in summer time up to Danish midnight", mustSign(t, priv, summer()), notRevoked, time.Date(2031, 7, 1, 21, 59, 0, 0, time.UTC), StatusValid},
		{"expired in summer time at Danish midnight", mustSign(t, priv, summer()), notRevoked, time.Date(2031, 7, 1, 22, 0, 0, 0, time.UTC), StatusExpired},
		{"revoked", tok, revoked, time.Date(2027, 1, 6, 0, 0, 0, 0, cph), StatusRevoked},
		{"revoked wins over expired", tok, revoked, time.Date(2032, 1, 1, 0, 0, 0, 0, cph), StatusRevoked},
		{"offline: no revocation record", tok, nil, time.Date(2027, 1, 6, 0, 0, 0, 0, cph), StatusValid},
		{"invalid: another key", mustSign(t, otherPriv, example()), revoked, time.Date(2027, 1, 1, 0, 0, 0, 0, cph), StatusInvalid},
		{"invalid: tampered", flipAt(tok, len(tok)-10), revoked, time.Date(2027, 1, 1, 0, 0, 0, 0, cph), StatusInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Check(tt.token, Keys(pub), tt.revoked, tt.now)
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != tt.want {
				t.Fatalf("Check() = %s (%v), want %s", res.Status, res.Reason, tt.want)
			}
			switch res.Status {
			case StatusInvalid:
				if res.Reason == nil || res.Attestation != (Attestation{}) {
					t.Errorf("invalid result %+v: want a reason and no attestation", res)
				}
			case StatusRevoked:
				if !res.RevokedAt.Equal(revokedAt) {
					t.Errorf("RevokedAt = %v, want %v", res.RevokedAt, revokedAt)
				}
				fallthrough
			default:
				if res.Attestation.ID != example().ID || res.KeyID != KeyID(pub) || res.Reason != nil {
					t.Errorf("result %+v: want the attestation and its key id", res)
				}
			}
		})
	}
}

func summer() Attestation {
	a := example()
	a.ValidUntil = time.Date(2031, 7, 1, 0, 0, 0, 0, time.UTC)
	return a
}

// When a lookup fails without an answer, Check returns the error and no
// verdict, so an outage is never shown as "invalid" or "valid".
func TestCheckReportsLookupFailures(t *testing.T) {
	pub, priv := mustKey(t)
	tok := mustSign(t, priv, example())
	outage := errors.New("database is down")
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	if res, err := Check(tok, Keys(pub), func(string) (bool, time.Time, error) { return false, time.Time{}, outage }, now); !errors.Is(err, outage) {
		t.Errorf("revocation outage: Check() = %+v, %v; want the error", res, err)
	}
	if res, err := Check(tok, func(string) (ed25519.PublicKey, error) { return nil, outage }, nil, now); !errors.Is(err, outage) {
		t.Errorf("key outage: Check() = %+v, %v; want the error", res, err)
	}
}

// flipAt changes the character at i to another base64url character, so
// the signature changes whatever the token was.
func flipAt(tok string, i int) string {
	c := byte('A')
	if tok[i] == 'A' {
		c = 'B'
	}
	return tok[:i] + string(c) + tok[i+1:]
}
