package company

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

func TestUnknownRouteIsAFriendly404(t *testing.T) {
	e := newEnv(t)
	w := e.get("/no/such/page")
	wantStatus(t, w, http.StatusNotFound)
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("Content-Type = %q", ct)
	}
	wantBody(t, w, `<html lang="da">`, e.text("da", "page.error.not_found"))
	wantNoBody(t, w, "404 page not found")
}

func TestWrongMethodIsAFriendly405(t *testing.T) {
	e := newEnv(t)
	w := e.do(http.MethodDelete, "/login", nil)
	wantStatus(t, w, http.StatusMethodNotAllowed)
	if allow := w.Header().Get("Allow"); !strings.Contains(allow, "GET") || !strings.Contains(allow, "POST") {
		t.Fatalf("Allow = %q", allow)
	}
	wantBody(t, w, e.text("da", "page.error.method"))
}

func TestLoginPageInBothLanguages(t *testing.T) {
	e := newEnv(t)
	for _, lang := range []string{"da", "en"} {
		w := e.get("/login", withCookie(langCookie, lang))
		wantStatus(t, w, http.StatusOK)
		wantBody(t, w, `<html lang="`+lang+`">`, e.text(lang, "page.login.intro"), `<label for="f-email">`)
		wantTranslated(t, w)
	}
}

func TestLanguageFromAcceptLanguage(t *testing.T) {
	e := newEnv(t)
	wantBody(t, e.get("/login", withHeader("Accept-Language", "en-GB,en;q=0.8")), `<html lang="en">`)
}

func TestLanguageSwitch(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleOwner)
	w := e.post("/lang", form("lang", "en", "next", "/users?role=admin", csrfField, csrf), sess)
	wantRedirect(t, w, "/users?role=admin")
	c := findCookie(w, langCookie)
	if c == nil || c.Value != "en" || c.MaxAge <= 0 {
		t.Fatalf("language cookie = %+v", c)
	}
	page := e.get("/users", sess, withCookie(langCookie, c.Value))
	wantBody(t, page, `<html lang="en">`, e.text("en", "page.users.intro"))
	wantTranslated(t, page)
}

func TestLanguageSwitchStaysOnSite(t *testing.T) {
	for _, next := range []string{"https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", ""} {
		if got := localPath(next); got != "/" {
			t.Errorf("localPath(%q) = %q", next, got)
		}
	}
	if got := localPath("/audit?before=40"); got != "/audit?before=40" {
		t.Errorf("localPath kept %q", got)
	}
}

// pageVariants are further addresses of GET routes whose pages show
// different parts depending on the query: every template, an older
// package version, a closed case, a filtered list.
var pageVariants = []string{
	"/packages/new?template=blank",
	"/packages/new?template=id_check",
	"/packages/new?template=standard",
	"/packages/new?template=aviation_extended",
	"/packages/new?template=aviation_other",
	"/packages/new?template=driver",
	"/packages/new?template=critical_infrastructure",
	"/packages/new?template=trusted_finance",
	"/packages/new?template=child_contact",
	"/packages?archived=1",
	"/packages/" + webtest.ArchivedPackageID,
	"/packages/" + webtest.ArchivedPackageID + "?version=1",
	"/cases?status=invited&status=cancelled&sort=status&dir=asc",
	"/cases/" + webtest.ClosedCaseID,
}

// TestEveryPageIsTranslated renders every GET page as every role, in both
// languages, and looks for missing messages.
func TestEveryPageIsTranslated(t *testing.T) {
	e := newEnv(t)
	var paths []string
	for _, rt := range Routes() {
		if rt.Method == http.MethodGet && rt.Perm != Infra {
			paths = append(paths, samplePath(rt.Pattern))
		}
	}
	for _, path := range append(paths, pageVariants...) {
		for _, role := range domain.Roles {
			sess, _ := e.signIn(role)
			for _, lang := range []string{"da", "en"} {
				w := e.get(path, sess, withCookie(langCookie, lang))
				if w.Code == http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
					continue
				}
				if !strings.Contains(w.Body.String(), `<html lang="`+lang+`">`) {
					t.Errorf("%s as %s in %s: not a page in that language (status %d)", path, role, lang, w.Code)
				}
				wantTranslated(t, w)
			}
		}
	}
}

