package attest

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
)

// TokenType is the typ of every attestation payload. Checking it keeps a
// signature the key made for any other purpose from passing as an
// attestation.
const TokenType = "bgcheck-attestation-v1"

// MaxTokenSize bounds a token, so a verification page never parses more
// than a link can reasonably carry.
const MaxTokenSize = 4096

// Errors returned (wrapped) by Verify.
var (
	ErrMalformed    = errors.New("attest: malformed token")
	ErrTooLarge     = errors.New("attest: token too large")
	ErrNonCanonical = errors.New("attest: payload not in canonical form")
	ErrBadSignature = errors.New("attest: signature does not verify")
)

const tokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."

var kidPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

const (
	dateLayout = "2006-01-02"
	timeLayout = time.RFC3339 // issued_at, always in UTC
)

// payload is the signed JSON. Its canonical form is exactly what
// json.Marshal writes for it: fields in this order, no spaces, Go's
// string escaping. Verify refuses any other spelling, so one attestation
// has one token and a token cannot be altered without breaking it.
type payload struct {
	Typ        string       `json:"typ"`
	KeyID      string       `json:"kid"`
	ID         string       `json:"id"`
	Org        Organisation `json:"org"`
	Subject    string       `json:"subject"`
	Check      string       `json:"check"`
	Outcome    string       `json:"outcome"`
	Date       string       `json:"date"`
	ValidUntil string       `json:"valid_until"`
	IssuedAt   string       `json:"issued_at"`
}

func toPayload(kid string, a Attestation) payload {
	return payload{
		Typ: TokenType, KeyID: kid, ID: a.ID, Org: a.Organisation,
		Subject: a.SubjectName, Check: a.CheckType, Outcome: a.Outcome,
		Date:       a.Date.Format(dateLayout),
		ValidUntil: a.ValidUntil.Format(dateLayout),
		IssuedAt:   a.IssuedAt.UTC().Format(timeLayout),
	}
}

func (p payload) attestation() (Attestation, error) {
	date, err1 := time.Parse(dateLayout, p.Date)
	until, err2 := time.Parse(dateLayout, p.ValidUntil)
	issued, err3 := time.Parse(timeLayout, p.IssuedAt)
	if err := errors.Join(err1, err2, err3); err != nil {
		return Attestation{}, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	// The layouts also accept other spellings (an offset, fractions of a
	// second); only the one Sign writes is allowed.
	if date.Format(dateLayout) != p.Date || until.Format(dateLayout) != p.ValidUntil || issued.UTC().Format(timeLayout) != p.IssuedAt {
		return Attestation{}, fmt.Errorf("%w: dates not in the form Sign writes", ErrInvalid)
	}
	a := Attestation{
		ID: p.ID, Organisation: p.Org, SubjectName: p.Subject, CheckType: p.Check,
		Outcome: p.Outcome, Date: date, ValidUntil: until, IssuedAt: issued,
	}
	return a, a.Validate()
}

// Sign returns the token for a, signed with priv and naming kid (KeyID of
// priv's public key, unless the platform names keys otherwise):
//
//	base64url(payload JSON) "." base64url(Ed25519 signature)
//
// unpadded, the signature taken over the first part exactly as written.
func Sign(priv ed25519.PrivateKey, kid string, a Attestation) (string, error) {
	if len(priv) != ed25519.PrivateKeySize {
		return "", fmt.Errorf("attest: private key has %d bytes, want %d", len(priv), ed25519.PrivateKeySize)
	}
	if !kidPattern.MatchString(kid) {
		return "", fmt.Errorf("attest: key id %q is not 1–64 base64url characters", kid)
	}
	if err := a.Validate(); err != nil {
		return "", err
	}
	js, err := json.Marshal(toPayload(kid, a))
	if err != nil {
		return "", fmt.Errorf("attest: encode: %w", err)
	}
	body := b64.EncodeToString(js)
	token := body + "." + b64.EncodeToString(ed25519.Sign(priv, []byte(body)))
	if len(token) > MaxTokenSize {
		return "", fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, len(token), MaxTokenSize)
	}
	return token, nil
}

// Verify checks token's form and signature, with the key keys returns for
// its kid, and returns the attestation it carries. It does not look at
// the validity period or revocation; Check does.
func Verify(token string, keys KeyLookup) (Attestation, error) {
	a, _, err := verify(token, keys)
	return a, err
}

// verify is Verify, also returning the key id.
func verify(token string, keys KeyLookup) (Attestation, string, error) {
	p, body, sig, err := parse(token)
	if err != nil {
		return Attestation{}, "", err
	}
	pub, err := keys(p.KeyID)
	if err != nil {
		return Attestation{}, p.KeyID, fmt.Errorf("attest: key %q: %w", p.KeyID, err)
	}
	if len(pub) != ed25519.PublicKeySize || !ed25519.Verify(pub, []byte(body), sig) {
		return Attestation{}, p.KeyID, ErrBadSignature
	}
	a, err := p.attestation()
	if err != nil {
		return Attestation{}, p.KeyID, err
	}
	return a, p.KeyID, nil
}

// parse splits and decodes a token without trusting it: the payload is
// only read far enough to know which key to check the signature with.
func parse(token string) (payload, string, []byte, error) {
	if len(token) > MaxTokenSize {
		return payload{}, "", nil, fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, len(token), MaxTokenSize)
	}
	// Go's base64 decoder skips line breaks; refusing every character
	// outside the token alphabet first keeps a token to one spelling.
	if strings.Trim(token, tokenAlphabet) != "" {
		return payload{}, "", nil, fmt.Errorf("%w: character outside base64url and '.'", ErrMalformed)
	}
	body, sigText, ok := strings.Cut(token, ".")
	if !ok || body == "" || strings.Contains(sigText, ".") {
		return payload{}, "", nil, fmt.Errorf("%w: want two parts separated by one dot", ErrMalformed)
	}
	sig, err := b64.DecodeString(sigText)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return payload{}, "", nil, fmt.Errorf("%w: signature is not %d bytes of base64url", ErrMalformed, ed25519.SignatureSize)
	}
	js, err := b64.DecodeString(body)
	if err != nil {
		return payload{}, "", nil, fmt.Errorf("%w: payload is not base64url", ErrMalformed)
	}
	p, err := decode(js)
	if err != nil {
		return payload{}, "", nil, err
	}
	return p, body, sig, nil
}

// decode reads the payload strictly and insists on its canonical form.
func decode(js []byte) (payload, error) {
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	var p payload
	if err := dec.Decode(&p); err != nil {
		return payload{}, fmt.Errorf("%w: payload: %w", ErrMalformed, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return payload{}, fmt.Errorf("%w: data after the payload", ErrMalformed)
	}
	if p.Typ != TokenType {
		return payload{}, fmt.Errorf("%w: typ %q, want %q", ErrMalformed, p.Typ, TokenType)
	}
	if !kidPattern.MatchString(p.KeyID) {
		return payload{}, fmt.Errorf("%w: bad kid", ErrMalformed)
	}
	if canon, err := json.Marshal(p); err != nil || !bytes.Equal(canon, js) {
		return payload{}, ErrNonCanonical
	}
	return p, nil
}
