package company

import (
	"bytes"
	"context"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

// env is a company Server on fake services.
type env struct {
	t    *testing.T
	f    *webtest.Fakes
	s    *Server
	cat  *i18n.Catalogue
	logs *bytes.Buffer
}

// mailOutbox adapts the fakes' mail list to MailOutbox.
type mailOutbox struct{ f *webtest.Fakes }

func (m mailOutbox) Recent(ctx context.Context, limit int) ([]SentMail, error) {
	ms, err := m.f.Mail(ctx, limit)
	out := make([]SentMail, len(ms))
	for i, x := range ms {
		out[i] = SentMail{To: x.To, Subject: x.Subject, Text: x.Text, At: x.At}
	}
	return out, err
}

func newEnv(t *testing.T, configure ...func(*Config)) *env {
	t.Helper()
	cat, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	f := webtest.New()
	cfg := Config{DevMail: true}
	for _, c := range configure {
		c(&cfg)
	}
	logs := &bytes.Buffer{}
	s, err := New(cfg, Deps{
		Auth: f.Auth(), Users: f.Users(), Orgs: f.Orgs(), Audit: f.Audit(), Health: f.Health(),
		Packages: f.Packages(), Cases: f.Cases(), Webhooks: f.Webhooks(), APIKeys: f.APIKeys(), Mail: mailOutbox{f}, Cat: cat, Logger: slog.New(slog.NewTextHandler(logs, nil)),
		Metrics: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("metrics\n")) }),
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return &env{t: t, f: f, s: s, cat: cat, logs: logs}
}

// opt changes a request before it is sent.
type opt func(*http.Request)

func withCookie(name, value string) opt {
	return func(r *http.Request) { r.AddCookie(&http.Cookie{Name: name, Value: value}) }
}

func withSession(token string) opt { return withCookie(sessionCookie, token) }

func withHeader(k, v string) opt { return func(r *http.Request) { r.Header.Set(k, v) } }

func (e *env) do(method, target string, form url.Values, opts ...opt) *httptest.ResponseRecorder {
	e.t.Helper()
	var r *http.Request
	if form != nil {
		r = httptest.NewRequest(method, target, strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		r = httptest.NewRequest(method, target, nil)
	}
	for _, o := range opts {
		o(r)
	}
	w := httptest.NewRecorder()
	e.s.ServeHTTP(w, r)
	return w
}

func (e *env) get(target string, opts ...opt) *httptest.ResponseRecorder {
	return e.do(http.MethodGet, target, nil, opts...)
}

func (e *env) post(target string, form url.Values, opts ...opt) *httptest.ResponseRecorder {
	return e.do(http.MethodPost, target, form, opts...)
}

// signIn starts a complete session for role and returns the session
// option and its CSRF token.
func (e *env) signIn(role domain.Role) (opt, string) {
	token, csrf := e.f.SignIn(role, domain.StageComplete)
	return withSession(token), csrf
}

// preLogin fetches the login page and returns the pre-login CSRF cookie
// and the token its forms carry.
func (e *env) preLogin() (opt, string) {
	e.t.Helper()
	w := e.get("/login")
	c := findCookie(w, e.s.csrfCookieName())
	if c == nil {
		e.t.Fatal("login page set no CSRF cookie")
	}
	return withCookie(c.Name, c.Value), formToken(e.t, w.Body.String())
}

var csrfInput = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func formToken(t *testing.T, body string) string {
	t.Helper()
	m := csrfInput.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("page has no csrf_token field")
	}
	return html.UnescapeString(m[1])
}

func findCookie(w *httptest.ResponseRecorder, name string) *http.Cookie {
	for _, c := range w.Result().Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

func wantStatus(t *testing.T, w *httptest.ResponseRecorder, want int) {
	t.Helper()
	if w.Code != want {
		t.Fatalf("status = %d, want %d; body:\n%s", w.Code, want, w.Body.String())
	}
}

func wantRedirect(t *testing.T, w *httptest.ResponseRecorder, to string) {
	t.Helper()
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != to {
		t.Fatalf("got %d to %q, want 303 to %q; body:\n%s", w.Code, w.Header().Get("Location"), to, w.Body.String())
	}
}

// text returns the message id's text in lang, HTML-escaped as a page shows it
// (html/template also escapes "+").
func (e *env) text(lang, id string, data ...map[string]any) string {
	return strings.ReplaceAll(html.EscapeString(e.cat.Localizer(lang).T(id, data...)), "+", "&#43;")
}

func wantBody(t *testing.T, w *httptest.ResponseRecorder, parts ...string) {
	t.Helper()
	body := w.Body.String()
	for _, p := range parts {
		if !strings.Contains(body, p) {
			t.Fatalf("body lacks %q:\n%s", p, body)
		}
	}
}

func wantNoBody(t *testing.T, w *httptest.ResponseRecorder, parts ...string) {
	t.Helper()
	body := w.Body.String()
	for _, p := range parts {
		if strings.Contains(body, p) {
			t.Fatalf("body contains %q:\n%s", p, body)
		}
	}
}

// wantTranslated fails when the page shows a missing message or an
// unfilled template field.
func wantTranslated(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	wantNoBody(t, w, i18n.MissingPrefix, "&lt;no value&gt;", "<no value>", "ZgotmplZ")
}
