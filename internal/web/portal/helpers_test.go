package portal

import (
	"bytes"
	"html"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

// env is a portal Server on the fake portal service.
type env struct {
	t    *testing.T
	p    *webtest.Portal
	s    *Server
	cat  *i18n.Catalogue
	logs *bytes.Buffer
}

func newEnv(t *testing.T, configure ...func(*Config)) *env {
	t.Helper()
	cat, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{}
	for _, c := range configure {
		c(&cfg)
	}
	p := webtest.NewPortal()
	logs := &bytes.Buffer{}
	s, err := New(cfg, Deps{Portal: p, Cat: cat, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return &env{t: t, p: p, s: s, cat: cat, logs: logs}
}

// opt changes a request before it is sent.
type opt func(*http.Request)

func withCookie(name, value string) opt {
	return func(r *http.Request) { r.AddCookie(&http.Cookie{Name: name, Value: value}) }
}

func withSession(token string) opt { return withCookie(subjectCookie, token) }

func withLang(lang string) opt { return withCookie(langCookie, lang) }

func withHeader(k, v string) opt { return func(r *http.Request) { r.Header.Set(k, v) } }

func (e *env) send(r *http.Request, opts ...opt) *httptest.ResponseRecorder {
	e.t.Helper()
	for _, o := range opts {
		o(r)
	}
	w := httptest.NewRecorder()
	e.s.ServeHTTP(w, r)
	return w
}

func (e *env) get(target string, opts ...opt) *httptest.ResponseRecorder {
	return e.send(httptest.NewRequest(http.MethodGet, target, nil), opts...)
}

func (e *env) post(target string, form url.Values, opts ...opt) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return e.send(r, opts...)
}

// upload posts a multipart form: the fields in order, then the file.
func (e *env) upload(target string, fields []string, fileName string, content []byte, opts ...opt) *httptest.ResponseRecorder {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(fields); i += 2 {
		_ = mw.WriteField(fields[i], fields[i+1])
	}
	if content != nil {
		fw, _ := mw.CreateFormFile("file", fileName)
		_, _ = fw.Write(content)
	}
	_ = mw.Close()
	r := httptest.NewRequest(http.MethodPost, target, &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return e.send(r, opts...)
}

// signIn starts a subject session for link's case, with every consent
// given, and returns the session option and its CSRF token.
func (e *env) signIn(link string) (opt, string) {
	e.p.Consent(link)
	token, csrf := e.p.SignIn(link)
	return withSession(token), csrf
}

// preLogin fetches link's first page and returns the pre-sign-in CSRF
// cookie and the token its forms carry.
func (e *env) preLogin(link string, opts ...opt) (opt, string) {
	e.t.Helper()
	w := e.get(casePath(link, ""), opts...)
	c := findCookie(w, e.s.csrfCookieName())
	if c == nil {
		e.t.Fatalf("page set no CSRF cookie; status %d", w.Code)
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
		v.Add(kv[i], kv[i+1])
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

// text returns the message id's text in lang, HTML-escaped as a page shows it.
func (e *env) text(lang, id string, data ...map[string]any) string {
	return html.EscapeString(e.cat.Localizer(lang).T(id, data...))
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

// section returns the part of body from the element with id to the next
// element of the same kind, for checking what is shown where.
func section(t *testing.T, body, id, endTag string) string {
	t.Helper()
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no element with id %s", id)
	}
	j := strings.Index(body[i:], endTag)
	if j < 0 {
		t.Fatalf("element %s not closed by %s", id, endTag)
	}
	return body[i : i+j]
}

func readAll(t *testing.T, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	linkA = webtest.PortalLinkA
	linkB = webtest.PortalLinkB
)
