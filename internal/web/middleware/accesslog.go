package middleware

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// AccessLog logs one line per request with method, path, route, status,
// size, duration, request id and client IP.
//
// What it never logs: query strings (they can carry search terms and
// tokens), cookies, the Authorization header, and request or response
// bodies. redact rewrites paths that carry a secret, such as invitation
// links; it may be nil.
func AccessLog(logger *slog.Logger, redact func(path string) string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			sw := wrap(w)
			next.ServeHTTP(sw, r)
			path := r.URL.Path
			if redact != nil {
				path = redact(path)
			}
			req := domain.RequestFrom(r.Context())
			logger.LogAttrs(r.Context(), levelFor(sw.Status()), "http request",
				slog.String("method", r.Method),
				slog.String("path", path),
				slog.String("route", RouteFrom(r.Context())),
				slog.Int("status", sw.Status()),
				slog.Int64("bytes", sw.bytes),
				slog.Duration("duration", time.Since(start)),
				slog.String("request_id", req.ID),
				slog.String("ip", req.IP),
			)
		})
	}
}

// levelFor makes server errors stand out without flooding the log with
// every client mistake.
func levelFor(status int) slog.Level {
	if status >= 500 {
		return slog.LevelError
	}
	return slog.LevelInfo
}
