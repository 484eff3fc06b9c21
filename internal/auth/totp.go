package auth

import (
	"bytes"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"
)

// TOTP settings. SHA-1, 6 digits and 30 seconds are the only combination
// every common authenticator app honours; other values are silently ignored
// by some apps, which then show codes that never match.
const (
	TOTPPeriod     = 30 // seconds
	TOTPDigits     = otp.DigitsSix
	totpSecretSize = 20 // bytes, the RFC 4226 recommended HMAC-SHA1 key size
	totpQRSize     = 200
	totpSkew       = 1 // steps accepted either side of now, for clock drift
)

// NewTOTP creates a TOTP secret for account (usually the user's e-mail)
// under issuer. It returns the base32 secret to store (encrypted) and to
// show for manual entry, the otpauth:// URI, and a ~200 px PNG QR code of
// that URI.
func NewTOTP(issuer, account string) (secret, uri string, qrPNG []byte, err error) {
	key, err := totp.Generate(totp.GenerateOpts{
		Issuer:      issuer,
		AccountName: account,
		Period:      TOTPPeriod,
		SecretSize:  totpSecretSize,
		Digits:      TOTPDigits,
		Algorithm:   otp.AlgorithmSHA1,
	})
	if err != nil {
		return "", "", nil, fmt.Errorf("auth: totp key: %w", err)
	}
	img, err := key.Image(totpQRSize, totpQRSize)
	if err != nil {
		return "", "", nil, fmt.Errorf("auth: totp qr: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", "", nil, fmt.Errorf("auth: totp png: %w", err)
	}
	return key.Secret(), key.URL(), buf.Bytes(), nil
}

// TOTPStep returns the TOTP time step containing t.
func TOTPStep(t time.Time) int64 { return t.Unix() / TOTPPeriod }

// ValidateTOTP checks code against secret at time now, accepting one step
// of clock drift either side. It returns the time step the code belongs to,
// which the caller stores as the new lastStep. Any step at or before
// lastStep is refused, so a code can be used only once even inside its
// validity window (RFC 6238 §5.2). Spaces in the code are ignored.
func ValidateTOTP(secret, code string, lastStep int64, now time.Time) (step int64, ok bool) {
	code = strings.Join(strings.Fields(code), "")
	if len(code) != TOTPDigits.Length() || strings.Trim(code, "0123456789") != "" {
		return 0, false
	}
	cur := TOTPStep(now)
	opts := hotp.ValidateOpts{Digits: TOTPDigits, Algorithm: otp.AlgorithmSHA1}
	for s := cur - totpSkew; s <= cur+totpSkew; s++ {
		if s <= lastStep || s < 0 {
			continue
		}
		match, err := hotp.ValidateCustom(code, uint64(s), secret, opts)
		if err != nil {
			return 0, false
		}
		if match {
			return s, true
		}
	}
	return 0, false
}
