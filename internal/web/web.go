// Package web assembles bgcheck's HTTP server: the middleware every request
// passes through (request ids, access log, metrics, security headers, panic
// recovery, body limit) around the company interface and the subject
// portal, and a runner with timeouts and graceful shutdown.
package web

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/web/api"
	"github.com/bgcheck/bgcheck/internal/web/company"
	"github.com/bgcheck/bgcheck/internal/web/middleware"
	"github.com/bgcheck/bgcheck/internal/web/portal"
)

// DefaultMaxBodyBytes is the request body limit when Config sets none.
const DefaultMaxBodyBytes = 1 << 20

// Config holds the HTTP settings.
type Config struct {
	// Secure says users reach bgcheck over HTTPS (directly or through a
	// proxy): cookies are marked Secure and HSTS is sent.
	Secure bool
	// ProxyHops is the number of trusted reverse proxies in front of
	// bgcheck; 0 ignores X-Forwarded-For. See middleware.Request.
	ProxyHops int
	// MaxBodyBytes bounds request bodies; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// DevMail serves /dev/mail with Services.Mail. Demo only.
	DevMail bool
	// CSRFKey signs pre-login CSRF cookies; random per process when empty.
	CSRFKey []byte
	// Location is the time zone pages show times in; nil means
	// Europe/Copenhagen.
	Location *time.Location
	// MaxUploadBytes bounds one document uploaded in the subject portal;
	// 0 means portal.DefaultMaxUploadBytes. Only the portal's upload
	// routes accept bodies this large.
	MaxUploadBytes int64
}

// MailOutbox lists recently sent e-mails for the demo mail page.
type MailOutbox = company.MailOutbox

// SentMail is one e-mail listed by a MailOutbox.
type SentMail = company.SentMail

// Route is one line of the company route table.
type Route = company.Route

// Services are the use cases the web layer calls.
type Services struct {
	Auth     domain.AuthService
	Users    domain.UserService
	Orgs     domain.OrganisationService
	Audit    domain.AuditService
	Health   domain.HealthService
	Packages domain.PackageService
	Cases    domain.CaseService
	Mail     MailOutbox // optional; required when Config.DevMail is set
	// Portal is the subject's side of a case, served under /s/. When nil
	// the portal is not mounted and its paths answer 404.
	Portal domain.PortalService
	// APIKeys and Idempotency serve the REST API under /api/ and the API
	// key page; when APIKeys is nil the API is not mounted.
	APIKeys     domain.APIKeyService
	Idempotency domain.IdempotencyService
	// Webhooks serves the webhook pages; optional.
	Webhooks domain.WebhookService
}

// Routes returns the company route table, for tests that walk every route.
func Routes() []Route { return company.Routes() }

// New returns bgcheck's HTTP handler. It fails when a template, a message
// catalogue or a required service is missing.
func New(cfg Config, svc Services, logger *slog.Logger) (http.Handler, error) {
	if logger == nil {
		return nil, errors.New("web: logger is required")
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	cat, err := i18n.New()
	if err != nil {
		return nil, err
	}
	reg := prometheus.NewRegistry()
	if err := reg.Register(collectors.NewGoCollector()); err != nil {
		return nil, err
	}
	if err := reg.Register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})); err != nil {
		return nil, err
	}
	metrics, err := middleware.NewMetrics(reg)
	if err != nil {
		return nil, err
	}
	ui, err := company.New(company.Config{
		Secure:   cfg.Secure,
		DevMail:  cfg.DevMail,
		CSRFKey:  cfg.CSRFKey,
		Location: cfg.Location,
	}, company.Deps{
		Auth: svc.Auth, Users: svc.Users, Orgs: svc.Orgs, Audit: svc.Audit, Health: svc.Health, Mail: svc.Mail,
		Packages: svc.Packages, Cases: svc.Cases, APIKeys: svc.APIKeys, Webhooks: svc.Webhooks,
		Cat:     cat,
		Metrics: promhttp.HandlerFor(reg, promhttp.HandlerOpts{}),
		Logger:  logger,
	})
	if err != nil {
		return nil, err
	}
	h, errorPage := chain(ui, middleware.BodyLimit(cfg.MaxBodyBytes, ui.ErrorPage)), ui.ErrorPage
	if svc.Portal != nil {
		subject, err := portal.New(portal.Config{
			Secure: cfg.Secure, CSRFKey: cfg.CSRFKey, MaxBodyBytes: cfg.MaxBodyBytes, MaxUploadBytes: cfg.MaxUploadBytes, Location: cfg.Location,
		}, portal.Deps{Portal: svc.Portal, Cat: cat, Logger: logger})
		if err != nil {
			return nil, err
		}
		h, errorPage = mount(h, ui.ErrorPage, portal.Owns, subject)
	}
	if svc.APIKeys != nil {
		rest, err := api.New(api.Config{MaxBodyBytes: cfg.MaxBodyBytes}, api.Deps{
			APIKeys: svc.APIKeys, Idempotency: svc.Idempotency, Packages: svc.Packages, Cases: svc.Cases, Cat: cat, Logger: logger,
		})
		if err != nil {
			return nil, err
		}
		h, errorPage = mount(h, errorPage, api.Owns, rest)
	}
	// Outermost first: the request id exists before anything logs, the
	// access log and metrics see the final status (also of a recovered
	// panic), and error pages carry the security headers. The body limit
	// sits inside, per surface: the portal's uploads need more room.
	return chain(h,
		middleware.Request(cfg.ProxyHops),
		middleware.AccessLog(logger, redactPath),
		metrics.Handler,
		middleware.SecurityHeaders(cfg.Secure),
		middleware.Recover(logger, errorPage),
	), nil
}

// surface is a part of the site that owns some paths and answers their
// errors itself: the subject portal, the REST API.
type surface interface {
	http.Handler
	ErrorPage(w http.ResponseWriter, r *http.Request, status int)
}

// mount serves the paths owns claims with sub and every other path with
// next, and picks the matching error page, so even a recovered panic is
// answered in the surface's own form (a page, or problem details).
func mount(next http.Handler, nextPage middleware.ErrorPage, owns func(string) bool, sub surface) (http.Handler, middleware.ErrorPage) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if owns(r.URL.Path) {
			sub.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
	page := func(w http.ResponseWriter, r *http.Request, status int) {
		if owns(r.URL.Path) {
			sub.ErrorPage(w, r, status)
			return
		}
		nextPage(w, r, status)
	}
	return h, page
}

// redactPath keeps the secrets of both surfaces out of the access log:
// invitation tokens and case links.
func redactPath(p string) string { return portal.RedactPath(company.RedactPath(p)) }

// chain wraps h in mws, the first being the outermost.
func chain(h http.Handler, mws ...func(http.Handler) http.Handler) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}
