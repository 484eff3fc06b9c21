package company

import (
	"net/http"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

func TestSubmittedCaseShowsDataAndDocuments(t *testing.T) {
	e := newEnv(t)
	e.f.MarkSubmitted(webtest.CaseID)
	sess, _ := e.signIn(domain.RoleCaseHandler)
	for _, lang := range []string{"da", "en"} {
		w := e.get("/cases/"+webtest.CaseID, sess, withCookie(langCookie, lang))
		body := w.Body.String()
		for _, want := range []string{"Testvej 1", "Lufthavn A/S", "010190-****", "/cases/" + webtest.CaseID + "/documents/" + webtest.SubmittedDocID,
			"/cases/" + webtest.CaseID + "/findings/resolve", "2024-01-01", "2027-11-23"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: case page lacks %q", lang, want)
			}
		}
		if strings.Contains(body, "!missing:") || strings.Contains(body, "no value") {
			t.Errorf("%s: missing message on the case page", lang)
		}
	}
	w := e.get("/cases/"+webtest.CaseID+"/documents/"+webtest.SubmittedDocID, sess)
	h := w.Header()
	if w.Code != http.StatusOK || h.Get("Content-Type") != "image/png" || h.Get("X-Content-Type-Options") != "nosniff" ||
		h.Get("Cache-Control") != "no-store" || !strings.HasPrefix(h.Get("Content-Disposition"), "inline") {
		t.Fatalf("document response %d %v", w.Code, h)
	}
	if w := e.get("/cases/"+webtest.CaseID+"/documents/doc-other", sess); w.Code != http.StatusNotFound {
		t.Fatalf("unknown document: %d", w.Code)
	}
}

func TestDashboardShowsCasesWaitingForMe(t *testing.T) {
	e := newEnv(t)
	sess, _ := e.signIn(domain.RoleCaseHandler)
	if body := e.get("/", sess).Body.String(); strings.Contains(body, "waiting-heading") {
		t.Fatal("waiting list shown with nothing submitted")
	}
	e.f.MarkSubmitted(webtest.CaseID)
	body := e.get("/", sess).Body.String()
	if !strings.Contains(body, "waiting-heading") || !strings.Contains(body, "/cases/"+webtest.CaseID) {
		t.Fatal("submitted case not waiting on the handler's dashboard")
	}
}

func TestIdentityCheckOfferedForEmailCodeSubjects(t *testing.T) {
	e := newEnv(t)
	e.f.MarkSubmitted(webtest.CaseID)
	e.f.SetAssurance(webtest.CaseID, "email_code")
	sess, _ := e.signIn(domain.RoleCaseHandler)
	for _, lang := range []string{"da", "en"} {
		body := e.get("/cases/"+webtest.CaseID, sess, withCookie(langCookie, lang)).Body.String()
		if !strings.Contains(body, "/cases/"+webtest.CaseID+"/verify-identity") || strings.Contains(body, "!missing:") {
			t.Fatalf("%s: identity check form missing or untranslated", lang)
		}
	}
}
