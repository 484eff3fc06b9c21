package audit

import (
	"errors"
	"testing"
	"time"
)

func TestSignAndVerifyCheckpoint(t *testing.T) {
	s := mustSigner(t)
	at := time.Date(2026, 11, 23, 10, 0, 0, 123_456_789, time.FixedZone("CET", 3600))
	cp := s.Sign(Checkpoint{OrgID: "org-a", Size: 42, Head: Genesis(), At: at})
	if cp.KeyID != s.KeyID() || cp.KeyID != KeyID(s.PublicKey()) || len(cp.KeyID) != 16 {
		t.Fatalf("KeyID %q", cp.KeyID)
	}
	if !cp.At.Equal(at.Truncate(time.Millisecond)) || cp.At.Location() != time.UTC {
		t.Fatalf("At %v not truncated to ms in UTC", cp.At)
	}
	if err := VerifyCheckpoint(s.PublicKey(), cp); err != nil {
		t.Fatal(err)
	}
	tampered := []func(*Checkpoint){
		func(c *Checkpoint) { c.OrgID = "org-b" },
		func(c *Checkpoint) { c.Size++ },
		func(c *Checkpoint) { c.Head = append([]byte{1}, c.Head[1:]...) },
		func(c *Checkpoint) { c.At = c.At.Add(time.Millisecond) },
		func(c *Checkpoint) { c.Signature = append([]byte{c.Signature[0] ^ 1}, c.Signature[1:]...) },
	}
	for i, f := range tampered {
		c := cp
		f(&c)
		if err := VerifyCheckpoint(s.PublicKey(), c); !errors.Is(err, ErrBadSignature) {
			t.Errorf("tamper %d: err = %v, want ErrBadSignature", i, err)
		}
	}
	if err := VerifyCheckpoint(mustSigner(t).PublicKey(), cp); !errors.Is(err, ErrBadSignature) {
		t.Errorf("other key: err = %v", err)
	}
	if err := VerifyCheckpoint(nil, cp); err == nil {
		t.Error("nil key accepted")
	}
}

func TestNewSignerRejectsBadKey(t *testing.T) {
	if _, err := NewSigner(make([]byte, 10)); err == nil {
		t.Fatal("short key accepted")
	}
}
