package api

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/middleware"
)

type bodyKey struct{}

// guard wraps a route's handler with what its line in the route table
// promises, in this order: the key is authenticated (401), rate-limited
// (429) and checked for the route's scope (403); a body is read whole
// within the limit (413) and must be JSON (415); a POST with an
// Idempotency-Key runs at most once.
func (s *Server) guard(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		middleware.SetRoute(r.Context(), rt.Pattern)
		if rt.Scope == Public {
			s.serve(w, r, rt)
			return
		}
		key, err := s.authenticate(r)
		if err != nil {
			s.problem(w, r, err)
			return
		}
		r = r.WithContext(domain.WithActor(r.Context(), key.Actor()))
		if wait, ok := s.limiter.allow(key.ID); !ok {
			s.problem(w, r, &apiError{Status: http.StatusTooManyRequests, Type: typeRateLimited, Title: "Too Many Requests",
				Detail: "The API key has sent too many requests; retry after the number of seconds in Retry-After.", RetryAfter: wait})
			return
		}
		if !key.HasScope(rt.Scope) {
			s.problem(w, r, errScope(rt.Scope))
			return
		}
		body, err := s.readBody(r)
		if err != nil {
			s.problem(w, r, err)
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), bodyKey{}, body))
		if idem := r.Header.Get("Idempotency-Key"); idem != "" && r.Method == http.MethodPost {
			s.idempotent(w, r, rt, idem, body)
			return
		}
		s.serve(w, r, rt)
	})
}

// serve runs the handler and turns its error into a problem.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, rt Route) {
	if err := rt.handler(w, r); err != nil {
		s.problem(w, r, err)
	}
}

// authenticate reads the bearer token and resolves the key.
func (s *Server) authenticate(r *http.Request) (*domain.APIKey, error) {
	h := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if h == "" || !ok || !strings.EqualFold(scheme, "Bearer") {
		return nil, errNoKey
	}
	key, err := s.APIKeys.Authenticate(r.Context(), strings.TrimSpace(token))
	if domain.ErrorCode(err) == domain.EUnauthorized {
		return nil, errBadKey
	}
	return key, err
}

// readBody reads the whole body (it is bounded by ServeHTTP) and checks
// that one that is present is declared as JSON.
func (s *Server) readBody(r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(r.Body)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, errTooLarge
	}
	if err != nil {
		return nil, malformed("body", "unreadable", "The request body could not be read.")
	}
	ct := r.Header.Get("Content-Type")
	if len(body) == 0 && ct == "" {
		return body, nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return nil, &apiError{Status: http.StatusUnsupportedMediaType, Type: typeMediaType, Title: "Unsupported Media Type",
			Detail: "Send the request body as application/json."}
	}
	return body, nil
}

// bodyOf returns the body the guard read.
func bodyOf(r *http.Request) []byte {
	b, _ := r.Context().Value(bodyKey{}).([]byte)
	return b
}

// recorder buffers a response so that it can be stored for replay before
// it is sent.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newRecorder() *recorder { return &recorder{header: http.Header{}} }

func (rec *recorder) Header() http.Header { return rec.header }

func (rec *recorder) WriteHeader(code int) {
	if rec.status == 0 {
		rec.status = code
	}
}

func (rec *recorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	return rec.body.Write(b)
}

// flush sends the buffered response to w.
func (rec *recorder) flush(w http.ResponseWriter) {
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	w.WriteHeader(rec.status)
	_, _ = w.Write(rec.body.Bytes())
}
