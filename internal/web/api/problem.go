package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/middleware"
)

// Problem types (RFC 9457 "type"). They are URNs rather than URLs, so they
// never depend on where bgcheck is hosted; docs/api.md describes each.
const (
	typeValidation       = "urn:bgcheck:problem:validation"
	typeMalformed        = "urn:bgcheck:problem:malformed-request"
	typeUnauthorized     = "urn:bgcheck:problem:unauthorized"
	typeForbidden        = "urn:bgcheck:problem:forbidden"
	typeNotFound         = "urn:bgcheck:problem:not-found"
	typeMethod           = "urn:bgcheck:problem:method-not-allowed"
	typeConflict         = "urn:bgcheck:problem:conflict"
	typeTooLarge         = "urn:bgcheck:problem:payload-too-large"
	typeMediaType        = "urn:bgcheck:problem:unsupported-media-type"
	typeRateLimited      = "urn:bgcheck:problem:rate-limited"
	typeIdempotencyReuse = "urn:bgcheck:problem:idempotency-key-reused"
	typeIdempotencyBusy  = "urn:bgcheck:problem:idempotency-key-in-use"
	typeInternal         = "urn:bgcheck:problem:internal"
)

// problemContentType is the media type of every error response.
const problemContentType = "application/problem+json"

// fieldError is one entry of a problem's "errors": which input was wrong
// and why. Code is a stable identifier; Message is English prose.
type fieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// apiError is an error that is already a problem: handlers and the guard
// return it for faults the API itself detects.
type apiError struct {
	Status     int
	Type       string
	Title      string
	Detail     string
	Errors     []fieldError
	RetryAfter int // seconds; sent as Retry-After when > 0
}

func (e *apiError) Error() string { return e.Title + ": " + e.Detail }

var (
	errNoRoute  = &apiError{Status: http.StatusNotFound, Type: typeNotFound, Title: "Not Found", Detail: "There is no API resource at this path."}
	errMethod   = &apiError{Status: http.StatusMethodNotAllowed, Type: typeMethod, Title: "Method Not Allowed", Detail: "The resource exists but does not support this method; see the Allow header."}
	errTooLarge = &apiError{Status: http.StatusRequestEntityTooLarge, Type: typeTooLarge, Title: "Payload Too Large", Detail: "The request body is larger than the API accepts."}
	errNoKey    = &apiError{Status: http.StatusUnauthorized, Type: typeUnauthorized, Title: "Unauthorized", Detail: "Send an API key as \"Authorization: Bearer bgk_…\"."}
	errBadKey   = &apiError{Status: http.StatusUnauthorized, Type: typeUnauthorized, Title: "Unauthorized", Detail: "The API key is invalid or has been revoked."}
)

func errScope(scope domain.APIScope) *apiError {
	return &apiError{Status: http.StatusForbidden, Type: typeForbidden, Title: "Forbidden", Detail: "The API key lacks the scope " + string(scope) + "."}
}

// malformed is a 400 problem about one input.
func malformed(field, code, message string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Type: typeMalformed, Title: "Bad Request",
		Detail: message, Errors: []fieldError{{Field: field, Code: code, Message: message}}}
}

// problemBody is the JSON of a problem.
type problemBody struct {
	Type      string       `json:"type"`
	Title     string       `json:"title"`
	Status    int          `json:"status"`
	Detail    string       `json:"detail"`
	Instance  string       `json:"instance,omitempty"`
	RequestID string       `json:"request_id,omitempty"`
	Errors    []fieldError `json:"errors,omitempty"`
}

// typeOfCode maps domain error codes to problem types; the status comes
// from middleware.StatusOf, the one place codes meet HTTP.
var typeOfCode = map[string]string{
	domain.ENotFound:     typeNotFound,
	domain.EConflict:     typeConflict,
	domain.EInvalid:      typeValidation,
	domain.EUnauthorized: typeUnauthorized,
	domain.EForbidden:    typeForbidden,
	domain.ETooMany:      typeRateLimited,
	domain.EInternal:     typeInternal,
}

func typeOfStatus(status int) string {
	if status == http.StatusBadRequest {
		return typeMalformed
	}
	return typeInternal
}

// renamed carries a handler's mapping from a service's field names (the
// company forms') to the API's JSON field names.
type renamed struct {
	err   error
	names map[string]string
}

func (r *renamed) Error() string { return r.err.Error() }
func (r *renamed) Unwrap() error { return r.err }

func withFieldNames(err error, names map[string]string) error {
	if err == nil {
		return nil
	}
	return &renamed{err: err, names: names}
}

// toProblem turns any error into a problem. Messages of domain errors are
// catalogue ids or plain text safe to show; anything else is internal and
// shows nothing of itself.
func (s *Server) toProblem(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	code := domain.ErrorCode(err)
	status, _ := middleware.StatusOf(code)
	p := &apiError{Status: status, Type: typeOfCode[code], Title: http.StatusText(status)}
	if p.Type == "" {
		p.Type = typeInternal
	}
	if code == domain.EInternal {
		p.Detail = s.english("error.internal")
		return p
	}
	p.Detail = s.english(domain.ErrorMessage(err))
	if code == domain.ENotFound {
		// Store messages name tables; the API names no more than this.
		p.Detail = "The resource does not exist, or the API key's organisation has no access to it."
	}
	var names map[string]string
	var rn *renamed
	if errors.As(err, &rn) {
		names = rn.names
	}
	fields := domain.ErrorFields(err)
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		name := k
		if n, ok := names[k]; ok {
			name = n
		}
		p.Errors = append(p.Errors, fieldError{Field: name, Code: fields[k], Message: s.english(fields[k])})
	}
	return p
}

// english renders a catalogue id in English; plain text passes through.
func (s *Server) english(id string) string {
	if s.Cat.Has(id) {
		return s.Cat.T("en", id, nil)
	}
	return id
}

// problem writes err as application/problem+json and logs server faults.
func (s *Server) problem(w http.ResponseWriter, r *http.Request, err error) {
	p := s.toProblem(err)
	if p.Status >= 500 {
		s.Logger.ErrorContext(r.Context(), "api request failed", "err", err, "request_id", domain.RequestFrom(r.Context()).ID)
	}
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="bgcheck"`)
	}
	if p.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(p.RetryAfter))
	}
	body, _ := json.Marshal(problemBody{
		Type: p.Type, Title: p.Title, Status: p.Status, Detail: p.Detail, Errors: p.Errors,
		Instance: r.URL.Path, RequestID: domain.RequestFrom(r.Context()).ID,
	})
	w.Header().Set("Content-Type", problemContentType)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Del("Content-Length")
	w.WriteHeader(p.Status)
	_, _ = w.Write(body)
}
