package auth

import (
	"bytes"
	"image/png"
	"net/url"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

func mustCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	code, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: TOTPPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func TestNewTOTP(t *testing.T) {
	secret, uri, qr, err := NewTOTP("bgcheck", "anna@example.dk")
	if err != nil {
		t.Fatal(err)
	}
	if len(secret) != 32 { // 20 bytes in unpadded base32
		t.Fatalf("secret length %d, want 32", len(secret))
	}
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" {
		t.Fatalf("uri %q: %v", uri, err)
	}
	q := u.Query()
	if q.Get("secret") != secret || q.Get("issuer") != "bgcheck" || q.Get("algorithm") != "SHA1" ||
		q.Get("digits") != "6" || q.Get("period") != "30" {
		t.Fatalf("uri parameters %v", q)
	}
	img, err := png.Decode(bytes.NewReader(qr))
	if err != nil {
		t.Fatalf("QR is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 200 || b.Dy() != 200 {
		t.Fatalf("QR is %v, want 200x200", b)
	}
}

func TestValidateTOTP(t *testing.T) {
	secret, _, _, err := NewTOTP("bgcheck", "anna@example.dk")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 10, 0, 15, 0, time.UTC)
	cur := TOTPStep(now)
	code := mustCode(t, secret, now)

	step, ok := ValidateTOTP(secret, code, 0, now)
	if !ok || step != cur {
		t.Fatalf("current code: step=%d ok=%v, want %d true", step, ok, cur)
	}
	if _, ok := ValidateTOTP(secret, code, step, now); ok {
		t.Fatal("replayed code accepted")
	}
	if _, ok := ValidateTOTP(secret, code, step, now.Add(30*time.Second)); ok {
		t.Fatal("replayed code accepted in the next step")
	}
	spaced := code[:3] + " " + code[3:]
	if s, ok := ValidateTOTP(secret, spaced, 0, now); !ok || s != cur {
		t.Fatal("code with a space refused")
	}
}

func TestValidateTOTPSkew(t *testing.T) {
	secret, _, _, _ := NewTOTP("bgcheck", "anna@example.dk")
	now := time.Date(2026, 11, 23, 10, 0, 15, 0, time.UTC)
	cur := TOTPStep(now)
	cases := []struct {
		name   string
		offset time.Duration
		ok     bool
		step   int64
	}{
		{"previous step", -30 * time.Second, true, cur - 1},
		{"next step", 30 * time.Second, true, cur + 1},
		{"two steps back", -60 * time.Second, false, 0},
		{"two steps ahead", 60 * time.Second, false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			step, ok := ValidateTOTP(secret, mustCode(t, secret, now.Add(c.offset)), 0, now)
			if ok != c.ok || step != c.step {
				t.Fatalf("step=%d ok=%v, want %d %v", step, ok, c.step, c.ok)
			}
		})
	}
	// A code from the previous step is refused once a later step was used.
	if _, ok := ValidateTOTP(secret, mustCode(t, secret, now.Add(-30*time.Second)), cur, now); ok {
		t.Fatal("older code accepted after a newer one was used")
	}
}

func TestValidateTOTPBadInput(t *testing.T) {
	secret, _, _, _ := NewTOTP("bgcheck", "anna@example.dk")
	now := time.Now()
	for _, code := range []string{"", "12345", "1234567", "12a456", "１２３４５６"} {
		if _, ok := ValidateTOTP(secret, code, 0, now); ok {
			t.Errorf("code %q accepted", code)
		}
	}
	if _, ok := ValidateTOTP("not base32!", "123456", 0, now); ok {
		t.Error("invalid secret accepted")
	}
}
