package company

import (
	"net/http"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

func TestLoginThenSecondFactorThenDashboard(t *testing.T) {
	e := newEnv(t)
	cookie, tok := e.preLogin()
	w := e.post("/login", form("email", "owner@example.com", "password", webtest.GoodPassword, csrfField, tok), cookie)
	wantRedirect(t, w, "/login/verify")
	partial := findCookie(w, sessionCookie).Value

	// Until the second factor, the rest of the site is out of reach.
	wantRedirect(t, e.get("/users", withSession(partial)), "/login/verify")
	wantRedirect(t, e.get("/", withSession(partial)), "/login/verify")
	wantRedirect(t, e.get("/login/enrol", withSession(partial)), "/login/verify")

	page := e.get("/login/verify", withSession(partial))
	wantStatus(t, page, http.StatusOK)
	csrf := formToken(t, page.Body.String())

	bad := e.post("/login/verify", form("code", "000000", csrfField, csrf), withSession(partial))
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantBody(t, bad, `aria-invalid="true"`, e.text("da", "error.totp_invalid"))

	good := e.post("/login/verify", form("code", "123 456", csrfField, csrf), withSession(partial))
	wantRedirect(t, good, "/")
	full := findCookie(good, sessionCookie).Value
	if full == partial {
		t.Fatal("the session token was not replaced")
	}
	dash := e.get("/", withSession(full))
	wantStatus(t, dash, http.StatusOK)
	wantBody(t, dash, e.text("da", "page.dashboard.cases_title"), `href="/users"`)
}

func TestEnrolmentShowsQRAndRecoveryCodesOnce(t *testing.T) {
	e := newEnv(t)
	token, csrf := e.f.SignIn(domain.RoleAdmin, domain.StageEnrol)
	page := e.get("/login/enrol", withSession(token))
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, `src="data:image/png;base64,`, "JBSW Y3DP EHPK 3PXP", `href="otpauth://totp/`)
	wantTranslated(t, page)

	bad := e.post("/login/enrol", form("code", "999999", csrfField, csrf), withSession(token))
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantBody(t, bad, `src="data:image/png;base64,`, e.text("da", "error.totp_invalid"))

	ok := e.post("/login/enrol", form("code", webtest.GoodCode, csrfField, csrf), withSession(token))
	wantStatus(t, ok, http.StatusOK)
	wantBody(t, ok, "abcd-efgh-jkmn", "pqrs-tvwx-yz01", e.text("da", "action.recovery_saved"))
	newToken := findCookie(ok, sessionCookie).Value
	if e.f.Stage(newToken) != domain.StageComplete {
		t.Fatal("new cookie is not a complete session")
	}
	// The page's forms carry the new session's CSRF token.
	sess, _, err := e.f.Auth().Session(t.Context(), newToken)
	if err != nil || formToken(t, ok.Body.String()) != sess.CSRFToken {
		t.Fatal("recovery page does not carry the new session's CSRF token")
	}
	// Enrolment is over: the page now leads to the dashboard.
	wantRedirect(t, e.get("/login/enrol", withSession(newToken)), "/")
}

func TestWrongPasswordShowsMessage(t *testing.T) {
	e := newEnv(t)
	cookie, tok := e.preLogin()
	w := e.post("/login", form("email", "owner@example.com", "password", "nope", csrfField, tok), cookie)
	wantStatus(t, w, http.StatusUnauthorized)
	wantBody(t, w, e.text("da", "error.login_failed"), `value="owner@example.com"`)
	wantNoBody(t, w, `value="nope"`)
}

func TestEmptyLoginFieldsAreMarked(t *testing.T) {
	e := newEnv(t)
	cookie, tok := e.preLogin()
	w := e.post("/login", form(csrfField, tok), cookie)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `aria-describedby="f-email-error"`, `id="f-email-error"`, `aria-describedby="f-password-error"`)
	if e.f.Calls["Auth.Login"] != 0 {
		t.Fatal("Login was called with empty fields")
	}
}

func TestThrottledLogin(t *testing.T) {
	e := newEnv(t)
	cookie, tok := e.preLogin()
	w := e.post("/login", form("email", webtest.ThrottledEmail, "password", "x", csrfField, tok), cookie)
	wantStatus(t, w, http.StatusTooManyRequests)
	wantBody(t, w, e.text("da", "error.login_throttled"))
}

func TestEndedSessionGoesToLoginWithReason(t *testing.T) {
	e := newEnv(t)
	w := e.get("/users", withSession("ended-session"))
	wantRedirect(t, w, "/login")
	if c := findCookie(w, sessionCookie); c == nil || c.MaxAge >= 0 {
		t.Fatalf("the stale cookie was not cleared: %+v", c)
	}
	flash := findCookie(w, flashCookie)
	if flash == nil || flash.Value != "error.session_expired" {
		t.Fatalf("flash = %+v", flash)
	}
	page := e.get("/login", withCookie(flashCookie, flash.Value))
	wantBody(t, page, e.text("da", "error.session_expired"))
}

func TestLogoutAndLogoutEverywhere(t *testing.T) {
	e := newEnv(t)
	token, csrf := e.f.SignIn(domain.RoleCaseHandler, domain.StageComplete)
	other, _ := e.f.SignIn(domain.RoleCaseHandler, domain.StageComplete)
	wantRedirect(t, e.post("/logout/all", form(csrfField, csrf), withSession(token)), "/login")
	if e.f.Stage(token) != "" || e.f.Stage(other) != "" {
		t.Fatal("sessions survived logout everywhere")
	}
	token, csrf = e.f.SignIn(domain.RoleCaseHandler, domain.StagePassword)
	w := e.post("/logout", form(csrfField, csrf), withSession(token))
	wantRedirect(t, w, "/login")
	if e.f.Stage(token) != "" {
		t.Fatal("session survived logout")
	}
}

func TestAnonymousIsSentToLogin(t *testing.T) {
	e := newEnv(t)
	wantRedirect(t, e.get("/"), "/login")
	wantRedirect(t, e.get("/login/verify"), "/login")
	// htmx requests are told to navigate rather than handed a redirect.
	w := e.get("/users", withHeader("HX-Request", "true"))
	if w.Code != http.StatusNoContent || w.Header().Get("HX-Redirect") != "/login" {
		t.Fatalf("got %d, HX-Redirect %q", w.Code, w.Header().Get("HX-Redirect"))
	}
}

func TestInvitation(t *testing.T) {
	e := newEnv(t)
	path := "/invitation/" + webtest.InviteToken
	page := e.get(path)
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, webtest.InviteEmail, "Lufthavn A/S")
	wantTranslated(t, page)
	cookie, tok := withCookie("bgcheck_csrf", findCookie(page, "bgcheck_csrf").Value), formToken(t, page.Body.String())

	w := e.post(path, form("password", "long enough password", "confirm", "different", csrfField, tok), cookie)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, e.text("da", "error.password_mismatch"))

	w = e.post(path, form("password", "short", "confirm", "short", csrfField, tok), cookie)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, e.text("da", "error.password_too_short"), `aria-invalid="true"`)

	w = e.post(path, form("password", "long enough password", "confirm", "long enough password", csrfField, tok), cookie)
	wantRedirect(t, w, "/login")

	used := e.get(path)
	wantStatus(t, used, http.StatusNotFound)
	wantBody(t, used, e.text("da", "error.invitation_invalid"))
}
