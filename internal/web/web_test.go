package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/middleware"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

type testEnv struct {
	h    http.Handler
	f    *webtest.Fakes
	logs *bytes.Buffer
}

func newTestEnv(t *testing.T, cfg Config) *testEnv {
	t.Helper()
	f := webtest.New()
	logs := &bytes.Buffer{}
	h, err := New(cfg, Services{Auth: f.Auth(), Users: f.Users(), Orgs: f.Orgs(), Audit: f.Audit(), Health: f.Health(),
		Packages: f.Packages(), Cases: f.Cases()},
		slog.New(slog.NewJSONHandler(logs, nil)))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return &testEnv{h: h, f: f, logs: logs}
}

func (e *testEnv) serve(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	return w
}

func TestSecurityHeaders(t *testing.T) {
	e := newTestEnv(t, Config{})
	for _, path := range []string{"/login", "/no-such-page", "/healthz"} {
		w := e.serve(httptest.NewRequest(http.MethodGet, path, nil))
		h := w.Header()
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP allows unsafe code: %q", path, csp)
		}
		for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"} {
			if h.Get(k) != v {
				t.Errorf("%s: %s = %q, want %q", path, k, h.Get(k), v)
			}
		}
		if h.Get("Permissions-Policy") == "" {
			t.Errorf("%s: no Permissions-Policy", path)
		}
		if h.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: HSTS sent over plain HTTP", path)
		}
	}
	secure := newTestEnv(t, Config{Secure: true})
	w := secure.serve(httptest.NewRequest(http.MethodGet, "/login", nil))
	if !strings.Contains(w.Header().Get("Strict-Transport-Security"), "max-age=") {
		t.Fatal("no HSTS with Secure")
	}
}

func TestBodyOverLimitIs413(t *testing.T) {
	e := newTestEnv(t, Config{MaxBodyBytes: 1024})
	big := strings.Repeat("a", 4096)
	// A declared length over the limit.
	r := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader("email="+big))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := e.serve(r)
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "<html") {
		t.Fatalf("status %d, body %q", w.Code, w.Body.String())
	}
	// A body of unknown length, found too large while reading it.
	r = httptest.NewRequest(http.MethodPost, "/login", io.MultiReader(strings.NewReader("email="), strings.NewReader(big)))
	r.ContentLength = -1
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w = e.serve(r)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("streamed body: status %d", w.Code)
	}
	if e.f.Calls["Auth.Login"] != 0 {
		t.Fatal("an oversized request reached the service")
	}
}

func TestRequestIDAndClientIP(t *testing.T) {
	e := newTestEnv(t, Config{})
	r := httptest.NewRequest(http.MethodGet, "/healthz", nil)
	w := e.serve(r)
	if id := w.Header().Get(middleware.RequestIDHeader); len(id) < 16 {
		t.Fatalf("generated request id %q", id)
	}
	r = httptest.NewRequest(http.MethodGet, "/healthz", nil)
	r.Header.Set(middleware.RequestIDHeader, "abc-123")
	if id := e.serve(r).Header().Get(middleware.RequestIDHeader); id != "abc-123" {
		t.Fatalf("request id %q, want the client's", id)
	}
	r = httptest.NewRequest(http.MethodGet, "/healthz", nil)
	r.Header.Set(middleware.RequestIDHeader, "evil\nline")
	if id := e.serve(r).Header().Get(middleware.RequestIDHeader); strings.Contains(id, "evil") {
		t.Fatalf("unsafe request id %q kept", id)
	}
}

func TestClientIPTrustsProxyOnlyWhenTold(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.RemoteAddr = "10.0.0.2:5555"
	r.Header.Set("X-Forwarded-For", "203.0.113.9, 198.51.100.7")
	if got := middleware.ClientIP(r, 0); got != "10.0.0.2" {
		t.Errorf("no proxy: %q", got)
	}
	if got := middleware.ClientIP(r, 1); got != "198.51.100.7" {
		t.Errorf("one proxy: %q", got)
	}
	if got := middleware.ClientIP(r, 2); got != "203.0.113.9" {
		t.Errorf("two proxies: %q", got)
	}
	if got := middleware.ClientIP(r, 3); got != "10.0.0.2" {
		t.Errorf("more proxies than hops: %q", got)
	}
	r.Header.Set("X-Forwarded-For", "not-an-ip")
	if got := middleware.ClientIP(r, 1); got != "10.0.0.2" {
		t.Errorf("garbage header: %q", got)
	}
}

