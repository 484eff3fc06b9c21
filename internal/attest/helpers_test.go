package attest

import (
	"crypto/ed25519"
	"encoding/base64"
	"testing"
	"time"
)

// rfcKey is the Ed25519 key of RFC 8037 appendix A, so key encodings can
// be checked against published values.
func rfcKey(t testing.TB) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	seed, err := base64.RawURLEncoding.DecodeString("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")
	if err != nil {
		t.Fatal(err)
	}
	priv := ed25519.NewKeyFromSeed(seed)
	return priv.Public().(ed25519.PublicKey), priv
}

func mustKey(t *testing.T) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	pub, priv, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

// example is the attestation docs/attestations.md shows.
func example() Attestation {
	return Attestation{
		ID:           "0190a0b0-0000-7000-8000-0000000000a7",
		Organisation: Organisation{Name: "Lufthavn A/S", CVR: "12345674"},
		SubjectName:  "Karen Prøvesen",
		CheckType:    "Aviation, extended",
		Outcome:      OutcomeApproved,
		Date:         time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC),
		ValidUntil:   time.Date(2031, 3, 2, 0, 0, 0, 0, time.UTC),
		IssuedAt:     time.Date(2026, 3, 2, 10, 15, 0, 0, time.UTC),
	}
}

func mustSign(t *testing.T, priv ed25519.PrivateKey, a Attestation) string {
	t.Helper()
	tok, err := Sign(priv, KeyID(priv.Public().(ed25519.PublicKey)), a)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