func TestUsersListFilters(t *testing.T) {
	e := newEnv(t)
	sess, _ := e.signIn(domain.RoleAuditor)
	w := e.get("/users?role=admin&status=active&q=+admin+&page=0", sess)
	wantStatus(t, w, http.StatusOK)
	f := e.f.LastUserFilter
	if f.Role != domain.RoleAdmin || f.Status != domain.UserActive || f.Query != "admin" || f.Offset != 0 {
		t.Fatalf("filter = %+v", f)
	}
	wantBody(t, w, "admin@example.com", `<option value="admin" selected>`)
	wantNoBody(t, w, "owner@example.com", `href="/users/invite"`)

	e.get("/users?role=superuser&status=gone", sess)
	if f := e.f.LastUserFilter; f.Role != "" || f.Status != "" {
		t.Fatalf("unknown values reached the service: %+v", f)
	}
}

func TestInviteValidationAndConflict(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleAdmin)
	page := e.get("/users/invite", sess)
	wantNoBody(t, page, `value="owner"`) // admins cannot make owners

	w := e.post("/users/invite", form("email", "not-an-address", "name", "", "role", "case_handler", csrfField, csrf), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, e.text("da", "error.email"), e.text("da", "error.required"),
		`aria-invalid="true" aria-describedby="f-email-error"`, `value="not-an-address"`)
	if e.f.Calls["Users.Invite"] != 0 {
		t.Fatal("invalid input reached the service")
	}

	w = e.post("/users/invite", form("email", "owner@example.com", "name", "Again", "role", "reviewer", csrfField, csrf), sess)
	wantStatus(t, w, http.StatusConflict)
	wantBody(t, w, e.text("da", "error.email_taken"))

	w = e.post("/users/invite", form("email", "New@Example.com", "name", "Ny Kollega", "role", "reviewer", csrfField, csrf), sess)
	if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/users/user-") {
		t.Fatalf("got %d to %q", w.Code, w.Header().Get("Location"))
	}
	if c := findCookie(w, flashCookie); c == nil || c.Value != "flash.user_invited" {
		t.Fatalf("flash = %+v", c)
	}

	// The invitation e-mail is written in the inviter's language.
	e.post("/users/invite", form("email", "en@example.com", "name", "English", "role", "reviewer", csrfField, csrf), sess, withCookie(langCookie, "en"))
	if e.f.InviteLang != "en" {
		t.Fatalf("request language = %q, want en", e.f.InviteLang)
	}
}

func TestUserActionRefusedByServiceShowsReason(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleAdmin)
	w := e.post("/users/user-owner/role", form("role", "auditor", csrfField, csrf), sess)
	wantStatus(t, w, http.StatusForbidden)
	wantBody(t, w, e.text("da", "error.role_not_allowed"), "owner@example.com")

	wantStatus(t, e.get("/users/no-such-user", sess), http.StatusNotFound)
}

func TestOwnUserPageHidesActions(t *testing.T) {
	e := newEnv(t)
	sess, _ := e.signIn(domain.RoleOwner)
	w := e.get("/users/user-owner", sess)
	wantBody(t, w, e.text("da", "help.self"))
	wantNoBody(t, w, `action="/users/user-owner/disable"`)
}

func TestOrganisationSettings(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleOwner)
	wantBody(t, e.get("/settings/organisation", sess), `value="12345674"`)

	w := e.post("/settings/organisation", form("name", "", "cvr", "12345678", "dpo_email", "nope", csrfField, csrf), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, e.text("da", "error.cvr"), e.text("da", "error.email"), e.text("da", "error.required"),
		`aria-describedby="f-cvr-help f-cvr-error"`)

	w = e.post("/settings/organisation", form("name", "Lufthavn ApS", "cvr", "1234 5674", "address", "Vej 1\n2770 Kastrup",
		"dpo_name", "Dorte", "dpo_email", "DPO@example.com", "dpo_phone", "+45 12 34 56 78", csrfField, csrf), sess)
	wantRedirect(t, w, "/settings/organisation")
	if o := e.f.Org(); o.Name != "Lufthavn ApS" || o.CVR != "12345674" || o.DPOEmail != "dpo@example.com" {
		t.Fatalf("organisation = %+v", o)
	}

	auditor, _ := e.signIn(domain.RoleAuditor)
	ro := e.get("/settings/organisation", auditor)
	wantBody(t, ro, e.text("da", "help.org_readonly"), "Lufthavn ApS")
	wantNoBody(t, ro, `<form class="stack" method="post" action="/settings/organisation"`)
}

func TestRawDomainMessageIsNotShown(t *testing.T) {
	e := newEnv(t)
	e.f.Fail["Orgs.Update"] = domain.Errorf(domain.EConflict, "row 7 changed under us")
	sess, csrf := e.signIn(domain.RoleOwner)
	w := e.post("/settings/organisation", form("name", "X", csrfField, csrf), sess)
	wantStatus(t, w, http.StatusConflict)
	wantNoBody(t, w, "row 7")
	wantBody(t, w, e.text("da", "error.internal"))
}

