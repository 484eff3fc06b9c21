package portal

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func TestWizardResumesAtTheFirstStepNotDone(t *testing.T) {
	e := newEnv(t)
	sess, _ := e.signIn(linkA)
	wantRedirect(t, e.get(casePath(linkA, "/wizard"), sess), stepPath(linkA, domain.StepPersonal))
	e.p.SetData(linkA, domain.WizardData{Done: []string{domain.StepPersonal, domain.StepResidence}})
	wantRedirect(t, e.get(casePath(linkA, "/wizard"), sess), stepPath(linkA, domain.StepEmployment))
	e.p.MarkDone(linkA)
	wantRedirect(t, e.get(casePath(linkA, "/wizard"), sess), casePath(linkA, "/review"))
}

func TestStepPageShowsProgress(t *testing.T) {
	e := newEnv(t)
	sess, _ := e.signIn(linkA)
	e.p.SetData(linkA, domain.WizardData{Done: []string{domain.StepPersonal}})
	w := e.get(stepPath(linkA, domain.StepEducation), sess)
	wantStatus(t, w, http.StatusOK)
	wantBody(t, w, `href="`+stepPath(linkA, domain.StepEducation)+`" aria-current="step"`,
		e.text("da", "page.portal.progress.count", map[string]any{"N": 4, "Total": 9}),
		`<li class="done"><a href="`+stepPath(linkA, domain.StepPersonal)+`">`)
	if strings.Count(w.Body.String(), `aria-current="step"`) != 1 {
		t.Fatal("more than one current step")
	}
	wantStatus(t, e.get(stepPath(linkA, "no_such_step"), sess), http.StatusNotFound)
}

