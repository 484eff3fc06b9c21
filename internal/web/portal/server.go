// Package portal is the web interface for the subject of a background
// check: the privacy notice and consent a case link leads to, sign-in with
// MitID (or a one-time e-mail code), the guided wizard with its uploads,
// the review before submitting, and the case status with withdrawal of
// consent. Pages are rendered on the server, designed for a phone first,
// and work without JavaScript.
package portal

import (
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"
	// Embedded zone data: times are shown in Europe/Copenhagen even on
	// hosts without a zoneinfo database.
	_ "time/tzdata"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/web/static"
)

// Prefix is the path every portal URL starts with.
const Prefix = "/s/"

// Default body limits.
const (
	DefaultMaxBodyBytes   = 1 << 20
	DefaultMaxUploadBytes = 20 << 20
)

// uploadOverhead is what a multipart body may carry beyond the file
// itself: part headers, the CSRF token and the document kind.
const uploadOverhead = 64 << 10

// Config holds the portal's settings.
type Config struct {
	// Secure marks cookies Secure (and names the CSRF cookie __Host-);
	// set it whenever subjects reach bgcheck over HTTPS.
	Secure bool
	// CSRFKey signs the CSRF cookie of forms shown before sign-in. When
	// empty a random key is made at start-up.
	CSRFKey []byte
	// MaxBodyBytes bounds form bodies; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// MaxUploadBytes bounds one uploaded document; 0 means
	// DefaultMaxUploadBytes. Only the upload routes accept bodies this
	// large.
	MaxUploadBytes int64
	// Location is the time zone pages show times in; nil means
	// Europe/Copenhagen.
	Location *time.Location
}

// Deps are the services and shared parts the portal is built on.
type Deps struct {
	Portal domain.PortalService
	Cat    *i18n.Catalogue
	Logger *slog.Logger
}

// Server is the subject portal as an http.Handler. It serves every path
// under Prefix and applies its own body limits, since uploads need far
// more room than forms.
type Server struct {
	cfg Config
	Deps
	views     map[string]*view
	assets    *static.Assets
	css       *asset
	countries *countryNames
	mux       *http.ServeMux
	cop       *http.CrossOriginProtection
}

// New builds the portal: it parses every template (failing when a view is
// missing or malformed) and registers the route table.
func New(cfg Config, d Deps) (*Server, error) {
	switch {
	case d.Portal == nil:
		return nil, errors.New("portal: Portal is required")
	case d.Cat == nil:
		return nil, errors.New("portal: Cat is required")
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, Deps: d, mux: http.NewServeMux(), cop: http.NewCrossOriginProtection(), countries: newCountryNames()}
	var err error
	if s.assets, err = static.New(); err != nil {
		return nil, err
	}
	if s.css, err = loadCSS(); err != nil {
		return nil, err
	}
	if s.views, err = parseViews(s.assets); err != nil {
		return nil, err
	}
	s.cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.errorPage(w, r, http.StatusForbidden, "error.csrf")
	}))
	for _, rt := range s.routes() {
		s.mux.Handle(rt.Method+" "+rt.Pattern, s.guard(rt))
	}
	return s, nil
}

func (c *Config) defaults() error {
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.MaxUploadBytes <= 0 {
		c.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if c.Location == nil {
		loc, err := time.LoadLocation("Europe/Copenhagen")
		if err != nil {
			return fmt.Errorf("portal: time zone: %w", err)
		}
		c.Location = loc
	}
	if len(c.CSRFKey) == 0 {
		c.CSRFKey = make([]byte, 32)
		_, _ = rand.Read(c.CSRFKey) // crypto/rand.Read never fails
	}
	return nil
}

// ServeHTTP picks the language, applies the cross-origin check and routes.
// The language also goes into the request info, so that services write
// e-mails (a one-time code) in the subject's language.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	st := s.newState(r)
	info := domain.RequestFrom(r.Context())
	info.Lang = st.lang
	r = withState(r.WithContext(domain.WithRequest(r.Context(), info)), st)
	s.cop.Handler(http.HandlerFunc(s.dispatch)).ServeHTTP(w, r)
}

// dispatch routes r; when no route matches, ServeMux's plain-text 404 and
// 405 answers are replaced by friendly pages.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.mux.Handler(r); pattern == "" {
		w = &notFoundWriter{ResponseWriter: w, s: s, r: r}
	}
	s.mux.ServeHTTP(w, r)
}

// notFoundWriter swaps ServeMux's own 404 and 405 responses for pages.
type notFoundWriter struct {
	http.ResponseWriter
	s        *Server
	r        *http.Request
	replaced bool
}

func (w *notFoundWriter) WriteHeader(code int) {
	if code == http.StatusNotFound || code == http.StatusMethodNotAllowed {
		w.replaced = true
		w.s.errorPage(w.ResponseWriter, w.r, code, "")
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *notFoundWriter) Write(b []byte) (int, error) {
	if w.replaced {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}
