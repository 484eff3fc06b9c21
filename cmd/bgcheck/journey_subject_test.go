package main

import (
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// The subject's steps in the portal, on a phone. Each step checks that the
// page it lands on fits the screen.

// readNoticeAndConsent opens the case link, checks that the privacy notice
// names the organisation and the supervisory authority, and answers yes
// to each of the n consent questions.
func (b *tab) readNoticeAndConsent(link string, n int, da func(string, map[string]any) string) {
	b.t.Helper()
	b.do("open the case link", chromedp.Navigate(link), visible("section.notice"))
	b.checkFits("the privacy notice")
	org := map[string]any{"Org": demoOrg.Name}
	if got, want := b.text("main h1"), da("page.portal.landing.heading", org); got != want {
		b.t.Errorf("%s: landing page heading %q, want %q", b.name, got, want)
	}
	facts := b.texts("section.notice dl.facts dd")
	for _, want := range []string{demoOrg.Name, demoOrg.CVR, demoOrg.DPOEmail} {
		if !slices.Contains(facts, want) {
			b.t.Errorf("%s: the privacy notice does not state %q; its facts are %q", b.name, want, facts)
		}
	}
	if notice := b.text("section.notice"); !strings.Contains(notice, "Datatilsynet") {
		b.t.Errorf("%s: the privacy notice does not name Datatilsynet:\n%s", b.name, notice)
	}
	yes := value(b, "find the consent questions", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('section.consent fieldset.consent-item input[value="yes"]'), e => e.id)`))
	if len(yes) != n {
		b.t.Fatalf("%s: %d consent questions %q, want one for each of the package's %d categories", b.name, len(yes), yes, n)
	}
	var steps []chromedp.Action[chromedp.Void]
	for _, id := range yes {
		steps = append(steps, chromedp.Click(chromedp.ID(id)))
	}
	steps = append(steps, chromedp.Click(chromedp.CSS(`section.consent form button[type="submit"]`)), visible("section.signin button.mitid"))
	b.do("consent to every category", steps...)
	if got, want := b.text("main .flash"), da("flash.portal.consent_saved", nil); got != want {
		b.t.Errorf("%s: after consenting the flash says %q, want %q", b.name, got, want)
	}
	b.checkAnswers(n, da)
	b.checkFits("the landing page after consent")
}

// checkAnswers checks that the landing page shows n consent answers, all
// yes.
func (b *tab) checkAnswers(n int, da func(string, map[string]any) string) {
	b.t.Helper()
	answers := b.texts("section.consent ul.answers li")
	yes := da("page.portal.consent.answer_yes", nil)
	if len(answers) != n || slices.ContainsFunc(answers, func(a string) bool { return !strings.HasSuffix(a, yes) }) {
		b.t.Errorf("%s: consent answers %q, want %d answered %q", b.name, answers, n, yes)
	}
}

// signInWithMitID signs in from the landing page as the test identity
// key and waits until the element ready is visible.
func (b *tab) signInWithMitID(key, ready string) {
	b.t.Helper()
	b.do("go to MitID", chromedp.Click(chromedp.CSS("section.signin button.mitid")), visible("#identity-"+key))
	b.do("sign in at the test MitID as "+key, chromedp.Click(chromedp.ID("identity-"+key)), visible(ready))
}

// fillPersonal fills in the personal step.
func (b *tab) fillPersonal() {
	b.t.Helper()
	b.do("fill in the address",
		fill("f-personal-address", subjectAddress, "f-personal-postcode", subjectPostcode, "f-personal-city", subjectCity),
		chromedp.SetValue(chromedp.ID("f-personal-country"), "DK"),
		chromedp.SetValue(chromedp.ID("f-personal-citizenship"), "DK"))
}

// resume comes back through the case link in a browser without a
// session, checks that the n consent answers are kept, signs in again and
// checks that the wizard goes on where the subject left off, with the
// personal step's answers kept.
func (b *tab) resume(link string, n int, da func(string, map[string]any) string) {
	b.t.Helper()
	b.do("open the case link again", chromedp.Navigate(link), visible("section.signin button.mitid"))
	b.checkFits("the landing page on return")
	if value(b, "look for a way on without sign-in", chromedp.Evaluate[bool](`document.querySelector('main p.actions a.button') !== null`)) {
		b.t.Errorf("%s: a fresh browser is offered to go on without signing in", b.name)
	}
	b.checkAnswers(n, da)
	b.signInWithMitID(subjectKey, "#f-licence-number")
	if p := b.path(); !strings.HasSuffix(p, "/wizard/licence") {
		b.t.Errorf("%s: after signing in again the wizard is at %s, want the licence step", b.name, p)
	}
	b.checkFits("the licence step")
	if !value(b, "read the progress", chromedp.Evaluate[bool](`document.querySelector('nav.progress li.done a[href$="/wizard/personal"]') !== null`)) {
		b.t.Errorf("%s: the progress does not show the personal step as done", b.name)
	}
	b.do("look back at the personal step", chromedp.Click(chromedp.CSS(`nav.progress a[href$="/wizard/personal"]`)), visible("#f-personal-address"))
	b.checkFits("the personal step on return")
	got := value(b, "read the personal step", chromedp.Evaluate[map[string]string](`({
		address: document.getElementById("f-personal-address").value,
		postcode: document.getElementById("f-personal-postcode").value,
		city: document.getElementById("f-personal-city").value,
		country: document.getElementById("f-personal-country").value,
		citizenship: document.getElementById("f-personal-citizenship").value,
	})`))
	want := map[string]string{"address": subjectAddress, "postcode": subjectPostcode, "city": subjectCity, "country": "DK", "citizenship": "DK"}
	for k, v := range want {
		if got[k] != v {
			b.t.Errorf("%s: after resuming the personal step's %s is %q, want %q", b.name, k, got[k], v)
		}
	}
	b.do("go on to the licence step", chromedp.Click(chromedp.CSS(`nav.progress a[href$="/wizard/licence"]`)), visible("#f-licence-number"))
}

// fillLicence fills in the licence step and saves it before uploading, as
// the page asks.
func (b *tab) fillLicence(da func(string, map[string]any) string) {
	b.t.Helper()
	b.do("fill in the licence",
		fill("f-licence-number", licenceNumber, "f-licence-issued", "15/03/2015", "f-licence-expires", "15/03/2030"),
		chromedp.Click(chromedp.ID("f-licence-cat-B")),
		chromedp.Click(chromedp.CSS(`#documents button[form="wizard-form"][value="save"]`)),
		visible("main .flash"))
	if got, want := b.text("main .flash"), da("flash.portal.saved", nil); got != want {
		b.t.Errorf("%s: after saving the licence the flash says %q, want %q", b.name, got, want)
	}
	if got := value(b, "read the licence number", chromedp.Value(chromedp.ID("f-licence-number"))); got != licenceNumber {
		b.t.Errorf("%s: after saving the licence number is %q, want %q", b.name, got, licenceNumber)
	}
	b.checkFits("the saved licence step")
}

