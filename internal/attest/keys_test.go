package attest

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"os/exec"
	"testing"
)

func TestKeyIDIsTheRFC7638Thumbprint(t *testing.T) {
	pub, _ := rfcKey(t)
	// RFC 8037 appendix A.3 gives this thumbprint for its key.
	if got, want := KeyID(pub), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"; got != want {
		t.Errorf("KeyID() = %s, want %s", got, want)
	}
	if got, want := EncodePublicKey(pub), "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"; got != want {
		t.Errorf("EncodePublicKey() = %s, want %s", got, want)
	}
}

func TestPublicKeyFormsRoundTrip(t *testing.T) {
	pub, _ := mustKey(t)
	pemKey, err := MarshalPublicKeyPEM(pub)
	if err != nil {
		t.Fatal(err)
	}
	jwk, err := MarshalJWK(pub)
	if err != nil {
		t.Fatal(err)
	}
	for name, form := range map[string][]byte{"PEM": pemKey, "JWK": jwk, "raw": []byte(EncodePublicKey(pub)), "raw with a newline": []byte(EncodePublicKey(pub) + "\n")} {
		got, err := ParsePublicKey(form)
		if err != nil || !got.Equal(pub) {
			t.Errorf("ParsePublicKey(%s) = %x, %v; want %x", name, got, err, pub)
		}
	}
	var k JWK
	if err := json.Unmarshal(jwk, &k); err != nil || k.Kid != KeyID(pub) || k.Alg != "EdDSA" {
		t.Errorf("JWK %s: kid or alg wrong (%v)", jwk, err)
	}
}

func TestParsePublicKeyRefuses(t *testing.T) {
	pub, _ := rfcKey(t) // its base64url form has a "_", so the standard alphabet differs
	pemKey, _ := MarshalPublicKeyPEM(pub)
	tests := map[string][]byte{
		"a short raw key":          []byte(EncodePublicKey(pub)[:40]),
		"padded base64":            []byte(EncodePublicKey(pub) + "="),
		"standard base64":          bytes.ReplaceAll(bytes.ReplaceAll([]byte(EncodePublicKey(pub)), []byte("-"), []byte("+")), []byte("_"), []byte("/")),
		"a JWK of another curve":   []byte(`{"kty":"OKP","crv":"X25519","x":"` + EncodePublicKey(pub) + `"}`),
		"a private key PEM":        bytes.ReplaceAll(pemKey, []byte("PUBLIC"), []byte("PRIVATE")),
		"two PEM blocks":           append(append([]byte(nil), pemKey...), pemKey...),
		"nothing":                  nil,
		"a JWK with a bad x":       []byte(`{"kty":"OKP","crv":"Ed25519","x":"AAAA"}`),
		"a JWK that is not a JWK":  []byte(`{"kty":`),
		"a PEM that is not a PEM":  []byte("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
		"a key one byte too short": []byte(EncodePublicKey(pub[:31])),
	}
	for name, in := range tests {
		if _, err := ParsePublicKey(in); err == nil {
			t.Errorf("ParsePublicKey(%s) accepted %q", name, in)
		}
	}
}

func TestKeysLookup(t *testing.T) {
	pubA, _ := mustKey(t)
	pubB, _ := mustKey(t)
	keys := Keys(pubA, pubB)
	for _, p := range []ed25519.PublicKey{pubA, pubB} {
		if got, err := keys(KeyID(p)); err != nil || !got.Equal(p) {
			t.Errorf("Keys()(%s) = %v", KeyID(p), err)
		}
	}
	pubC, _ := mustKey(t)
	if _, err := keys(KeyID(pubC)); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("Keys() for a key not given = %v, want ErrUnknownKey", err)
	}
}

// The PEM form must be what openssl reads as an Ed25519 key.
func TestPEMReadableByOpenSSL(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl not installed")
	}
	pub, _ := rfcKey(t)
	pemKey, _ := MarshalPublicKeyPEM(pub)
	cmd := exec.Command("openssl", "pkey", "-pubin", "-noout", "-text")
	cmd.Stdin = bytes.NewReader(pemKey)
	out, err := cmd.CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("ED25519 Public-Key")) {
		t.Errorf("openssl pkey: %v\n%s", err, out)
	}
}
