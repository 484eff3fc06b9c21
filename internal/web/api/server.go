// Package api is bgcheck's REST API v1 under /api/v1: organisation API
// keys as bearer tokens, JSON bodies with unknown fields refused, RFC 9457
// problem details for every error, Idempotency-Key on every POST, rate
// limits per key, and an OpenAPI 3.1 document that a test holds to the
// route table.
package api

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
)

// Prefix is the path every API route starts with; Owns tells the server
// assembly which requests to hand over.
const Prefix = "/api/"

// DefaultMaxBodyBytes bounds a request body when Config sets none.
const DefaultMaxBodyBytes = 1 << 20

// Default rate limit per API key: a steady 10 requests a second with bursts
// of 50, ample for an HR system's synchronisation and low enough that one
// runaway client cannot crowd out the others.
const (
	DefaultRate  = 10
	DefaultBurst = 50
)

// Config holds the API's settings.
type Config struct {
	// MaxBodyBytes bounds request bodies; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Rate is the sustained requests per second one key may send and
	// Burst how many it may send at once; 0 means the defaults. The limit
	// is kept in this process: with n instances behind a load balancer a
	// key may send up to n times as much.
	Rate  rate.Limit
	Burst int
	// Now is the clock of the rate limiter; nil means time.Now.
	Now func() time.Time
}

// Deps are the services the API calls.
type Deps struct {
	APIKeys     domain.APIKeyService
	Idempotency domain.IdempotencyService
	Packages    domain.PackageService
	Cases       domain.CaseService
	Cat         *i18n.Catalogue
	Logger      *slog.Logger
}

// Server is the API as an http.Handler.
type Server struct {
	cfg Config
	Deps
	mux     *http.ServeMux
	limiter *limiter
}

// New returns the API. It fails when a service is missing.
func New(cfg Config, d Deps) (*Server, error) {
	switch {
	case d.APIKeys == nil || d.Idempotency == nil:
		return nil, errors.New("api: APIKeys and Idempotency are required")
	case d.Packages == nil || d.Cases == nil:
		return nil, errors.New("api: Packages and Cases are required")
	case d.Cat == nil:
		return nil, errors.New("api: Cat is required")
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.Rate <= 0 {
		cfg.Rate = DefaultRate
	}
	if cfg.Burst <= 0 {
		cfg.Burst = DefaultBurst
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{cfg: cfg, Deps: d, mux: http.NewServeMux(), limiter: newLimiter(cfg.Rate, cfg.Burst, cfg.Now)}
	for _, rt := range s.routes() {
		s.mux.Handle(rt.Method+" "+rt.Pattern, s.guard(rt))
	}
	return s, nil
}

// Owns reports whether path belongs to the API.
func Owns(path string) bool {
	return strings.HasPrefix(path, Prefix) || path == strings.TrimSuffix(Prefix, "/")
}

// ServeHTTP routes r; unknown paths and methods get problem details
// instead of ServeMux's plain-text answers.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > s.cfg.MaxBodyBytes {
		w.Header().Set("Connection", "close")
		s.problem(w, r, errTooLarge)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	if _, pattern := s.mux.Handler(r); pattern == "" {
		w = &unmatchedWriter{ResponseWriter: w, s: s, r: r}
	}
	s.mux.ServeHTTP(w, r)
}

// ErrorPage answers with a problem for status, for the server assembly's
// middleware (panic recovery) on API paths.
func (s *Server) ErrorPage(w http.ResponseWriter, r *http.Request, status int) {
	switch status {
	case http.StatusNotFound:
		s.problem(w, r, errNoRoute)
	case http.StatusMethodNotAllowed:
		s.problem(w, r, errMethod)
	case http.StatusRequestEntityTooLarge:
		s.problem(w, r, errTooLarge)
	default:
		s.problem(w, r, &apiError{Status: status, Type: typeOfStatus(status), Title: http.StatusText(status), Detail: s.english("error.internal")})
	}
}

// unmatchedWriter swaps ServeMux's own 404 and 405 answers for problems;
// ServeMux has already set Allow on a 405.
type unmatchedWriter struct {
	http.ResponseWriter
	s        *Server
	r        *http.Request
	replaced bool
}

func (w *unmatchedWriter) WriteHeader(code int) {
	if code == http.StatusNotFound || code == http.StatusMethodNotAllowed {
		w.replaced = true
		e := errNoRoute
		if code == http.StatusMethodNotAllowed {
			e = errMethod
		}
		w.s.problem(w.ResponseWriter, w.r, e)
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *unmatchedWriter) Write(b []byte) (int, error) {
	if w.replaced {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}
