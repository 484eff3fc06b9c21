package webhook

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

var (
	secretA = []byte("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
	secretB = []byte("whsec_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB")
	signAt  = time.Unix(1767225600, 0) // 2026-01-01T00:00:00Z
	body    = []byte(`{"id":"0190a0b0-0000-7000-8000-000000000001","type":"case.created"}`)
)

func TestSignVerifyRoundTrip(t *testing.T) {
	h := Sign(secretA, signAt, body)
	if err := Verify([][]byte{secretA}, h, body, signAt.Add(time.Minute), 0); err != nil {
		t.Fatalf("Verify(Sign()) = %v", err)
	}
	if !strings.HasPrefix(h, "t=1767225600,v1=") || len(h) != len("t=1767225600,v1=")+64 {
		t.Errorf("header %q does not have the documented shape", h)
	}
}

func TestVerifyRefuses(t *testing.T) {
	valid := Sign(secretA, signAt, body)
	tests := []struct {
		name    string
		secrets [][]byte
		header  string
		body    []byte
		now     time.Time
		want    error
	}{
		{"tampered body", [][]byte{secretA}, valid, []byte(strings.Replace(string(body), "created", "decided", 1)), signAt, ErrNoSignature},
		{"body with a byte appended", [][]byte{secretA}, valid, append(append([]byte(nil), body...), ' '), signAt, ErrNoSignature},
		{"wrong secret", [][]byte{secretB}, valid, body, signAt, ErrNoSignature},
		{"no secret", nil, valid, body, signAt, ErrNoSecret},
		{"timestamp changed", [][]byte{secretA}, strings.Replace(valid, "t=1767225600", "t=1767225601", 1), body, signAt, ErrNoSignature},
		{"stale timestamp", [][]byte{secretA}, valid, body, signAt.Add(DefaultTolerance + time.Second), ErrTimestamp},
		{"timestamp in the future", [][]byte{secretA}, valid, body, signAt.Add(-DefaultTolerance - time.Second), ErrTimestamp},
		{"empty header", [][]byte{secretA}, "", body, signAt, ErrMalformedHeader},
		{"no t", [][]byte{secretA}, strings.TrimPrefix(valid, "t=1767225600,"), body, signAt, ErrMalformedHeader},
		{"no v1", [][]byte{secretA}, "t=1767225600", body, signAt, ErrMalformedHeader},
		{"t twice", [][]byte{secretA}, "t=1767225600," + valid, body, signAt, ErrMalformedHeader},
		{"negative t", [][]byte{secretA}, strings.Replace(valid, "t=", "t=-", 1), body, signAt, ErrMalformedHeader},
		{"t with a leading zero", [][]byte{secretA}, strings.Replace(valid, "t=", "t=0", 1), body, signAt, ErrMalformedHeader},
		{"t not a number", [][]byte{secretA}, strings.Replace(valid, "t=1767225600", "t=soon", 1), body, signAt, ErrMalformedHeader},
		{"v1 not hex", [][]byte{secretA}, valid[:len(valid)-1] + "g", body, signAt, ErrMalformedHeader},
		{"v1 truncated", [][]byte{secretA}, valid[:len(valid)-2], body, signAt, ErrMalformedHeader},
		{"entry without =", [][]byte{secretA}, valid + ",v1", body, signAt, ErrMalformedHeader},
		{"too many signatures", [][]byte{secretA}, "t=1767225600" + strings.Repeat(","+strings.Split(valid, ",")[1], maxHeaderSigs+1), body, signAt, ErrMalformedHeader},
		{"oversize header", [][]byte{secretA}, valid + "," + strings.Repeat("x", maxHeaderLen), body, signAt, ErrMalformedHeader},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Verify(tt.secrets, tt.header, tt.body, tt.now, 0)
			if !errors.Is(err, tt.want) {
				t.Errorf("Verify() = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestVerifyAccepts(t *testing.T) {
	tests := []struct {
		name    string
		secrets [][]byte
		header  string
		now     time.Time
		tol     time.Duration
	}{
		{"receiver still on the old secret while the sender signs with both", [][]byte{secretA}, SignAll([][]byte{secretB, secretA}, signAt, body), signAt, 0},
		{"receiver already on the new secret while the sender signs with both", [][]byte{secretB}, SignAll([][]byte{secretB, secretA}, signAt, body), signAt, 0},
		{"receiver holding both secrets, sender on the new one", [][]byte{secretA, secretB}, Sign(secretB, signAt, body), signAt, 0},
		{"unknown scheme entries are ignored", [][]byte{secretA}, Sign(secretA, signAt, body) + ",v2=whatever", signAt, 0},
		{"spaces around entries", [][]byte{secretA}, strings.ReplaceAll(Sign(secretA, signAt, body), ",", " , "), signAt, 0},
		{"upper-case hex", [][]byte{secretA}, "t=1767225600,v1=" + strings.ToUpper(strings.Split(Sign(secretA, signAt, body), "v1=")[1]), signAt, 0},
		{"at the edge of the tolerance", [][]byte{secretA}, Sign(secretA, signAt, body), signAt.Add(DefaultTolerance), 0},
		{"within a wider tolerance", [][]byte{secretA}, Sign(secretA, signAt, body), signAt.Add(time.Hour), 2 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := Verify(tt.secrets, tt.header, body, tt.now, tt.tol); err != nil {
				t.Errorf("Verify(%q) = %v", tt.header, err)
			}
		})
	}
}

func TestSignAllCarriesOneSignaturePerSecret(t *testing.T) {
	h := SignAll([][]byte{secretA, secretB}, signAt, body)
	parts := strings.Split(h, ",")
	if len(parts) != 3 || parts[1] == parts[2] {
		t.Fatalf("SignAll() = %q, want t and two different v1", h)
	}
	if "t=1767225600,"+parts[1] != Sign(secretA, signAt, body) || "t=1767225600,"+parts[2] != Sign(secretB, signAt, body) {
		t.Errorf("SignAll() entries differ from Sign() per secret")
	}
}

func TestNewSecret(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		s, err := NewSecret()
		if err != nil {
			t.Fatal(err)
		}
		if !ValidSecret(s) || len(s) != len(SecretPrefix)+43 {
			t.Fatalf("NewSecret() = %q, not a valid secret", s)
		}
		if seen[s] {
			t.Fatalf("NewSecret() repeated %q", s)
		}
		seen[s] = true
	}
}

func TestValidSecretRefuses(t *testing.T) {
	s, _ := NewSecret()
	for name, v := range map[string]string{
		"no prefix":     strings.TrimPrefix(s, SecretPrefix),
		"short":         s[:len(s)-1],
		"padded":        s + "=",
		"standard b64":  SecretPrefix + strings.Repeat("+", 43),
		"empty":         "",
		"only a prefix": SecretPrefix,
	} {
		if ValidSecret(v) {
			t.Errorf("ValidSecret(%s %q) = true", name, v)
		}
	}
}

func FuzzVerifyHeader(f *testing.F) {
	f.Add(Sign(secretA, signAt, body))
	f.Add(SignAll([][]byte{secretA, secretB}, signAt, body))
	f.Add("t=1,v1=")
	f.Add("t=,v1=00,v1=zz,,=")
	f.Add(fmt.Sprintf("t=%d,v2=ab", signAt.Unix()))
	f.Fuzz(func(t *testing.T, header string) {
		err := Verify([][]byte{secretA}, header, body, signAt, 0)
		if err == nil {
			// Only a header carrying secretA's signature for this body
			// and time may pass; anything else would be a forgery.
			_, sigs, perr := parseHeader(header)
			if perr != nil || !strings.Contains(strings.ToLower(header), strings.Split(Sign(secretA, signAt, body), "v1=")[1]) || len(sigs) == 0 {
				t.Fatalf("Verify accepted %q", header)
			}
		} else if !errors.Is(err, ErrMalformedHeader) && !errors.Is(err, ErrNoSignature) && !errors.Is(err, ErrTimestamp) {
			t.Fatalf("Verify(%q) = %v, not one of the documented errors", header, err)
		}
	})
}
