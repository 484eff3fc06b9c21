package middleware

import "net/http"

// ContentSecurityPolicy allows scripts, styles and frames from bgcheck
// itself only: no inline script or style, no framing, forms post only
// back to bgcheck. img-src allows data: for the TOTP QR code.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

// PermissionsPolicy turns off browser features bgcheck never uses.
const PermissionsPolicy = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), " +
	"microphone=(), payment=(), usb=()"

// SecurityHeaders sets the security headers on every response. HSTS is sent
// only when secure is set (bgcheck is reached over HTTPS, directly or via a
// proxy) or the request itself came over TLS.
//
// Referrer-Policy is no-referrer because some URLs carry a token (the
// invitation link); a referrer would leak it to any linked site. Pages are
// marked no-store since they show personal data; static files override it.
func SecurityHeaders(secure bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("Content-Security-Policy", ContentSecurityPolicy)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", "no-referrer")
			h.Set("Permissions-Policy", PermissionsPolicy)
			h.Set("X-Frame-Options", "DENY")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			h.Set("Cache-Control", "no-store")
			if secure || r.TLS != nil {
				h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
			}
			next.ServeHTTP(w, r)
		})
	}
}
