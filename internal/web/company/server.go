// Package company is the web interface for company users: sign-in with a
// second factor, screening packages and cases, user administration, the
// audit log viewer and the organisation settings. Pages are rendered on the server with
// html/template; htmx only enhances them, and every page works without
// JavaScript.
package company

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"
	// Embedded zone data: times are shown in Europe/Copenhagen even on
	// hosts without a zoneinfo database (minimal containers).
	_ "time/tzdata"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/web/static"
)

// Config holds the company interface's settings.
type Config struct {
	// Secure marks cookies Secure; set it whenever users reach bgcheck
	// over HTTPS.
	Secure bool
	// DevMail serves /dev/mail, a page listing the e-mails bgcheck sent.
	// For the demo only: it shows invitation links to anyone.
	DevMail bool
	// CSRFKey signs the CSRF cookie of pre-login forms. When empty a random
	// key is made at start-up; servers behind one load balancer need the
	// same key.
	CSRFKey []byte
	// Location is the time zone times are shown in; nil means
	// Europe/Copenhagen.
	Location *time.Location
}

// SentMail is one e-mail shown on the demo mail page.
type SentMail struct {
	To      string
	Subject string
	Text    string
	At      time.Time
}

// MailOutbox lists the e-mails bgcheck sent most recently, newest first.
type MailOutbox interface {
	Recent(ctx context.Context, limit int) ([]SentMail, error)
}

// Deps are the services and shared parts the interface is built on.
type Deps struct {
	Auth     domain.AuthService
	Users    domain.UserService
	Orgs     domain.OrganisationService
	Audit    domain.AuditService
	Health   domain.HealthService
	Packages domain.PackageService
	Cases    domain.CaseService
	Mail     MailOutbox // required when Config.DevMail is set
	Cat      *i18n.Catalogue
	Metrics  http.Handler // serves /metrics
	Logger   *slog.Logger

	// APIKeys serves the API key page; when nil the page answers 404.
	APIKeys domain.APIKeyService
	// Webhooks serves the webhook pages; when nil they answer 404.
	Webhooks domain.WebhookService
}

// Server is the company interface as an http.Handler.
type Server struct {
	cfg Config
	Deps
	views  map[string]*view
	assets *static.Assets
	mux    *http.ServeMux
	cop    *http.CrossOriginProtection
}

// New builds the interface: it parses every template (failing when a view
// is missing or malformed) and registers the route table.
func New(cfg Config, d Deps) (*Server, error) {
	if err := d.check(cfg); err != nil {
		return nil, err
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Location == nil {
		loc, err := time.LoadLocation("Europe/Copenhagen")
		if err != nil {
			return nil, fmt.Errorf("company: time zone: %w", err)
		}
		cfg.Location = loc
	}
	if len(cfg.CSRFKey) == 0 {
		cfg.CSRFKey = make([]byte, 32)
		_, _ = rand.Read(cfg.CSRFKey) // crypto/rand.Read never fails
	}
	s := &Server{cfg: cfg, Deps: d, mux: http.NewServeMux(), cop: http.NewCrossOriginProtection()}
	var err error
	if s.assets, err = static.New(); err != nil {
		return nil, err
	}
	if s.views, err = parseViews(s.assets); err != nil {
		return nil, err
	}
	s.cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.errorPage(w, r, http.StatusForbidden, "error.csrf")
	}))
	if err := s.register(); err != nil {
		return nil, err
	}
	return s, nil
}

func (d Deps) check(cfg Config) error {
	missing := func(name string) error { return fmt.Errorf("company: %s is required", name) }
	switch {
	case d.Auth == nil:
		return missing("Auth")
	case d.Users == nil:
		return missing("Users")
	case d.Orgs == nil:
		return missing("Orgs")
	case d.Audit == nil:
		return missing("Audit")
	case d.Health == nil:
		return missing("Health")
	case d.Packages == nil:
		return missing("Packages")
	case d.Cases == nil:
		return missing("Cases")
	case d.Cat == nil:
		return missing("Cat")
	case d.Metrics == nil:
		return missing("Metrics")
	case cfg.DevMail && d.Mail == nil:
		return missing("Mail (for DevMail)")
	}
	return nil
}

// register adds every route of the table to the mux behind its guard.
func (s *Server) register() error {
	for _, rt := range s.routes() {
		if rt.DevOnly && !s.cfg.DevMail {
			continue
		}
		if rt.Perm == Infra && rt.Method != http.MethodGet {
			return errors.New("company: infra route " + rt.Pattern + " must be GET")
		}
		s.mux.Handle(rt.Method+" "+rt.Pattern, s.guard(rt))
	}
	return nil
}

// ServeHTTP picks the language, applies the cross-origin check and routes.
// The language also goes into the request info, so that services write
// e-mails (an invitation) in the language of the user who triggers them.
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
// Other statuses (ServeMux's path-cleaning redirects) pass through.
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
