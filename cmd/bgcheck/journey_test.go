package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/mitid/devprovider"
)

// The people of the screening journey: a case handler of the demo
// organisation and the subject, who signs in as the test MitID identity
// with the same name.
const (
	handlerEmail = "handler@demo.bgcheck.test"
	subjectEmail = "karen.provesen@mail.bgcheck.test"
	subjectKey   = "karen" // the test identity's button on the MitID login page
)

// What the subject declares.
const (
	subjectAddress  = "Prøvevej 12, 2. tv."
	subjectPostcode = "2100"
	subjectCity     = "København Ø"
	licenceNumber   = "31415926"
)

// afterSubmission are the statuses a case may have once submitted: the
// analysis of a submitted case starts at once and may finish before a page
// shows the status.
var afterSubmission = []domain.CaseStatus{domain.CaseSubmitted, domain.CaseAnalysing, domain.CaseReadyForReview}

// statusLabels returns the labels, by message id prefix, of statuses.
func statusLabels(da func(string, map[string]any) string, prefix string, statuses []domain.CaseStatus) []string {
	out := make([]string, 0, len(statuses))
	for _, s := range statuses {
		out = append(out, da(prefix+string(s), nil))
	}
	return out
}

// TestBrowserScreeningJourney walks one background check in a real
// browser. A case handler starts a case with the driver package; the
// subject opens the e-mailed link on a phone, reads the privacy notice,
// consents, signs in with the test MitID and fills the first step; closes
// the browser, comes back through the same link, finds the answers kept,
// fills the rest, uploads pictures of an ID document and a driving
// licence and submits. The handler then sees the submission and opens a
// document. Every portal page must fit the phone's width.
func TestBrowserScreeningJourney(t *testing.T) {
	began := time.Now()
	browser := newBrowser(t)
	demo := startDemo(t)
	t.Logf("browser and demo started in %s", time.Since(began).Round(time.Millisecond))
	cat, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	da := func(id string, data map[string]any) string { return cat.T("da", id, data) }
	karen := testIdentity(t, subjectKey)
	driver := packageTemplate(t, "driver")

	phase := time.Now()
	handler := newTab(t, browser, demo.URL, "handler", false)
	handler.open("/login", `main form[action="/login"]`)
	secret, _ := handler.signInFirstTime(handlerEmail, DemoPassword, da)
	caseID := handler.createCase(driver.Name, karen.Name, da)
	t.Logf("handler signed in and created the case in %s", time.Since(phase).Round(time.Millisecond))

	phase = time.Now()
	phone, closePhone := newPhone(t, browser, demo.URL, "subject's phone")
	link := phone.mailLink(subjectEmail, "/s/")
	if !strings.HasPrefix(link, demo.URL+"/s/") {
		t.Fatalf("case link %q does not point at the demo's portal at %s", link, demo.URL)
	}
	phone.readNoticeAndConsent(link, len(driver.Categories), da)
	phone.signInWithMitID(subjectKey, "#f-personal-address")
	phone.checkFits("the personal step")
	phone.fillPersonal()
	phone.do("save the personal step", chromedp.Click(chromedp.CSS(`.wizard-actions button[value="next"]`)), visible("#f-licence-number"))
	t.Logf("subject consented, signed in and saved the first step in %s", time.Since(phase).Round(time.Millisecond))
	closePhone()

	phase = time.Now()
	phone, _ = newPhone(t, browser, demo.URL, "subject's phone, reopened")
	phone.resume(link, len(driver.Categories), da)
	licencePNG, licenceBytes := writePNG(t, "koerekort.png", 40)
	passportPNG, passportBytes := writePNG(t, "pas.png", 200)
	phone.fillLicence(da)
	phone.upload("driving licence", string(domain.DocDrivingLicence), licencePNG, da)
	phone.screenshot("portal-phone.png")
	phone.do("go on to the ID document", chromedp.Click(chromedp.CSS(`.wizard-actions button[value="next"]`)),
		visible(`nav.progress li.current a[href$="/wizard/id_document"]`))
	phone.checkFits("the ID document step")
	phone.upload("ID document", string(domain.DocPassport), passportPNG, da)
	phone.reviewAndSubmit([]string{"koerekort.png", "pas.png"}, da)
	t.Logf("subject resumed, uploaded two documents and submitted in %s", time.Since(phase).Round(time.Millisecond))

	phase = time.Now()
	handler.checkSubmission(caseID, karen, da)
	handler.checkDocuments(map[string][]byte{"koerekort.png": licenceBytes, "pas.png": passportBytes})
	if got := handler.mailLink(handlerEmail, "/cases/"+caseID); got != demo.URL+"/cases/"+caseID {
		t.Errorf("the handler was told of the submission with the link %q, want the case", got)
	}
	t.Logf("handler read the submission and opened the documents in %s", time.Since(phase).Round(time.Millisecond))

	if code := demo.stop(t); code != 0 {
		t.Fatalf("demo exited with %d after cancellation, want 0\nstderr:\n%s", code, demo.stderr)
	}
	token := link[strings.LastIndex(link, "/")+1:]
	checkDemoLog(t, demo.stderr.String(), DemoPassword, secret, karen.CPR, token)
	t.Logf("whole journey took %s", time.Since(began).Round(time.Millisecond))
}

// testIdentity returns the test MitID identity with key.
func testIdentity(t *testing.T, key string) devprovider.Identity {
	t.Helper()
	ids := devprovider.Identities()
	i := slices.IndexFunc(ids, func(id devprovider.Identity) bool { return id.Key == key })
	if i < 0 || ids[i].CPR == "" {
		t.Fatalf("no test identity %q with a CPR number", key)
	}
	return ids[i]
}

// packageTemplate returns the built-in package template named template,
// which every new organisation has a copy of.
func packageTemplate(t *testing.T, template string) domain.PackageDefinition {
	t.Helper()
	i := slices.IndexFunc(domain.PackageTemplates, func(d domain.PackageDefinition) bool { return d.Template == template })
	if i < 0 {
		t.Fatalf("no package template %q", template)
	}
	d := domain.PackageTemplates[i]
	for _, c := range []domain.Category{domain.CatIdentity, domain.CatIDDocument, domain.CatDrivingLicence} {
		if !d.Has(c) {
			t.Fatalf("package template %q has no %s category", template, c)
		}
	}
	return d
}