// TestFieldErrorsSitNextToTheirRow posts four rows of which the second is
// blank; blank rows are dropped, so the service's "activities.2.from"
// concerns the fourth row posted, which is shown as the third.
func TestFieldErrorsSitNextToTheirRow(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(linkA)
	w := e.post(stepPath(linkA, domain.StepEmployment), form(csrfField, csrf,
		"activities.0.kind", "employment", "activities.0.employer", "Første ApS", "activities.0.from", "01/01/20", "activities.0.to", "31/12/20",
		"activities.1.kind", "", "activities.1.employer", "",
		"activities.2.kind", "employment", "activities.2.employer", "Anden A/S", "activities.2.from", "01/01/21",
		"activities.3.kind", "leave", "activities.3.note", "Barsel", "activities.3.from", "31/02/22",
	), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	body := w.Body.String()
	msg := e.text("da", "error.portal.date")
	row := section(t, body, "r-activities-2", "</fieldset>")
	for _, want := range []string{msg, `>Barsel</textarea>`, `id="f-activities-2-from-error"`,
		`aria-invalid="true" aria-describedby="f-activities-2-from-help f-activities-2-from-error"`} {
		if !strings.Contains(row, want) {
			t.Fatalf("row 3 lacks %q:\n%s", want, row)
		}
	}
	for _, other := range []string{"r-activities-0", "r-activities-1"} {
		if strings.Contains(section(t, body, other, "</fieldset>"), msg) {
			t.Fatalf("%s shows the error of another row", other)
		}
	}
	summary := section(t, body, "error-summary-title", "</div>")
	if !strings.Contains(summary, `href="#f-activities-2-from"`) || !strings.Contains(summary, e.text("da", "page.portal.row.activities", map[string]any{"N": 3})) {
		t.Fatalf("summary:\n%s", summary)
	}
	if e.p.Data(linkA).Activities != nil {
		t.Fatal("an invalid step was saved")
	}
}

func TestStepButtonsSayWhatComesNext(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(linkA)
	step := stepPath(linkA, domain.StepResidence)
	row := []string{csrfField, csrf, "blank", "1", "residences.0.country", "dk", "residences.0.from", "01/01/15"}
	wantRedirect(t, e.post(step, form(row...), sess), stepPath(linkA, domain.StepEmployment))
	if got := e.p.Data(linkA).Residences; len(got) != 1 || got[0].Country != "DK" {
		t.Fatalf("saved %+v", got)
	}
	wantRedirect(t, e.post(step, form(append(row, "action", "add_row")...), sess), step+"?blank=2#r-residences-1")
	w := e.get(step+"?blank=2", sess)
	wantBody(t, w, `id="r-residences-2"`)
	wantNoBody(t, w, `id="r-residences-3"`)
	wantRedirect(t, e.post(step, form(append(row, "action", "later")...), sess), casePath(linkA, "/status"))
	wantRedirect(t, e.post(step, form(append(row, "action", "save")...), sess), step+"#documents")
	// A hostile "blank" asks for no more rows than the page allows.
	w = e.get(step+"?blank=100000", sess)
	if n := strings.Count(w.Body.String(), `class="row"`); n != 1+maxBlank {
		t.Fatalf("%d rows shown", n)
	}
}

func TestWarningsAreShownWithAWayOn(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(linkA)
	e.p.Warnings = []string{"warning.activity_overlap", "warning.unknown_to_the_catalogue"}
	step := stepPath(linkA, domain.StepEmployment)
	w := e.post(step, form(csrfField, csrf, "activities.0.kind", "employment", "activities.0.employer", "X", "activities.0.from", "01/01/20"), sess)
	wantRedirect(t, w, step+"#notes")
	warn := findCookie(w, warnCookie)
	w = e.get(step, sess, withCookie(warn.Name, warn.Value))
	wantBody(t, w, `id="notes"`, e.text("da", "warning.activity_overlap"), e.text("da", "page.portal.warning.check"),
		`href="`+stepPath(linkA, domain.StepEducation)+`"`)
}

func TestTooManyRowsAreRefusedBeforeTheService(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(linkA)
	f := form(csrfField, csrf)
	for i := range maxRows + 1 {
		f.Set("residences."+strconv.Itoa(i)+".country", "DK")
	}
	w := e.post(stepPath(linkA, domain.StepResidence), f, sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, e.text("da", "error.portal.too_many_rows"), `href="#f-residences"`)
	w = e.post(stepPath(linkA, domain.StepResidence), form(csrfField, csrf, "residences.99999.country", "DK"), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	if e.p.Calls["Portal.SaveStep"] != 0 {
		t.Fatal("the service was asked to save a hostile form")
	}
}

func TestEveryStepSavesItsPart(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(linkA)
	post := func(step string, kv ...string) {
		t.Helper()
		w := e.post(stepPath(linkA, step), form(append([]string{csrfField, csrf}, kv...)...), sess)
		if w.Code != http.StatusSeeOther {
			t.Fatalf("%s: status %d\n%s", step, w.Code, w.Body.String())
		}
	}
	post(domain.StepPersonal, "personal.address", "Vej 1", "personal.postcode", "2770", "personal.city", "Kastrup", "personal.country", "DK", "personal.citizenship", "se")
	post(domain.StepEducation, "educations.0.institution", "DTU", "educations.0.programme", "Civilingeniør", "educations.0.from", "01/09/10", "educations.0.to", "30/06/15", "educations.0.completed", "yes")
	post(domain.StepLicence, "licence.source", "app", "licence.number", "123", "licence.categories", "B", "licence.categories", "C", "licence.categories", "X9",
		"licence.issued", "01/01/10", "licence.expires", "01/01/30", "licence.expiry.C", "15/03/27", "licence.expiry.CE", "")
	post(domain.StepBusinessRoles, "no_roles", "yes")
	post(domain.StepIDDocument)
	d := e.p.Data(linkA)
	if d.Personal.Citizenship != "SE" || d.Personal.City != "Kastrup" {
		t.Fatalf("personal %+v", d.Personal)
	}
	if len(d.Educations) != 1 || !d.Educations[0].Completed {
		t.Fatalf("educations %+v", d.Educations)
	}
	if strings.Join(d.Licence.Categories, ",") != "B,C" || d.Licence.Source != "app" || len(d.Licence.CategoryExpiry) != 1 || d.Licence.CategoryExpiry["C"] != "15/03/27" {
		t.Fatalf("licence %+v", d.Licence)
	}
	if !d.NoRoles || len(d.Done) != 5 {
		t.Fatalf("data %+v", d)
	}
	// Saved answers come back in the form.
	w := e.get(stepPath(linkA, domain.StepLicence), sess)
	wantBody(t, w, `name="licence.categories" value="B" checked`, `name="licence.categories" value="C" checked`, `value="01/01/30"`,
		`<details class="licence-short" open>`, `name="licence.expiry.C" type="text" class="date" autocomplete="off" maxlength="10"`, `value="15/03/27"`,
		e.text("da", "field.portal.licence_category_expiry", map[string]any{"Category": "CE"}), `<option value="app" selected>`)
	wantNoBody(t, w, `value="A" checked`)
	wantBody(t, e.get(stepPath(linkA, domain.StepPersonal), sess), `<option value="SE" selected>`)
}

func TestBareFieldKeysOfThePersonalStep(t *testing.T) {
	if got := normalField("address", "personal"); got != "personal.address" {
		t.Fatal(got)
	}
	if got := normalField("activities[2].from", ""); got != "activities.2.from" {
		t.Fatal(got)
	}
	if got := normalField("consent_cv", ""); got != "consent.cv" {
		t.Fatal(got)
	}
}

// TestCVOpensWithSuggestedRows shows the CV step filled from an uploaded
// income extract with a notice saying where the rows come from; once a CV
// is saved the notice is gone.
func TestCVOpensWithSuggestedRows(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(linkA)
	w := e.get(stepPath(linkA, domain.StepEmployment), sess)
	wantBody(t, w, e.text("da", "help.portal.income_upload"))
	wantNoBody(t, w, `id="cv-suggested"`)
	e.p.SuggestCV(linkA, domain.DocIncomeExtract, []domain.Activity{{Kind: domain.ActivityEmployment, Employer: "Kattegat Transport ApS", CVR: "41000028", Country: "DK", From: "01/05/2025"}})
	w = e.get(stepPath(linkA, domain.StepEmployment), sess)
	wantBody(t, w, `id="cv-suggested"`, e.text("da", "page.portal.cv_suggested", map[string]any{"Document": e.text("da", documentPrefix+"income_extract")}),
		`value="Kattegat Transport ApS"`, `value="41000028"`, `value="01/05/2025"`)
	w = e.post(stepPath(linkA, domain.StepEmployment), form(csrfField, csrf, "activities.0.kind", "employment", "activities.0.employer", "Eget Firma ApS", "activities.0.from", "01/01/15"), sess)
	wantStatus(t, w, http.StatusSeeOther)
	w = e.get(stepPath(linkA, domain.StepEmployment), sess)
	wantNoBody(t, w, `id="cv-suggested"`, "Kattegat")
	wantBody(t, w, `value="Eget Firma ApS"`)
}
