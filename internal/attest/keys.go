package attest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
)

// ErrUnknownKey is returned (wrapped) by a KeyLookup that has no key for
// a key id, and by Verify for such a token.
var ErrUnknownKey = errors.New("attest: unknown key")

// KeyLookup returns the public key for a key id, or an error wrapping
// ErrUnknownKey when there is none. Any other error means the answer is
// not known (a database outage) and is passed on as such.
type KeyLookup func(kid string) (ed25519.PublicKey, error)

// Keys returns a KeyLookup over fixed keys, each under KeyID — what a
// partner holding an organisation's published keys uses.
func Keys(pubs ...ed25519.PublicKey) KeyLookup {
	byID := make(map[string]ed25519.PublicKey, len(pubs))
	for _, p := range pubs {
		byID[KeyID(p)] = p
	}
	return func(kid string) (ed25519.PublicKey, error) {
		if p, ok := byID[kid]; ok {
			return p, nil
		}
		return nil, fmt.Errorf("%w: %q", ErrUnknownKey, kid)
	}
}

// GenerateKey returns a new Ed25519 key pair for an organisation. The
// private key's 32-byte seed (priv.Seed()) is all that needs storing,
// encrypted; ed25519.NewKeyFromSeed restores it.
func GenerateKey() (ed25519.PublicKey, ed25519.PrivateKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("attest: generate key: %w", err)
	}
	return pub, priv, nil
}

// KeyID names a public key: its RFC 7638 JWK thumbprint (SHA-256 over the
// key's JWK members crv, kty and x, in that order), in unpadded base64url.
// Anyone holding the key can compute it, and it is the kid of the key's JWK.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256([]byte(`{"crv":"Ed25519","kty":"OKP","x":"` + EncodePublicKey(pub) + `"}`))
	return b64.EncodeToString(sum[:])
}

// b64 is unpadded base64url that refuses non-zero padding bits, so every
// byte string has exactly one encoding.
var b64 = base64.RawURLEncoding.Strict()

// EncodePublicKey returns the raw 32-byte key in unpadded base64url, the
// short form to print next to a published key.
func EncodePublicKey(pub ed25519.PublicKey) string { return b64.EncodeToString(pub) }

// MarshalPublicKeyPEM returns pub as a PEM "PUBLIC KEY" block (PKIX), the
// form openssl reads.
func MarshalPublicKeyPEM(pub ed25519.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("attest: encode public key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), nil
}

// JWK is an Ed25519 public key as a JSON Web Key (RFC 8037).
type JWK struct {
	Kty string `json:"kty"`
	Crv string `json:"crv"`
	X   string `json:"x"`
	Kid string `json:"kid"`
	Alg string `json:"alg"`
	Use string `json:"use"`
}

// MarshalJWK returns pub as a JWK with its KeyID as kid.
func MarshalJWK(pub ed25519.PublicKey) ([]byte, error) {
	if len(pub) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("attest: public key has %d bytes, want %d", len(pub), ed25519.PublicKeySize)
	}
	return json.Marshal(JWK{Kty: "OKP", Crv: "Ed25519", X: EncodePublicKey(pub), Kid: KeyID(pub), Alg: "EdDSA", Use: "sig"})
}

// ParsePublicKey reads an Ed25519 public key in any form this package
// writes: a PEM "PUBLIC KEY" block, a JWK, or the raw key in base64url.
func ParsePublicKey(data []byte) (ed25519.PublicKey, error) {
	data = bytes.TrimSpace(data)
	switch {
	case bytes.HasPrefix(data, []byte("-----BEGIN")):
		return parsePEM(data)
	case bytes.HasPrefix(data, []byte("{")):
		var k JWK
		if err := json.Unmarshal(data, &k); err != nil {
			return nil, fmt.Errorf("attest: public key JWK: %w", err)
		}
		if k.Kty != "OKP" || k.Crv != "Ed25519" {
			return nil, fmt.Errorf("attest: JWK is %s/%s, want OKP/Ed25519", k.Kty, k.Crv)
		}
		return rawKey(k.X)
	default:
		return rawKey(string(data))
	}
}

func parsePEM(data []byte) (ed25519.PublicKey, error) {
	block, rest := pem.Decode(data)
	if block == nil || block.Type != "PUBLIC KEY" || len(bytes.TrimSpace(rest)) > 0 {
		return nil, errors.New(`attest: want one PEM "PUBLIC KEY" block`)
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("attest: public key: %w", err)
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("attest: public key is %T, want Ed25519", k)
	}
	return pub, nil
}

func rawKey(s string) (ed25519.PublicKey, error) {
	b, err := b64.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("attest: public key is not %d bytes of base64url", ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}
