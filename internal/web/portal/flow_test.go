package portal

import (
	"net/http"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

func TestEmailCodeSignIn(t *testing.T) {
	e := newEnv(t)
	e.p.Consent(linkB)
	cookie, tok := e.preLogin(linkB)
	wantRedirect(t, e.post(casePath(linkB, "/email-code"), form(csrfField, tok), cookie), casePath(linkB, "/email-code"))
	if e.p.LastCodeLang != "en" {
		t.Fatalf("code e-mail language %q, want the case's", e.p.LastCodeLang)
	}
	w := e.get(casePath(linkB, "/email-code"), cookie)
	wantBody(t, w, e.text("en", "page.portal.email_code.id_needed", map[string]any{"Org": "Beta Fragt ApS"}), `autocomplete="one-time-code"`)
	w = e.post(casePath(linkB, "/email-code/verify"), form(csrfField, tok, "code", "111 111"), cookie)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `id="f-code-error"`, e.text("en", "error.code_invalid"), `aria-invalid="true"`)
	w = e.post(casePath(linkB, "/email-code/verify"), form(csrfField, tok, "code", "246 810"), cookie)
	wantRedirect(t, w, casePath(linkB, "/wizard"))
	if c := findCookie(w, subjectCookie); c == nil || !e.p.SignedIn(c.Value) {
		t.Fatal("no session after the right code")
	}
}

func TestCallbackFailuresExplainWhatToDo(t *testing.T) {
	e := newEnv(t)
	w := e.get("/s/callback?error=access_denied&state=abc")
	wantStatus(t, w, http.StatusUnauthorized)
	wantBody(t, w, e.text("da", "error.mitid_cancelled"), e.text("da", "page.portal.login_failed.help"))
	w = e.get("/s/callback?error=server_error&state=abc")
	wantBody(t, w, e.text("da", "error.mitid_login"))
	w = e.get("/s/callback?code=x&state=unknown")
	wantStatus(t, w, http.StatusUnauthorized)
	wantBody(t, w, e.text("da", "error.mitid_state"))
	if findCookie(w, subjectCookie) != nil {
		t.Fatal("a failed sign-in set a session cookie")
	}
	e.p.Fail["Portal.FinishLogin"] = domain.Errorf(domain.EForbidden, "error.identity_mismatch")
	w = e.get("/s/callback?code=x&state=y")
	wantStatus(t, w, http.StatusForbidden)
	wantBody(t, w, e.text("da", "error.identity_mismatch"))
}

func TestLogoutEndsTheSession(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(linkA)
	w := e.get(casePath(linkA, ""), sess)
	wantBody(t, w, `action="/s/logout"`, `name="link" value="`+linkA+`"`, `href="`+casePath(linkA, "/wizard")+`"`)
	w = e.post("/s/logout", form(csrfField, csrf, "link", linkA), sess)
	wantRedirect(t, w, casePath(linkA, ""))
	if c := findCookie(w, subjectCookie); c == nil || c.MaxAge >= 0 {
		t.Fatal("cookie not cleared")
	}
	if e.p.Calls["Portal.Logout"] != 1 {
		t.Fatal("session not ended in the service")
	}
}

func TestLanguageSwitch(t *testing.T) {
	e := newEnv(t)
	cookie, tok := e.preLogin(linkA)
	w := e.post("/s/lang", form(csrfField, tok, "lang", "en", "next", casePath(linkA, "/status")), cookie)
	wantRedirect(t, w, casePath(linkA, "/status"))
	if c := findCookie(w, langCookie); c == nil || c.Value != "en" || c.Path != "/" {
		t.Fatalf("language cookie %+v", c)
	}
	for _, next := range []string{"https://evil.example/", "//evil.example/s/x", "/login", "/s/\\evil"} {
		wantRedirect(t, e.post("/s/lang", form(csrfField, tok, "lang", "en", "next", next), cookie), "/")
	}
	wantStatus(t, e.post("/s/lang", form(csrfField, tok, "lang", "fr"), cookie), http.StatusBadRequest)
	wantBody(t, e.get(casePath(linkA, ""), withLang("en")), `<html lang="en">`, "Lufthavn A/S would like to do a background check")
}

