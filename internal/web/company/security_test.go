package company

import (
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

var (
	scriptTag    = regexp.MustCompile(`(?is)<script\b[^>]*>`)
	eventHandler = regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`)
	inlineStyle  = regexp.MustCompile(`(?i)<style\b|\sstyle\s*=`)
	jsURL        = regexp.MustCompile(`(?i)javascript:`)
)

// TestTemplatesHaveNoInlineScript keeps the templates compatible with the
// CSP: no inline scripts, event handlers, inline styles or javascript:
// URLs.
func TestTemplatesHaveNoInlineScript(t *testing.T) {
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	for _, f := range files {
		b, err := fs.ReadFile(templateFS, f)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		for _, tag := range scriptTag.FindAllString(src, -1) {
			if !strings.Contains(tag, " src=") {
				t.Errorf("%s: inline script %s", f, tag)
			}
		}
		for _, re := range []*regexp.Regexp{eventHandler, inlineStyle, jsURL} {
			if m := re.FindString(src); m != "" {
				t.Errorf("%s: %q is not allowed by the CSP", f, m)
			}
		}
	}
}

func TestCSRFAcceptedWithSessionToken(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleOwner)
	wantRedirect(t, e.post("/users/user-invited/disable", form(csrfField, csrf), sess), "/users/user-invited")
	// htmx sends the token as a header instead of a field.
	w := e.post("/users/user-invited/enable", form(), sess, withHeader(csrfHeader, csrf))
	wantRedirect(t, w, "/users/user-invited")
}

func TestCSRFTokenOfAnotherSessionRefused(t *testing.T) {
	e := newEnv(t)
	sess, _ := e.signIn(domain.RoleOwner)
	_, otherCSRF := e.signIn(domain.RoleAdmin)
	wantStatus(t, e.post("/users/user-invited/disable", form(csrfField, otherCSRF), sess), http.StatusForbidden)
}

func TestPreLoginCSRF(t *testing.T) {
	e := newEnv(t)
	cookie, tok := e.preLogin()
	creds := func(token string) map[string][]string {
		return form("email", "owner@example.com", "password", webtest.GoodPassword, csrfField, token)
	}
	// Without the cookie, or with a token that does not match it: refused.
	wantStatus(t, e.post("/login", creds(tok)), http.StatusForbidden)
	wantStatus(t, e.post("/login", creds("guess"), cookie), http.StatusForbidden)
	// A cookie with a forged signature: refused.
	forged := withCookie("bgcheck_csrf", tok+".9999999999.AAAA")
	wantStatus(t, e.post("/login", creds(tok), forged), http.StatusForbidden)
	// The pair from the login page: accepted.
	wantRedirect(t, e.post("/login", creds(tok), cookie), "/login/verify")
}

func TestPreLoginCookieIsHostPrefixedWhenSecure(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.Secure = true })
	w := e.get("/login")
	c := findCookie(w, "__Host-bgcheck_csrf")
	if c == nil || !c.Secure || !c.HttpOnly || c.Path != "/" {
		t.Fatalf("cookie = %+v", c)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleOwner)
	w := e.post("/users/user-invited/disable", form(csrfField, csrf), sess, withHeader("Sec-Fetch-Site", "cross-site"))
	wantStatus(t, w, http.StatusForbidden)
	if e.f.Calls["Users.SetDisabled"] != 0 {
		t.Fatal("the change was made")
	}
}

func TestSessionCookieAttributes(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.Secure = true })
	cookie, tok := e.preLogin()
	w := e.post("/login", form("email", "owner@example.com", "password", webtest.GoodPassword, csrfField, tok), cookie)
	c := findCookie(w, sessionCookie)
	if c == nil || !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
		t.Fatalf("session cookie = %+v", c)
	}
}
