package portal

import (
	"io/fs"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

var (
	scriptTag    = regexp.MustCompile(`(?is)<script\b[^>]*>`)
	eventHandler = regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`)
	inlineStyle  = regexp.MustCompile(`(?i)<style\b|\sstyle\s*=`)
	jsURL        = regexp.MustCompile(`(?i)javascript:`)
)

// TestTemplatesHaveNoInlineScript keeps the templates within the CSP: no
// inline scripts, event handlers, inline styles or javascript: URLs.
func TestTemplatesHaveNoInlineScript(t *testing.T) {
	var files []string
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil || len(files) < 10 {
		t.Fatalf("templates: %v %v", files, err)
	}
	for _, f := range files {
		b, _ := fs.ReadFile(templateFS, f)
		for _, tag := range scriptTag.FindAllString(string(b), -1) {
			if !strings.Contains(tag, " src=") {
				t.Errorf("%s: inline script %s", f, tag)
			}
		}
		for _, re := range []*regexp.Regexp{eventHandler, inlineStyle, jsURL} {
			if m := re.FindString(string(b)); m != "" {
				t.Errorf("%s: %q is not allowed by the CSP", f, m)
			}
		}
	}
}

func TestCSRFRefusedWithoutToken(t *testing.T) {
	e := newEnv(t)
	cookie, tok := e.preLogin(linkA)
	sess, csrf := e.signIn(linkA)
	for _, c := range []struct {
		name, path string
		form       []string
		opts       []opt
	}{
		{"consent without token", casePath(linkA, "/consent"), nil, []opt{cookie}},
		{"consent without cookie", casePath(linkA, "/consent"), []string{csrfField, tok}, nil},
		{"consent with a forged token", casePath(linkA, "/consent"), []string{csrfField, "forged"}, []opt{cookie}},
		{"login without token", casePath(linkA, "/login"), nil, []opt{cookie}},
		{"step without token", stepPath(linkA, domain.StepPersonal), []string{"personal.address", "x"}, []opt{sess}},
		{"step with the pre-sign-in token", stepPath(linkA, domain.StepPersonal), []string{csrfField, tok}, []opt{sess, cookie}},
		{"submit with another session's token", casePath(linkA, "/submit"), []string{csrfField, "0" + csrf[1:]}, []opt{sess}},
		{"withdraw without token", casePath(linkA, "/consent/cv/withdraw"), nil, []opt{sess}},
		{"logout without token", "/s/logout", nil, []opt{sess}},
	} {
		t.Run(c.name, func(t *testing.T) {
			calls := e.p.Calls["Portal.GiveConsents"] + e.p.Calls["Portal.SaveStep"] + e.p.Calls["Portal.Submit"] + e.p.Calls["Portal.WithdrawConsent"] + e.p.Calls["Portal.BeginLogin"] + e.p.Calls["Portal.Logout"]
			w := e.post(c.path, form(c.form...), c.opts...)
			wantStatus(t, w, http.StatusForbidden)
			wantBody(t, w, e.text("da", "error.csrf"))
			after := e.p.Calls["Portal.GiveConsents"] + e.p.Calls["Portal.SaveStep"] + e.p.Calls["Portal.Submit"] + e.p.Calls["Portal.WithdrawConsent"] + e.p.Calls["Portal.BeginLogin"] + e.p.Calls["Portal.Logout"]
			if after != calls {
				t.Fatal("a refused request reached the service")
			}
		})
	}
	// The upload stream checks the token before reading the file.
	w := e.upload(stepPath(linkA, domain.StepIDDocument)+"/upload", []string{"kind", "passport"}, "pas.pdf", []byte("%PDF-1.7"), sess)
	wantStatus(t, w, http.StatusForbidden)
	if e.p.Calls["Portal.Upload"] != 0 {
		t.Fatal("upload without token reached the service")
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(linkA)
	w := e.post(casePath(linkA, "/submit"), form(csrfField, csrf, "confirm", "yes"), sess, withHeader("Sec-Fetch-Site", "cross-site"))
	wantStatus(t, w, http.StatusForbidden)
	if e.p.Calls["Portal.Submit"] != 0 {
		t.Fatal("cross-origin post reached the service")
	}
}

// TestSessionIsBoundToItsCase: signed in for case A, nothing of case B
// opens, whatever the route.
func TestSessionIsBoundToItsCase(t *testing.T) {
	e := newEnv(t)
	e.p.Consent(linkB)
	sess, csrf := e.signIn(linkA)
	docB := e.p.AddDocument(linkB, domain.StepIDDocument, domain.DocPassport, "b.pdf", "application/pdf", []byte("%PDF-1.7 B"))
	for _, path := range []string{"/wizard", "/wizard/personal", "/review", "/status", "/documents/" + docB, "/consent/identity/withdraw"} {
		w := e.get(casePath(linkB, path), sess)
		wantStatus(t, w, http.StatusForbidden)
		wantBody(t, w, e.text("en", "error.portal.other_case")) // case B speaks English
	}
	for _, path := range []string{"/wizard/personal", "/submit", "/documents/" + docB + "/delete", "/consent/identity/withdraw"} {
		wantStatus(t, e.post(casePath(linkB, path), form(csrfField, csrf, "personal.address", "x"), sess), http.StatusForbidden)
	}
	w := e.upload(casePath(linkB, "/wizard/id_document/upload"), []string{csrfField, csrf, "kind", "passport"}, "x.pdf", []byte("%PDF-1.7"), sess)
	wantStatus(t, w, http.StatusForbidden)
	for _, m := range []string{"Portal.Wizard", "Portal.SaveStep", "Portal.Submit", "Portal.OpenDocument", "Portal.DeleteDocument", "Portal.WithdrawConsent", "Portal.Upload"} {
		if e.p.Calls[m] != 0 {
			t.Errorf("%s was called for another case", m)
		}
	}
	// Case A's own documents are served to its own session only: a
	// document id of case B through case A's link is not found.
	wantStatus(t, e.get(casePath(linkA, "/documents/"+docB), sess), http.StatusNotFound)
}

func TestSubjectPagesNeedASession(t *testing.T) {
	e := newEnv(t)
	e.p.Consent(linkA)
	w := e.get(stepPath(linkA, domain.StepPersonal))
	wantRedirect(t, w, casePath(linkA, ""))
	// An ended session is cleared and explained.
	w = e.get(casePath(linkA, "/review"), withSession("ended"))
	wantRedirect(t, w, casePath(linkA, ""))
	if c := findCookie(w, subjectCookie); c == nil || c.MaxAge >= 0 {
		t.Fatal("ended session cookie not cleared")
	}
	if c := findCookie(w, flashCookie); c == nil || c.Value != "error.portal.session_expired" {
		t.Fatal("no explanation for the ended session")
	}
}

// TestScriptInATextFieldIsEscaped: what a subject types comes back as
// text, both when a form is shown again with errors and after saving.
func TestScriptInATextFieldIsEscaped(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(linkA)
	evil := `<script>alert(1)</script>"><img src=x onerror=alert(2)>`
	step := stepPath(linkA, domain.StepEmployment)
	// Shown again with an error.
	w := e.post(step, form(csrfField, csrf, "activities.0.kind", "employment", "activities.0.employer", evil, "activities.0.from", "bad"), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantNoBody(t, w, "<script>alert(1)", "<img src=x")
	wantBody(t, w, "&lt;script&gt;alert(1)&lt;/script&gt;")
	// Saved, then shown on the step and on the review page.
	w = e.post(step, form(csrfField, csrf, "activities.0.kind", "employment", "activities.0.employer", evil, "activities.0.from", "01/01/20"), sess)
	wantStatus(t, w, http.StatusSeeOther)
	if got := e.p.Data(linkA).Activities[0].Employer; got != evil {
		t.Fatalf("stored %q", got)
	}
	for _, path := range []string{step, casePath(linkA, "/review")} {
		w = e.get(path, sess)
		wantNoBody(t, w, "<script>alert(1)", "<img src=x")
		wantBody(t, w, "&lt;script&gt;alert(1)&lt;/script&gt;")
	}
}

func TestRedactPath(t *testing.T) {
	for in, want := range map[string]string{
		"/s/" + linkA:                      "/s/REDACTED",
		"/s/" + linkA + "/wizard/personal": "/s/REDACTED/wizard/personal",
		"/s/" + linkA + "/documents/d1":    "/s/REDACTED/documents/d1",
		"/s/callback":                      "/s/callback",
		"/s/logout":                        "/s/logout",
		"/s/portal.css":                    "/s/portal.css",
		"/login":                           "/login",
		"/s/":                              "/s/",
	} {
		if got := RedactPath(in); got != want {
			t.Errorf("RedactPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCallbackSetsTheSubjectCookie(t *testing.T) {
	for _, secure := range []bool{false, true} {
		e := newEnv(t, func(c *Config) { c.Secure = secure })
		e.p.Consent(linkA)
		cookie, tok := e.preLogin(linkA)
		w := e.post(casePath(linkA, "/login"), form(csrfField, tok), cookie)
		wantStatus(t, w, http.StatusOK)
		state := e.p.PendingState(linkA)
		// The page hands over to the broker without a redirect (form-action).
		wantBody(t, w, `http-equiv="refresh"`, "https://broker.example/authorize?state="+state)
		w = e.get("/s/callback?code=mitid-code-ok&state=" + state)
		wantRedirect(t, w, casePath(linkA, "/wizard"))
		c := findCookie(w, subjectCookie)
		if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/s/" || c.Secure != secure || c.Value == "" {
			t.Fatalf("cookie %+v (secure config %v)", c, secure)
		}
		if !e.p.SignedIn(c.Value) {
			t.Fatal("cookie holds no live session")
		}
		// A state works once.
		wantStatus(t, e.get("/s/callback?code=mitid-code-ok&state="+state), http.StatusUnauthorized)
	}
}