// upload uploads the picture at path as a document of kind on the open
// step and checks that it is listed with a preview.
func (b *tab) upload(what, kind, path string, da func(string, map[string]any) string) {
	b.t.Helper()
	b.do("upload the "+what,
		chromedp.SetValue(chromedp.ID("f-kind"), kind),
		chromedp.SetUploadFiles(chromedp.ID("f-file"), []string{path}),
		chromedp.Click(chromedp.CSS(`form.upload button[type="submit"]`)),
		visible("#documents .doc-list .doc"))
	if got, want := b.text("main .flash"), da("flash.portal.uploaded", nil); got != want {
		b.t.Errorf("%s: after uploading the %s the flash says %q, want %q", b.name, what, got, want)
	}
	if names := b.texts("#documents .doc-list .doc-info a"); !slices.Contains(names, filepath.Base(path)) {
		b.t.Errorf("%s: the uploaded %s is not listed; the list shows %q", b.name, what, names)
	}
	b.do("wait for the preview of the "+what, chromedp.Poll[chromedp.Void](
		`(() => { const i = document.querySelector("#documents img.preview"); return i && i.complete && i.naturalWidth > 0; })()`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout)))
	b.checkFits("the step with the " + what)
}

// reviewAndSubmit goes from the last step to the review, checks what it
// shows and submits.
func (b *tab) reviewAndSubmit(docs []string, da func(string, map[string]any) string) {
	b.t.Helper()
	b.do("go on to the review", chromedp.Click(chromedp.CSS(`.wizard-actions button[value="next"]`)), visible(`main form[action$="/submit"]`))
	b.checkFits("the review")
	review := b.text("main")
	for _, want := range append([]string{subjectAddress, subjectPostcode + " " + subjectCity, licenceNumber}, docs...) {
		if !strings.Contains(review, want) {
			b.t.Errorf("%s: the review does not show %q:\n%s", b.name, want, review)
		}
	}
	if n := len(b.texts("main .warning-text")); n > 0 {
		b.t.Errorf("%s: the review says %d steps are not done:\n%s", b.name, n, review)
	}
	b.do("submit", chromedp.Click(chromedp.ID("f-confirm")), chromedp.Click(chromedp.CSS(`main form[action$="/submit"] button[type="submit"]`)), visible(".status-box"))
	if got, want := b.text(".status-now"), statusLabels(da, "page.portal.case_status.", afterSubmission); !slices.Contains(want, got) {
		b.t.Errorf("%s: after submitting the status is %q, want one of %q", b.name, got, want)
	}
	if got, want := b.text(".status-box .help"), da("page.portal.status.submitted_at", map[string]any{"Time": ""}); !strings.HasPrefix(got, strings.TrimSuffix(want, ".")) {
		b.t.Errorf("%s: the status page says %q, want when it was sent (%q)", b.name, got, want)
	}
	if p := b.path(); !strings.HasSuffix(p, "/status") {
		b.t.Errorf("%s: after submitting the page is %s, want the status page", b.name, p)
	}
	b.checkFits("the status page")
}
