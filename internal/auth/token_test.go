package auth

import (
	"bytes"
	"encoding/base64"
	"regexp"
	"testing"
)

func TestNewToken(t *testing.T) {
	tok, hash := NewToken()
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(raw) != 32 {
		t.Fatalf("token %q: %d bytes, err %v", tok, len(raw), err)
	}
	if !bytes.Equal(hash, HashToken(tok)) || len(hash) != 32 {
		t.Fatal("returned hash differs from HashToken")
	}
	tok2, _ := NewToken()
	if tok == tok2 {
		t.Fatal("two tokens are equal")
	}
	if bytes.Equal(HashToken(tok), HashToken(tok+"x")) {
		t.Fatal("different tokens hash equal")
	}
}

func TestNewRecoveryCodes(t *testing.T) {
	shape := regexp.MustCompile(`^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$`)
	codes, hashes := NewRecoveryCodes(10)
	if len(codes) != 10 || len(hashes) != 10 {
		t.Fatalf("got %d codes, %d hashes", len(codes), len(hashes))
	}
	seen := map[string]bool{}
	for i, c := range codes {
		if !shape.MatchString(c) {
			t.Errorf("code %q has the wrong shape", c)
		}
		if seen[c] {
			t.Errorf("duplicate code %q", c)
		}
		seen[c] = true
		if !bytes.Equal(hashes[i], HashRecoveryCode(c)) {
			t.Errorf("hash %d does not match its code", i)
		}
	}
}

func TestHashRecoveryCodeNormalises(t *testing.T) {
	want := HashRecoveryCode("0a1b-2c3d-4e5f")
	for _, typed := range []string{"0A1B-2C3D-4E5F", "0a1b 2c3d 4e5f", "0a1b2c3d4e5f", " oa1b-2c3d-4e5f ", "0aLb-2c3d-4e5f", "0aib2c3d4e5f"} {
		if !bytes.Equal(HashRecoveryCode(typed), want) {
			t.Errorf("%q does not normalise to 0a1b-2c3d-4e5f", typed)
		}
	}
	if bytes.Equal(HashRecoveryCode("0a1b-2c3d-4e5g"), want) {
		t.Error("a different code hashes equal")
	}
}
