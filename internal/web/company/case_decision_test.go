package company

import (
	"net/http"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

// TestDecisionFormsFollowFourEyes walks the decision section: a reviewer
// proposes, a missing reason is shown at the field, the proposer gets no
// confirm button but another reviewer (the owner) does, and the decision
// can be reopened with a reason. A case handler sees no decision form.
func TestDecisionFormsFollowFourEyes(t *testing.T) {
	e := newEnv(t)
	e.f.MarkSubmitted(webtest.CaseID)
	e.f.SetCaseStatus(webtest.CaseID, domain.CaseReadyForReview)
	e.f.SetFourEyes(true)
	path := "/cases/" + webtest.CaseID
	handler, hcsrf := e.signIn(domain.RoleCaseHandler)
	wantNoBody(t, e.get(path, handler), `action="`+path+`/decision"`)
	wantStatus(t, e.post(path+"/decision", form(csrfField, hcsrf, "outcome", "approved", "reason", "x"), handler), http.StatusForbidden)

	reviewer, rcsrf := e.signIn(domain.RoleReviewer)
	w := e.get(path, reviewer)
	wantBody(t, w, `action="`+path+`/decision"`, e.text("da", "help.decision"))
	w = e.post(path+"/decision", form(csrfField, rcsrf, "outcome", "rejected", "reason", " "), reviewer)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `id="f-reason-error"`, e.text("da", "error.reason_required"), `value="rejected" checked`)
	wantStatus(t, e.post(path+"/decision", form(csrfField, rcsrf, "outcome", "rejected", "reason", "Uforklaret hul i CV'et."), reviewer), http.StatusSeeOther)
	w = e.get(path, reviewer)
	wantBody(t, w, e.text("da", "page.case.decision_pending"), "Uforklaret hul i CV&#39;et.", e.text("da", "help.four_eyes_wait"))
	wantNoBody(t, w, `action="`+path+`/decision/confirm"`)

	owner, ocsrf := e.signIn(domain.RoleOwner)
	wantBody(t, e.get(path, owner), `action="`+path+`/decision/confirm"`)
	wantStatus(t, e.post(path+"/decision/confirm", form(csrfField, ocsrf), owner), http.StatusSeeOther)
	if c := e.f.Case(webtest.CaseID); c.Status != domain.CaseRejected {
		t.Fatalf("status after confirmation: %s", c.Status)
	}
	w = e.post(path+"/decision/reopen", form(csrfField, rcsrf, "reopen_reason", ""), reviewer)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `id="f-reopen-reason-error"`)
	wantStatus(t, e.post(path+"/decision/reopen", form(csrfField, rcsrf, "reopen_reason", "Ny dokumentation."), reviewer), http.StatusSeeOther)
	if c := e.f.Case(webtest.CaseID); c.Status != domain.CaseReadyForReview {
		t.Fatalf("status after reopening: %s", c.Status)
	}
	wantBody(t, e.get(path, reviewer), `action="`+path+`/decision"`)
}

// TestReportDownload serves the issued report as a PDF attachment named
// by its document id, never cached, to anyone who may read cases.
func TestReportDownload(t *testing.T) {
	e := newEnv(t)
	e.f.MarkSubmitted(webtest.CaseID)
	sess, _ := e.signIn(domain.RoleAuditor)
	w := e.get("/cases/"+webtest.CaseID+"/report.pdf", sess, withCookie(langCookie, "en"))
	wantStatus(t, w, http.StatusOK)
	h := w.Header()
	if h.Get("Content-Type") != "application/pdf" || h.Get("Cache-Control") != "no-store" ||
		h.Get("Content-Disposition") != `attachment; filename=bgcheck-BGC-TEST-0000-0000-0001.pdf` || w.Body.String() != "%PDF-1.7 fake report en" {
		t.Fatalf("report response %v %q", h, w.Body.String())
	}
	wantStatus(t, e.get("/cases/no-such-case/report.pdf", sess), http.StatusNotFound)
}
