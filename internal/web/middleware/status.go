package middleware

import (
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// statusOf maps domain error codes to HTTP statuses; this is the only
// place the two meet.
var statusOf = map[string]int{
	domain.ENotFound:     http.StatusNotFound,
	domain.EConflict:     http.StatusConflict,
	domain.EInvalid:      http.StatusUnprocessableEntity,
	domain.EUnauthorized: http.StatusUnauthorized,
	domain.EForbidden:    http.StatusForbidden,
	domain.ETooMany:      http.StatusTooManyRequests,
	domain.EInternal:     http.StatusInternalServerError,
}

// StatusOf returns the HTTP status of a domain error code and whether the
// code is known; unknown codes are internal errors.
func StatusOf(code string) (int, bool) {
	s, ok := statusOf[code]
	if !ok {
		return http.StatusInternalServerError, false
	}
	return s, true
}
