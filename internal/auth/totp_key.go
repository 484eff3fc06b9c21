package auth

import (
	"bytes"
	"fmt"
	"image/png"
	"net/url"

	"github.com/pquerna/otp"
)

// TOTPKey rebuilds the otpauth:// URI and QR code of an existing secret,
// so a pending enrolment can be shown again unchanged.
func TOTPKey(secret, issuer, account string) (uri string, qrPNG []byte, err error) {
	v := url.Values{}
	v.Set("secret", secret)
	v.Set("issuer", issuer)
	v.Set("algorithm", "SHA1")
	v.Set("digits", "6")
	v.Set("period", fmt.Sprint(TOTPPeriod))
	u := url.URL{Scheme: "otpauth", Host: "totp", Path: "/" + issuer + ":" + account, RawQuery: v.Encode()}
	key, err := otp.NewKeyFromURL(u.String())
	if err != nil {
		return "", nil, fmt.Errorf("auth: totp key: %w", err)
	}
	img, err := key.Image(totpQRSize, totpQRSize)
	if err != nil {
		return "", nil, fmt.Errorf("auth: totp qr: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", nil, fmt.Errorf("auth: totp png: %w", err)
	}
	return key.URL(), buf.Bytes(), nil
}
