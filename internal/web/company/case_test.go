package company

import (
	"net/http"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

func TestCasePage(t *testing.T) {
	e := newEnv(t)
	sess, _ := e.signIn(domain.RoleAdmin)
	w := e.get("/cases/"+webtest.CaseID, sess)
	wantStatus(t, w, http.StatusOK)
	wantBody(t, w, "Mette Hansen", webtest.CaseEmail, "&#43;45 20 30 40 50", "Bogholder",
		`href="/packages/`+webtest.PackageID+`?version=1"`, "Test case_handler",
		e.text("da", "status.case.invited"),
		e.text("da", "page.case.subject_data_pending"),
		e.text("da", "category.identity"), e.text("da", "page.case.consent_given"), "consent-cv-da-1",
		e.text("da", "case.event.case.created"), e.text("da", "case.event.case.invitation_sent"),
		`action="/cases/`+webtest.CaseID+`/assign"`, `action="/cases/`+webtest.CaseID+`/resend"`,
		`action="/cases/`+webtest.CaseID+`/email"`, `action="/cases/`+webtest.CaseID+`/cancel"`,
		`data-confirm="`+e.text("da", "form.confirm_cancel_case")+`"`, `<option value="user-case_handler" selected>`)
	if e.f.Calls["Cases.Get"] != 1 {
		t.Fatalf("calls = %v", e.f.Calls)
	}

	// Read-only roles see the case but no action.
	for _, role := range []domain.Role{domain.RoleReviewer, domain.RoleAuditor} {
		ro, _ := e.signIn(role)
		w := e.get("/cases/"+webtest.CaseID, ro)
		wantStatus(t, w, http.StatusOK)
		wantNoBody(t, w, "/assign", "/resend", "/cancel")
	}
	// A case handler may not read the user list: the handler is shown by
	// name only when it is themselves, and they can take the case.
	handler, _ := e.signIn(domain.RoleCaseHandler)
	w = e.get("/cases/"+webtest.CaseID, handler)
	wantBody(t, w, `<option value="user-case_handler" selected>`+e.text("da", "page.cases.me", map[string]any{"Name": "Test case_handler"}))
	wantNoBody(t, w, `<option value="user-admin"`)

	wantStatus(t, e.get("/cases/no-such-case", sess), http.StatusNotFound)
}

func TestClosedCaseOffersNoActions(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleOwner)
	w := e.get("/cases/"+webtest.ClosedCaseID, sess)
	wantStatus(t, w, http.StatusOK)
	wantBody(t, w, e.text("da", "status.case.cancelled"))
	wantNoBody(t, w, "/resend", "/cancel", "/assign")

	w = e.post("/cases/"+webtest.ClosedCaseID+"/resend", form(csrfField, csrf), sess)
	wantStatus(t, w, http.StatusConflict)
	wantBody(t, w, e.text("da", "error.case_closed"))
}

func TestCaseActions(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleCaseHandler)
	path := "/cases/" + webtest.CaseID

	w := e.post(path+"/resend", form(csrfField, csrf), sess)
	wantRedirect(t, w, path)
	if c := findCookie(w, flashCookie); c == nil || c.Value != "flash.case_invitation_resent" {
		t.Fatalf("flash = %+v", c)
	}

	w = e.post(path+"/email", form("email", "ikke en adresse", csrfField, csrf), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `id="f-email-error">`+e.text("da", "error.email"), `value="ikke en adresse"`)
	if e.f.Calls["Cases.ChangeEmail"] != 0 {
		t.Fatal("an invalid address reached the service")
	}
	wantRedirect(t, e.post(path+"/email", form("email", " Ny@Example.dk ", csrfField, csrf), sess), path)
	if c := e.f.Case(webtest.CaseID); c.SubjectEmail != "ny@example.dk" {
		t.Fatalf("e-mail = %q", c.SubjectEmail)
	}

	w = e.post(path+"/assign", form("handler", "user-auditor", csrfField, csrf), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `id="f-handler-error">`+e.text("da", "error.handler"))
	wantRedirect(t, e.post(path+"/assign", form("handler", "", csrfField, csrf), sess), path)
	if c := e.f.Case(webtest.CaseID); c.HandlerID != "" {
		t.Fatalf("handler = %q", c.HandlerID)
	}

	w = e.post(path+"/cancel", form("reason", "  ", csrfField, csrf), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `id="f-reason-error">`+e.text("da", "error.reason_required"))
	wantRedirect(t, e.post(path+"/cancel", form("reason", "Stillingen er besat.", csrfField, csrf), sess), path)
	if c := e.f.Case(webtest.CaseID); c.Status != domain.CaseCancelled {
		t.Fatalf("status = %s", c.Status)
	}
	page := e.get(path, sess)
	wantBody(t, page, e.text("da", "case.event.case.cancelled"), e.text("da", "case.detail.reason")+": Stillingen er besat.")

	for _, action := range []string{"/resend", "/email", "/assign", "/cancel"} {
		w := e.post("/cases/no-such-case"+action, form("email", "a@example.dk", "reason", "x", csrfField, csrf), sess)
		wantStatus(t, w, http.StatusNotFound)
	}
}