func TestUnexpectedErrorIsA500PageAndLogged(t *testing.T) {
	e := newEnv(t)
	e.f.Fail["Users.List"] = errors.New("database on fire at 10.0.0.5")
	sess, _ := e.signIn(domain.RoleOwner)
	w := e.get("/users", sess)
	wantStatus(t, w, http.StatusInternalServerError)
	wantBody(t, w, e.text("da", "error.internal"))
	wantNoBody(t, w, "database on fire")
	if !strings.Contains(e.logs.String(), "database on fire") {
		t.Fatal("the cause was not logged")
	}
}

func TestAuditListFiltersAndPages(t *testing.T) {
	e := newEnv(t)
	e.s.cfg.Location = time.UTC
	sess, _ := e.signIn(domain.RoleAuditor)
	w := e.get("/audit?action=user.&actor=user-owner&target=t1&from=2026-03-01&to=2026-03-02", sess)
	wantStatus(t, w, http.StatusOK)
	f := e.f.LastAuditFilter
	wantFrom := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	wantTo := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
	if f.Action != "user." || f.ActorID != "user-owner" || f.TargetID != "t1" || !f.From.Equal(wantFrom) || !f.To.Equal(wantTo) {
		t.Fatalf("filter = %+v", f)
	}
	wantBody(t, w, e.text("da", "audit.action.user.invite"))

	// 20 entries, newest first; a page size of 50 shows them all.
	w = e.get("/audit?before=15", sess)
	if e.f.LastAuditFilter.BeforeSeq != 15 {
		t.Fatalf("cursor = %d", e.f.LastAuditFilter.BeforeSeq)
	}
	wantBody(t, w, `href="/audit"`, e.text("da", "action.newest"))

	w = e.get("/audit?from=01-03-2026", sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, e.text("da", "error.date"))

	w = e.get("/audit?from=2026-03-05&to=2026-03-01", sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, e.text("da", "error.date_range"))
}

func TestAuditPersonal(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleDPO)
	w := e.post("/audit/3/personal", form(csrfField, csrf), sess)
	wantStatus(t, w, http.StatusOK)
	wantBody(t, w, "Jens Jensen", `id="personal-result"`)

	w = e.post("/audit/13/personal", form(csrfField, csrf), sess)
	wantStatus(t, w, http.StatusNotFound)
	wantBody(t, w, e.text("da", "error.erased"))

	wantStatus(t, e.post("/audit/x/personal", form(csrfField, csrf), sess), http.StatusNotFound)
}

func TestChangePassword(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleReviewer)
	w := e.post("/account/password", form("current", "wrong", "password", "a long new password", "confirm", "a long new password", csrfField, csrf), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, e.text("da", "error.current_password_wrong"), `id="f-current-error"`)

	w = e.post("/account/password", form("current", webtest.GoodPassword, "password", "a long new password", "confirm", "a long new password", csrfField, csrf), sess)
	wantRedirect(t, w, "/account/password")
}

func TestDevMailLinksInvitation(t *testing.T) {
	e := newEnv(t)
	e.f.AddMail(webtest.SentMail{To: "x@example.com", Subject: "Invitation", Text: "Open http://localhost:8080/invitation/abc now", At: time.Now()})
	w := e.get("/dev/mail")
	wantStatus(t, w, http.StatusOK)
	wantBody(t, w, `<a href="http://localhost:8080/invitation/abc">`, "x@example.com")
}

func TestStaticAssets(t *testing.T) {
	e := newEnv(t)
	path := e.s.assets.Path("app.css")
	w := e.get(path)
	wantStatus(t, w, http.StatusOK)
	if cc := w.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Fatalf("Cache-Control = %q", cc)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Fatalf("Content-Type = %q", ct)
	}
	if cc := e.get("/static/app.css").Header().Get("Cache-Control"); cc != "no-cache" {
		t.Fatalf("unversioned Cache-Control = %q", cc)
	}
	wantStatus(t, e.get("/static/missing.js"), http.StatusNotFound)
}

func TestHealthAndReadiness(t *testing.T) {
	e := newEnv(t)
	wantStatus(t, e.get("/healthz"), http.StatusOK)
	wantStatus(t, e.get("/readyz"), http.StatusOK)
	e.f.NotReady = errors.New("migrations pending")
	wantStatus(t, e.get("/readyz"), http.StatusServiceUnavailable)
	wantStatus(t, e.get("/healthz"), http.StatusOK)
}
