package portal

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

// pageCase is one request that renders a page, for a route of the table.
type pageCase struct {
	route  string // "METHOD pattern"
	name   string
	status int
	do     func(e *env, lang string) *httptest.ResponseRecorder
}

// signedIn runs a request as a signed-in subject of case A in lang.
func signedIn(method, path string, f func(csrf string) []string) func(e *env, lang string) *httptest.ResponseRecorder {
	return func(e *env, lang string) *httptest.ResponseRecorder {
		sess, csrf := e.signIn(linkA)
		if method == http.MethodGet {
			return e.get(path, sess, withLang(lang))
		}
		return e.post(path, form(append([]string{csrfField, csrf}, f(csrf)...)...), sess, withLang(lang))
	}
}

func pageCases() []pageCase {
	none := func(string) []string { return nil }
	cases := []pageCase{
		{"GET /s/{link}", "first visit", 200, func(e *env, lang string) *httptest.ResponseRecorder {
			return e.get(casePath(linkA, ""), withLang(lang))
		}},
		{"GET /s/{link}", "signed in", 200, signedIn("GET", casePath(linkA, ""), none)},
		{"GET /s/{link}", "unknown link", 404, func(e *env, lang string) *httptest.ResponseRecorder {
			return e.get("/s/no-such-link", withLang(lang))
		}},
		{"POST /s/{link}/consent", "missing answers", 422, func(e *env, lang string) *httptest.ResponseRecorder {
			c, tok := e.preLogin(linkA, withLang(lang))
			return e.post(casePath(linkA, "/consent"), form(csrfField, tok), c, withLang(lang))
		}},
		{"POST /s/{link}/login", "to MitID", 200, func(e *env, lang string) *httptest.ResponseRecorder {
			e.p.Consent(linkA)
			c, tok := e.preLogin(linkA, withLang(lang))
			return e.post(casePath(linkA, "/login"), form(csrfField, tok), c, withLang(lang))
		}},
		{"GET /s/callback", "cancelled", 401, func(e *env, lang string) *httptest.ResponseRecorder {
			return e.get("/s/callback?error=access_denied&state=x", withLang(lang))
		}},
		{"POST /s/{link}/email-code", "code sent", 303, func(e *env, lang string) *httptest.ResponseRecorder {
			e.p.Consent(linkA)
			c, tok := e.preLogin(linkA, withLang(lang))
			return e.post(casePath(linkA, "/email-code"), form(csrfField, tok), c, withLang(lang))
		}},
		{"GET /s/{link}/email-code", "code form", 200, func(e *env, lang string) *httptest.ResponseRecorder {
			e.p.Consent(linkA)
			return e.get(casePath(linkA, "/email-code"), withLang(lang))
		}},
		{"POST /s/{link}/email-code/verify", "wrong code", 422, func(e *env, lang string) *httptest.ResponseRecorder {
			e.p.Consent(linkA)
			c, tok := e.preLogin(linkA, withLang(lang))
			return e.post(casePath(linkA, "/email-code/verify"), form(csrfField, tok, "code", "000000"), c, withLang(lang))
		}},
		{"POST /s/lang", "switch", 303, func(e *env, lang string) *httptest.ResponseRecorder {
			c, tok := e.preLogin(linkA, withLang(lang))
			return e.post("/s/lang", form(csrfField, tok, "lang", lang, "next", casePath(linkA, "")), c)
		}},
		{"POST /s/logout", "signed out", 200, signedIn("POST", "/s/logout", none)},
		{"GET /s/{link}/wizard", "resume", 303, signedIn("GET", casePath(linkA, "/wizard"), none)},
		{"POST /s/{link}/wizard/{step}", "invalid date", 422, signedIn("POST", stepPath(linkA, domain.StepEmployment), func(string) []string {
			return []string{"activities.0.kind", "employment", "activities.0.from", "99/99/99"}
		})},
		{"POST /s/{link}/wizard/{step}/upload", "no file", 422, func(e *env, lang string) *httptest.ResponseRecorder {
			sess, csrf := e.signIn(linkA)
			return e.upload(stepPath(linkA, domain.StepIDDocument)+"/upload", []string{csrfField, csrf, "kind", "passport"}, "", nil, sess, withLang(lang))
		}},
		{"GET /s/{link}/documents/{id}", "a document", 200, func(e *env, lang string) *httptest.ResponseRecorder {
			sess, _ := e.signIn(linkA)
			id := e.p.AddDocument(linkA, domain.StepIDDocument, domain.DocPassport, "pas.pdf", "application/pdf", []byte("%PDF-1.7\n"))
			return e.get(casePath(linkA, "/documents/"+id), sess, withLang(lang))
		}},
		{"POST /s/{link}/documents/{id}/delete", "delete", 303, func(e *env, lang string) *httptest.ResponseRecorder {
			sess, csrf := e.signIn(linkA)
			id := e.p.AddDocument(linkA, domain.StepIDDocument, domain.DocPassport, "pas.pdf", "application/pdf", []byte("%PDF-1.7\n"))
			return e.post(casePath(linkA, "/documents/"+id+"/delete"), form(csrfField, csrf), sess, withLang(lang))
		}},
		{"GET /s/{link}/review", "review", 200, signedIn("GET", casePath(linkA, "/review"), none)},
		{"POST /s/{link}/submit", "not confirmed", 422, signedIn("POST", casePath(linkA, "/submit"), none)},
		{"GET /s/{link}/status", "status", 200, signedIn("GET", casePath(linkA, "/status"), none)},
		{"GET /s/{link}/consent/{category}/withdraw", "confirm", 200, signedIn("GET", casePath(linkA, "/consent/cv/withdraw"), none)},
		{"POST /s/{link}/consent/{category}/withdraw", "withdraw", 303, signedIn("POST", casePath(linkA, "/consent/cv/withdraw"), none)},
		{"GET /s/portal.css", "style sheet", 200, func(e *env, lang string) *httptest.ResponseRecorder {
			return e.get(e.s.css.path())
		}},
		{"", "no such page", 404, func(e *env, lang string) *httptest.ResponseRecorder {
			return e.get("/s/a/b/c/d/e/f", withLang(lang))
		}},
		{"", "closed case", 404, func(e *env, lang string) *httptest.ResponseRecorder {
			return e.get(casePath(webtest.PortalLinkClosed, ""), withLang(lang))
		}},
	}
	for _, key := range stepKeys {
		cases = append(cases, pageCase{"GET /s/{link}/wizard/{step}", "step " + key, 200, signedIn("GET", stepPath(linkA, key), none)})
	}
	return cases
}