func TestReviewAndSubmit(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(linkA)
	e.p.SetData(linkA, domain.WizardData{
		Activities: []domain.Activity{{Kind: "employment", Employer: "Lufthavn A/S", CVR: "12345674", From: "01/01/20"}},
		NoRoles:    true, Done: []string{domain.StepPersonal},
	})
	w := e.get(casePath(linkA, "/review"), sess)
	wantStatus(t, w, http.StatusOK)
	wantBody(t, w, `href="`+stepPath(linkA, domain.StepEmployment)+`"`, e.text("da", "page.portal.review.ongoing", map[string]any{"From": "01/01/20"}),
		e.text("da", "page.portal.review.no_roles"), e.text("da", "page.portal.review.incomplete"))
	// Not confirmed.
	w = e.post(casePath(linkA, "/submit"), form(csrfField, csrf), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `href="#f-confirm"`)
	// Steps left: the summary links to them on the page.
	w = e.post(casePath(linkA, "/submit"), form(csrfField, csrf, "confirm", "yes"), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `href="#review-employment"`, e.text("da", "error.steps_incomplete"))
	e.p.MarkDone(linkA)
	wantRedirect(t, e.post(casePath(linkA, "/submit"), form(csrfField, csrf, "confirm", "yes"), sess), casePath(linkA, "/status"))
	if e.p.Status(linkA) != domain.CaseSubmitted {
		t.Fatal("not submitted")
	}
	// After submitting, the wizard leads to the status, which says what is next.
	wantRedirect(t, e.get(stepPath(linkA, domain.StepPersonal), sess), casePath(linkA, "/status"))
	w = e.get(casePath(linkA, "/status"), sess)
	wantBody(t, w, e.text("da", "page.portal.case_status.submitted"), e.text("da", "page.portal.case_next.submitted"))
	wantNoBody(t, w, "?consent=change")
}

func TestWithdrawConsent(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(linkA)
	w := e.get(casePath(linkA, "/status"), sess)
	wantBody(t, w, `href="`+casePath(linkA, "/consent/cv/withdraw")+`"`)
	w = e.get(casePath(linkA, "/consent/cv/withdraw"), sess)
	wantBody(t, w, e.text("da", "page.portal.withdraw.heading", map[string]any{"Category": "CV og job"}), e.text("da", "page.portal.withdraw.earlier"))
	wantRedirect(t, e.post(casePath(linkA, "/consent/cv/withdraw"), form(csrfField, csrf), sess), casePath(linkA, "/status"))
	if c := e.p.Consents(linkA)[domain.CatCV]; c.WithdrawnAt.IsZero() {
		t.Fatal("not withdrawn")
	}
	// Nothing left to withdraw for that category, or for one not asked for.
	wantStatus(t, e.get(casePath(linkA, "/consent/cv/withdraw"), sess), http.StatusNotFound)
	wantStatus(t, e.get(casePath(linkA, "/consent/health/withdraw"), sess), http.StatusNotFound)
	// When withdrawal closes the case, the subject is told at once.
	e.p.CloseOnWithdraw = true
	w = e.post(casePath(linkA, "/consent/identity/withdraw"), form(csrfField, csrf), sess)
	wantStatus(t, w, http.StatusOK)
	wantBody(t, w, e.text("da", "flash.portal.consent_withdrawn"))
	wantStatus(t, e.get(casePath(linkA, "/status"), sess), http.StatusNotFound)
}

func TestClosedLinkPageSaysWhatToDo(t *testing.T) {
	e := newEnv(t)
	for _, link := range []string{webtest.PortalLinkClosed, "unknown"} {
		w := e.get(casePath(link, "/wizard"))
		wantStatus(t, w, http.StatusNotFound)
		wantBody(t, w, e.text("da", "page.portal.link_invalid.contact"))
	}
}
