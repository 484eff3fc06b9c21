package portal

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

var versionInput = regexp.MustCompile(`name="text_version" value="([^"]+)"`)

// answerAll returns a consent form answering yes to every category of
// case A except those in no, which are answered no, and leaving out those
// in skip.
func (e *env) answerAll(token, version string, no, skip []domain.Category) []string {
	pc, _ := e.p.Open(e.t.Context(), linkA)
	f := []string{csrfField, token, "text_version", version}
	for _, c := range pc.Definition.Categories {
		switch {
		case contains(skip, c.Category):
		case contains(no, c.Category):
			f = append(f, consentPrefix+string(c.Category), "no")
		default:
			f = append(f, consentPrefix+string(c.Category), "yes")
		}
	}
	return f
}

func contains(cs []domain.Category, c domain.Category) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func shownVersion(t *testing.T, body string) string {
	t.Helper()
	m := versionInput.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no text_version in the form")
	}
	return m[1]
}

func TestConsentRecordsEveryAnswerWithTheShownVersion(t *testing.T) {
	e := newEnv(t)
	cookie, tok := e.preLogin(linkA)
	version := shownVersion(t, e.get(casePath(linkA, "")).Body.String())
	if !regexp.MustCompile(`^v1-[0-9a-f]{12}$`).MatchString(version) {
		t.Fatalf("version %q", version)
	}
	w := e.post(casePath(linkA, "/consent"), form(e.answerAll(tok, version, []domain.Category{domain.CatCredit}, nil)...), cookie)
	wantRedirect(t, w, casePath(linkA, "#signin"))
	if e.p.LastTextVersion != version {
		t.Fatalf("stored version %q, shown %q", e.p.LastTextVersion, version)
	}
	if e.p.LastGiven[domain.CatCredit] || !e.p.LastGiven[domain.CatCriminalRecord] || len(e.p.LastGiven) != len(domain.Categories) {
		t.Fatalf("given = %v", e.p.LastGiven)
	}
	// Now the page offers sign-in and shows the answers.
	flash := findCookie(w, flashCookie)
	w = e.get(casePath(linkA, ""), cookie, withCookie(flash.Name, flash.Value))
	wantBody(t, w, `action="/s/`+linkA+`/login"`, e.text("da", "flash.portal.consent_saved"))
	wantNoBody(t, w, `name="text_version"`)
}

func TestConsentNeedsAnAnswerPerCategory(t *testing.T) {
	e := newEnv(t)
	cookie, tok := e.preLogin(linkA)
	version := shownVersion(t, e.get(casePath(linkA, "")).Body.String())
	skip := []domain.Category{domain.CatCV}
	w := e.post(casePath(linkA, "/consent"), form(e.answerAll(tok, version, nil, skip)...), cookie)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	if e.p.Calls["Portal.GiveConsents"] != 0 {
		t.Fatal("GiveConsents called with an unanswered category")
	}
	body := w.Body.String()
	msg := e.text("da", "error.portal.consent_choose")
	wantBody(t, w, `href="#f-consent-cv"`, `id="f-consent-cv-error"`, `aria-describedby="f-consent-cv-error"`)
	// The message sits in the CV category's fieldset, not in another.
	cv := body[strings.Index(body, `name="consent.cv"`)-1500 : strings.Index(body, `name="consent.cv"`)]
	if !strings.Contains(cv, msg) {
		t.Fatalf("the CV question lacks its error:\n%s", cv)
	}
	if strings.Count(body, `class="field-error"`) != 1 {
		t.Fatalf("want exactly one field error:\n%s", body)
	}
	// The other answers are kept.
	wantBody(t, w, `name="consent.identity" value="yes" checked`)
}

func TestConsentRefusesAStaleVersion(t *testing.T) {
	e := newEnv(t)
	cookie, tok := e.preLogin(linkA)
	w := e.post(casePath(linkA, "/consent"), form(e.answerAll(tok, "v1-000000000000", nil, nil)...), cookie)
	wantStatus(t, w, http.StatusConflict)
	wantBody(t, w, e.text("da", "error.portal.consent_changed"))
	if e.p.Calls["Portal.GiveConsents"] != 0 {
		t.Fatal("consent stored under a version that was not shown")
	}
}

func TestConsentVersionIsStableAndFollowsTheWording(t *testing.T) {
	e := newEnv(t)
	pc, _ := e.p.Open(t.Context(), linkA)
	da1 := newConsentView(e.cat.Localizer("da"), pc).Version
	da2 := newConsentView(e.cat.Localizer("da"), pc).Version
	en := newConsentView(e.cat.Localizer("en"), pc).Version
	if da1 != da2 {
		t.Fatalf("same wording, versions %s and %s", da1, da2)
	}
	if da1 == en {
		t.Fatal("Danish and English wording share a version")
	}
	pc.Definition.Categories[0].Justification += " Og mere."
	if newConsentView(e.cat.Localizer("da"), pc).Version == da1 {
		t.Fatal("a changed justification kept the version")
	}
	// Answers already given do not change the wording.
	e.p.Consent(linkA)
	answered, _ := e.p.Open(t.Context(), linkA)
	if newConsentView(e.cat.Localizer("da"), answered).Version != da1 {
		t.Fatal("answers changed the version")
	}
}

func TestSignInWaitsForConsent(t *testing.T) {
	e := newEnv(t)
	cookie, tok := e.preLogin(linkA)
	wantRedirect(t, e.post(casePath(linkA, "/login"), form(csrfField, tok), cookie), casePath(linkA, ""))
	wantRedirect(t, e.post(casePath(linkA, "/email-code"), form(csrfField, tok), cookie), casePath(linkA, ""))
	if e.p.Calls["Portal.BeginLogin"]+e.p.Calls["Portal.SendEmailCode"] != 0 {
		t.Fatal("sign-in started before consent")
	}
	wantNoBody(t, e.get(casePath(linkA, ""), cookie), `action="/s/`+linkA+`/login"`)
}