// TestEveryRouteRendersInBothLanguages requests every route of the table
// in Danish and English and checks that no message is missing.
func TestEveryRouteRendersInBothLanguages(t *testing.T) {
	covered := map[string]bool{}
	for _, pc := range pageCases() {
		covered[pc.route] = true
		for _, lang := range []string{"da", "en"} {
			t.Run(lang+" "+pc.route+" "+pc.name, func(t *testing.T) {
				e := newEnv(t)
				w := pc.do(e, lang)
				wantStatus(t, w, pc.status)
				if w.Code/100 == 3 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
					return
				}
				wantTranslated(t, w)
				wantBody(t, w, `<html lang="`+lang+`">`)
			})
		}
	}
	for _, rt := range Routes() {
		if !covered[rt.Method+" "+rt.Pattern] {
			t.Errorf("route %s %s is not covered by pageCases", rt.Method, rt.Pattern)
		}
	}
}

// TestDomainValuesHaveLabels proves that every domain value the portal
// names has a message.
func TestDomainValuesHaveLabels(t *testing.T) {
	e := newEnv(t)
	var ids []string
	for _, c := range domain.Categories {
		ids = append(ids, categoryPrefix+string(c), categoryWhat+string(c))
	}
	for _, k := range domain.DocumentKinds {
		ids = append(ids, documentPrefix+string(k))
	}
	for _, key := range stepKeys {
		ids = append(ids, stepPrefix+key+".title", stepPrefix+key+".intro")
	}
	for _, s := range domain.CaseStatuses {
		ids = append(ids, caseStatusPrefix+string(s), caseNextPrefix+string(s))
	}
	for _, r := range domain.RetentionProfiles {
		ids = append(ids, retentionPrefix+string(r))
	}
	for _, k := range activityKinds {
		ids = append(ids, activityPrefix+k)
	}
	for _, r := range roleKinds {
		ids = append(ids, rolePrefix+r)
	}
	for list, legend := range rowLegends {
		ids = append(ids, legend, addRowPrefix+list)
	}
	for _, spec := range fieldSpecs {
		ids = append(ids, spec.label)
		if spec.help != "" {
			ids = append(ids, spec.help)
		}
	}
	for _, c := range domain.Categories {
		ids = append(ids, categoryBases(c)...)
	}
	def := domain.PackageDefinition{Categories: []domain.PackageCategory{{Category: domain.CatIdentity}, {Category: domain.CatCV}, {Category: domain.CatCredit}}}
	ids = append(ids, noticeSources(def)...)
	ids = append(ids, noticePrefix+"basis.legitimate", noticePrefix+"basis.aviation")
	for _, id := range ids {
		if !e.cat.Has(id) {
			t.Errorf("no message %s", id)
		}
	}
}

func TestEveryDomainStepIsKnown(t *testing.T) {
	for _, key := range []string{domain.StepPersonal, domain.StepResidence, domain.StepEmployment, domain.StepEducation, domain.StepLicence,
		domain.StepBusinessRoles, domain.StepIDDocument, domain.StepCriminalRecord, domain.StepChildCertificate} {
		found := false
		for _, k := range stepKeys {
			found = found || k == key
		}
		if !found {
			t.Errorf("step %s has no page", key)
		}
	}
}
