package web

import (
	"bytes"
	"context"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

// panickyPortal panics when a case is opened, to prove panics on portal
// paths get the portal's error page.
type panickyPortal struct{ *webtest.Portal }

func (panickyPortal) Open(context.Context, string) (*domain.PortalCase, error) {
	panic("portal panics as asked")
}

func newPortalEnv(t *testing.T, cfg Config, p domain.PortalService) (http.Handler, *bytes.Buffer) {
	t.Helper()
	f := webtest.New()
	logs := &bytes.Buffer{}
	h, err := New(cfg, Services{Auth: f.Auth(), Users: f.Users(), Orgs: f.Orgs(), Audit: f.Audit(), Health: f.Health(),
		Packages: f.Packages(), Cases: f.Cases(), Portal: p}, slog.New(slog.NewJSONHandler(logs, nil)))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return h, logs
}

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestPortalIsMountedWithHeadersAndRedactedLog(t *testing.T) {
	h, logs := newPortalEnv(t, Config{}, webtest.NewPortal())
	w := serve(h, httptest.NewRequest(http.MethodGet, "/s/"+webtest.PortalLinkA, nil))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "Lufthavn A/S") {
		t.Fatalf("status %d", w.Code)
	}
	for k, v := range map[string]string{"Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"} {
		if w.Header().Get(k) != v {
			t.Errorf("%s = %q", k, w.Header().Get(k))
		}
	}
	if !strings.Contains(w.Header().Get("Content-Security-Policy"), "script-src 'self'") {
		t.Error("no CSP on portal pages")
	}
	serve(h, httptest.NewRequest(http.MethodGet, "/s/"+webtest.PortalLinkA+"/wizard/personal", nil))
	serve(h, httptest.NewRequest(http.MethodGet, "/invitation/"+webtest.InviteToken, nil))
	out := logs.String()
	if strings.Contains(out, webtest.PortalLinkA) || strings.Contains(out, webtest.InviteToken) {
		t.Fatalf("log contains a secret:\n%s", out)
	}
	for _, want := range []string{`"path":"/s/REDACTED"`, `"path":"/s/REDACTED/wizard/personal"`, `"path":"/invitation/REDACTED"`, `"route":"/s/{link}"`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %s:\n%s", want, out)
		}
	}
}

// TestUploadLimitOnlyOnUploadRoutes: the portal's upload route takes a
// document larger than the form limit; every other route keeps it.
func TestUploadLimitOnlyOnUploadRoutes(t *testing.T) {
	p := webtest.NewPortal()
	h, _ := newPortalEnv(t, Config{MaxBodyBytes: 4 << 10, MaxUploadBytes: 256 << 10}, p)
	p.Consent(webtest.PortalLinkA)
	token, csrf := p.SignIn(webtest.PortalLinkA)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf_token", csrf)
	_ = mw.WriteField("kind", "passport")
	fw, _ := mw.CreateFormFile("file", "pas.pdf")
	_, _ = fw.Write(append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("a"), 100<<10)...))
	_ = mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/s/"+webtest.PortalLinkA+"/wizard/id_document/upload", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.AddCookie(&http.Cookie{Name: "bgcheck_subject", Value: token})
	if w := serve(h, r); w.Code != http.StatusSeeOther {
		t.Fatalf("upload: status %d\n%s", w.Code, w.Body.String())
	}
	big := strings.Repeat("a", 8<<10)
	for _, path := range []string{"/login", "/s/" + webtest.PortalLinkA + "/consent"} {
		r := httptest.NewRequest(http.MethodPost, path, strings.NewReader("x="+big))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if w := serve(h, r); w.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: status %d", path, w.Code)
		}
	}
}

func TestPortalPanicGetsThePortalErrorPage(t *testing.T) {
	h, logs := newPortalEnv(t, Config{}, panickyPortal{webtest.NewPortal()})
	w := serve(h, httptest.NewRequest(http.MethodGet, "/s/"+webtest.PortalLinkA, nil))
	if w.Code != http.StatusInternalServerError || strings.Contains(w.Body.String(), "goroutine") {
		t.Fatalf("status %d\n%s", w.Code, w.Body.String())
	}
	// The portal's page points back to the e-mailed link, not to a sign-in
	// form for company users.
	if strings.Contains(w.Body.String(), `href="/login"`) || !strings.Contains(w.Body.String(), "/s/portal.css") {
		t.Fatalf("not the portal's page:\n%s", w.Body.String())
	}
	if !strings.Contains(logs.String(), "portal panics as asked") {
		t.Fatal("panic not logged")
	}
}

func TestWithoutPortalItsPathsAreNotFound(t *testing.T) {
	h, _ := newPortalEnv(t, Config{}, nil)
	if w := serve(h, httptest.NewRequest(http.MethodGet, "/s/"+webtest.PortalLinkA, nil)); w.Code != http.StatusNotFound {
		t.Fatalf("status %d", w.Code)
	}
}