func TestAccessLogRedacts(t *testing.T) {
	e := newTestEnv(t, Config{})
	r := httptest.NewRequest(http.MethodGet, "/invitation/"+webtest.InviteToken+"?q=secret-query", nil)
	r.Header.Set("Cookie", "bgcheck_session=cookie-secret")
	r.Header.Set("Authorization", "Bearer auth-secret")
	e.serve(r)
	r = httptest.NewRequest(http.MethodPost, "/login", strings.NewReader("email=a@b.c&password=form-secret"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	e.serve(r)
	logs := e.logs.String()
	for _, secret := range []string{webtest.InviteToken, "secret-query", "cookie-secret", "auth-secret", "form-secret"} {
		if strings.Contains(logs, secret) {
			t.Errorf("log contains %q:\n%s", secret, logs)
		}
	}
	for _, want := range []string{`"route":"/invitation/{token}"`, `"path":"/invitation/REDACTED"`, `"request_id":`, `"status":403`} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %s:\n%s", want, logs)
		}
	}
}

func TestPanicIsA500PageWithoutStack(t *testing.T) {
	e := newTestEnv(t, Config{})
	e.f.Panic["Users.List"] = true
	token, _ := e.f.SignIn(domain.RoleOwner, domain.StageComplete)
	r := httptest.NewRequest(http.MethodGet, "/users", nil)
	r.AddCookie(&http.Cookie{Name: "bgcheck_session", Value: token})
	w := e.serve(r)
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	if strings.Contains(body, "goroutine") || strings.Contains(body, "panics as asked") || !strings.Contains(body, "<html") {
		t.Fatalf("body:\n%s", body)
	}
	if w.Header().Get("Content-Security-Policy") == "" {
		t.Fatal("error page without security headers")
	}
	if !strings.Contains(e.logs.String(), "panic in handler") {
		t.Fatal("panic not logged")
	}
}

func TestMetricsCountRoutes(t *testing.T) {
	e := newTestEnv(t, Config{})
	e.serve(httptest.NewRequest(http.MethodGet, "/invitation/"+webtest.InviteToken, nil))
	e.serve(httptest.NewRequest(http.MethodGet, "/random/probe/123", nil))
	w := e.serve(httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body := w.Body.String()
	for _, want := range []string{
		`bgcheck_http_requests_total{method="GET",route="/invitation/{token}",status="200"} 1`,
		`bgcheck_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`bgcheck_http_request_duration_seconds_bucket{method="GET",route="/invitation/{token}"`,
		"go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, webtest.InviteToken) {
		t.Error("metrics contain a token")
	}
}

func TestReadiness(t *testing.T) {
	e := newTestEnv(t, Config{})
	if w := e.serve(httptest.NewRequest(http.MethodGet, "/readyz", nil)); w.Code != http.StatusOK {
		t.Fatalf("ready: %d", w.Code)
	}
	e.f.NotReady = context.DeadlineExceeded
	if w := e.serve(httptest.NewRequest(http.MethodGet, "/readyz", nil)); w.Code != http.StatusServiceUnavailable {
		t.Fatalf("not ready: %d", w.Code)
	}
}

func TestNewRequiresServices(t *testing.T) {
	f := webtest.New()
	logger := slog.New(slog.DiscardHandler)
	if _, err := New(Config{}, Services{Auth: f.Auth()}, logger); err == nil {
		t.Fatal("New accepted missing services")
	}
	all := Services{Auth: f.Auth(), Users: f.Users(), Orgs: f.Orgs(), Audit: f.Audit(), Health: f.Health(),
		Packages: f.Packages(), Cases: f.Cases()}
	noCases := all
	noCases.Cases = nil
	if _, err := New(Config{}, noCases, logger); err == nil {
		t.Fatal("New accepted a missing case service")
	}
	if _, err := New(Config{DevMail: true}, all, logger); err == nil {
		t.Fatal("New accepted DevMail without a mail outbox")
	}
}

func TestRoutesExported(t *testing.T) {
	var sawUsers bool
	for _, rt := range Routes() {
		if rt.Method == http.MethodGet && rt.Pattern == "/users" {
			sawUsers = rt.Perm == domain.PermUsersRead && rt.Allows(domain.RoleAuditor) && !rt.Allows(domain.RoleCaseHandler)
		}
	}
	if !sawUsers {
		t.Fatal("GET /users is not in the table with users.read")
	}
}
