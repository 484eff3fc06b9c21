package webhook

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SignatureHeader is the request header carrying the signature.
const SignatureHeader = "Bgcheck-Signature"

// SecretPrefix starts every signing secret, so a secret pasted into the
// wrong place (or leaked into a log) is recognisable.
const SecretPrefix = "whsec_"

// DefaultTolerance is how far a signature's timestamp may be from the
// receiver's clock. Retries are signed afresh, so only clock skew and
// network delay need to fit in it.
const DefaultTolerance = 5 * time.Minute

// Limits on what Verify parses, so a hostile header costs bounded work.
const (
	maxHeaderLen  = 4096
	maxHeaderSigs = 8
)

// Errors returned by Verify. Receivers answer any of them with 4xx and
// ignore the request.
var (
	ErrMalformedHeader = errors.New("webhook: malformed signature header")
	ErrNoSignature     = errors.New("webhook: no signature matches")
	ErrTimestamp       = errors.New("webhook: signature timestamp outside tolerance")
	ErrNoSecret        = errors.New("webhook: no secret to verify with")
)

// NewSecret returns a new signing secret: SecretPrefix followed by 32
// random bytes in unpadded base64url. The whole string, prefix included,
// is the HMAC key, so a receiver uses it exactly as shown.
func NewSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("webhook: new secret: %w", err)
	}
	return SecretPrefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// ValidSecret reports whether s has the shape NewSecret produces, for
// checking a secret read from configuration or storage.
func ValidSecret(s string) bool {
	rest, ok := strings.CutPrefix(s, SecretPrefix)
	if !ok {
		return false
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(rest)
	return err == nil && len(b) == 32
}

// Sign returns the signature header value for body sent at t, signed
// with one secret: "t=<unix seconds>,v1=<hex HMAC-SHA256>".
func Sign(secret []byte, t time.Time, body []byte) string {
	return SignAll([][]byte{secret}, t, body)
}

// SignAll signs body with every secret, one v1 entry each. During a
// secret rotation the sender signs with the new and the old secret, so
// receivers holding either accept the request.
func SignAll(secrets [][]byte, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	var b strings.Builder
	b.WriteString("t=")
	b.WriteString(ts)
	for _, s := range secrets {
		b.WriteString(",v1=")
		b.WriteString(hex.EncodeToString(mac(s, ts, body)))
	}
	return b.String()
}

// mac is HMAC-SHA256(secret, "<t>.<body>").
func mac(secret []byte, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// Verify checks that header signs body with one of secrets and that its
// timestamp is within tolerance of now (DefaultTolerance when tolerance
// is not positive). Any v1 entry may match any secret, which covers
// rotation on both sides. Comparisons take constant time.
func Verify(secrets [][]byte, header string, body []byte, now time.Time, tolerance time.Duration) error {
	if len(secrets) == 0 {
		return ErrNoSecret
	}
	ts, sigs, err := parseHeader(header)
	if err != nil {
		return err
	}
	if !anyMatch(secrets, ts, sigs, body) {
		return ErrNoSignature
	}
	// The timestamp is judged only once it is known to be authentic.
	if tolerance <= 0 {
		tolerance = DefaultTolerance
	}
	sec, _ := strconv.ParseInt(ts, 10, 64)
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("%w: signed at %s", ErrTimestamp, time.Unix(sec, 0).UTC().Format(time.RFC3339))
	}
	return nil
}

func anyMatch(secrets [][]byte, ts string, sigs [][]byte, body []byte) bool {
	ok := false
	for _, s := range secrets {
		want := mac(s, ts, body)
		for _, sig := range sigs {
			// No early return: the time taken does not say which pair matched.
			if hmac.Equal(want, sig) {
				ok = true
			}
		}
	}
	return ok
}

// parseHeader splits "t=…,v1=…[,v1=…]" into the timestamp as signed and
// the decoded v1 signatures. Entries with other keys are ignored, so a
// later scheme (v2) can be added beside v1 without breaking receivers.
func parseHeader(h string) (string, [][]byte, error) {
	if len(h) > maxHeaderLen {
		return "", nil, fmt.Errorf("%w: longer than %d bytes", ErrMalformedHeader, maxHeaderLen)
	}
	var ts string
	var sigs [][]byte
	for item := range strings.SplitSeq(h, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(item), "=")
		if !ok {
			return "", nil, fmt.Errorf("%w: entry without '='", ErrMalformedHeader)
		}
		switch k {
		case "t":
			if ts != "" || !validTimestamp(v) {
				return "", nil, fmt.Errorf("%w: bad or repeated t", ErrMalformedHeader)
			}
			ts = v
		case "v1":
			sig, err := hex.DecodeString(v)
			if err != nil || len(sig) != sha256.Size {
				return "", nil, fmt.Errorf("%w: v1 is not %d hex bytes", ErrMalformedHeader, sha256.Size)
			}
			if len(sigs) == maxHeaderSigs {
				return "", nil, fmt.Errorf("%w: more than %d signatures", ErrMalformedHeader, maxHeaderSigs)
			}
			sigs = append(sigs, sig)
		}
	}
	if ts == "" || len(sigs) == 0 {
		return "", nil, fmt.Errorf("%w: needs t and v1", ErrMalformedHeader)
	}
	return ts, sigs, nil
}

// validTimestamp accepts decimal Unix seconds without sign or leading
// zeros, the only form Sign writes; other spellings of the same number
// would sign different bytes and only confuse.
func validTimestamp(s string) bool {
	if s == "" || len(s) > 12 || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
