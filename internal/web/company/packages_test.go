package company

import (
	"net/http"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

func TestPackageList(t *testing.T) {
	e := newEnv(t)
	sess, _ := e.signIn(domain.RoleCaseHandler)
	w := e.get("/packages", sess)
	wantStatus(t, w, http.StatusOK)
	wantBody(t, w, "Standardansættelse", "Betroet stilling (økonomi)", e.text("da", "page.packages.every_months", map[string]any{"N": 12}))
	wantNoBody(t, w, "Gammel pakke", `href="/packages/new"`) // archived hidden; case handlers do not edit packages

	w = e.get("/packages?archived=1", sess)
	wantBody(t, w, "Gammel pakke", e.text("da", "action.hide_archived"))

	owner, _ := e.signIn(domain.RoleOwner)
	wantBody(t, e.get("/packages", owner), `href="/packages/new"`)
}

func TestPackagePageShowsVersionAndOlderVersions(t *testing.T) {
	e := newEnv(t)
	sess, _ := e.signIn(domain.RoleAdmin)
	w := e.get("/packages/"+webtest.PackageID, sess)
	wantStatus(t, w, http.StatusOK)
	wantBody(t, w, "Standardansættelse", e.text("da", "category.education"),
		`href="/packages/pkg-standard/edit"`, `action="/packages/pkg-standard/archive"`, `href="/cases/new?package=pkg-standard"`)

	old := e.get("/packages/"+webtest.ArchivedPackageID+"?version=1", sess)
	wantStatus(t, old, http.StatusOK)
	wantBody(t, old, e.text("da", "page.package.older_version", map[string]any{"Version": 1, "Current": 2}))
	wantNoBody(t, old, "/edit") // an older or archived version cannot be edited

	wantStatus(t, e.get("/packages/"+webtest.PackageID+"?version=9", sess), http.StatusNotFound)
	wantStatus(t, e.get("/packages/no-such", sess), http.StatusNotFound)

	reviewer, _ := e.signIn(domain.RoleReviewer)
	ro := e.get("/packages/"+webtest.PackageID, reviewer)
	wantNoBody(t, ro, "/edit", "/archive", "/cases/new")
}

func TestPackageNewStartsFromATemplate(t *testing.T) {
	e := newEnv(t)
	sess, _ := e.signIn(domain.RoleAdmin)
	chooser := e.get("/packages/new", sess)
	wantStatus(t, chooser, http.StatusOK)
	wantBody(t, chooser, `href="/packages/new?template=trusted_finance"`, `href="/packages/new?template=blank"`,
		e.text("da", "template.child_contact.name"))

	w := e.get("/packages/new?template=trusted_finance", sess)
	wantStatus(t, w, http.StatusOK)
	wantBody(t, w, `value="Betroet stilling (økonomi)"`, `name="template" value="trusted_finance"`,
		`id="f-trusted" name="trusted" value="1" checked`, `id="f-cat-credit" name="cat_credit" value="1" checked`,
		e.text("da", "help.category.credit"), e.text("da", "help.trusted"))
	wantNoBody(t, w, `name="cat_education" value="1" checked`)

	blank := e.get("/packages/new?template=blank", sess)
	wantBody(t, blank, `name="lookback_years" type="number" value="5"`, `value="applicant" checked`)
}

// TestPackageFormErrorsNextToFields submits the proportionality mistakes
// the rules refuse and finds each message beside its own field, with what
// was typed kept.
func TestPackageFormErrorsNextToFields(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleOwner)
	f := form("name", "Lager", "lookback_years", "mange", "recurrence_months", "99", "retention", "applicant",
		"cat_credit", "1", "justification_credit", "Håndterer kontanter.",
		"cat_criminal_record", "1", "justification_criminal_record", " ",
		"justification_education", "Tekst til en kategori uden kryds", csrfField, csrf)
	w := e.post("/packages/new", f, sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w,
		`<p class="field-error" id="f-justification_credit-error">`+e.text("da", "error.credit_needs_trusted_position"),
		`<p class="field-error" id="f-justification_criminal_record-error">`+e.text("da", "error.justification_required"),
		`id="f-lookback_years-error">`+e.text("da", "error.lookback_years"),
		`id="f-recurrence_months-error">`+e.text("da", "error.recurrence_months"),
		"Håndterer kontanter.", "Tekst til en kategori uden kryds", `value="Lager"`)
	if e.f.Calls["Packages.Create"] != 0 {
		t.Fatal("an invalid package reached the service")
	}
	wantTranslated(t, w)

	w = e.post("/packages/new", form("name", "Tom", "lookback_years", "5", "retention", "applicant", csrfField, csrf), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `id="f-categories-error">`+e.text("da", "error.package_no_categories"))
}

func TestPackageCreateEditArchive(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleAdmin)
	f := form("name", "Butikschef", "position", "Butikschef", "trusted", "1", "lookback_years", "5",
		"recurrence_months", "", "retention", "personnel", "template", "not-a-template",
		"cat_identity", "1", "justification_identity", "Sikker identitet.",
		"cat_credit", "1", "justification_credit", "Ansvar for butikkens kasse.", csrfField, csrf)
	f["documents_credit"] = []string{"other", "other"}
	w := e.post("/packages/new", f, sess)
	loc := w.Header().Get("Location")
	if w.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/packages/pkg-") {
		t.Fatalf("got %d to %q:\n%s", w.Code, loc, w.Body.String())
	}
	id := strings.TrimPrefix(loc, "/packages/")
	pkg := e.f.Package(id)
	d := pkg.Definition
	if !d.ParticularlyTrusted || d.RecurrenceMonths != 0 || d.Template != "" || len(d.Categories) != 2 ||
		d.Categories[1].Category != domain.CatCredit || len(d.Categories[1].Documents) != 1 {
		t.Fatalf("definition = %+v", d)
	}

	edit := e.get(loc+"/edit", sess)
	wantBody(t, edit, e.text("da", "page.package_edit.new_version", map[string]any{"Version": 1, "Next": 2}),
		`name="documents_credit" value="other" checked`)
	w = e.post(loc+"/edit", form("name", "Butikschef", "lookback_years", "3", "retention", "personnel",
		"cat_identity", "1", "justification_identity", "Sikker identitet.", csrfField, csrf), sess)
	wantRedirect(t, w, loc)
	if p := e.f.Package(id); p.Version != 2 || p.Definition.LookbackYears != 3 || p.Definition.Has(domain.CatCredit) {
		t.Fatalf("after edit: %+v", p)
	}

	wantRedirect(t, e.post(loc+"/archive", form(csrfField, csrf), sess), loc)
	if e.f.Package(id).ArchivedAt.IsZero() {
		t.Fatal("not archived")
	}
	again := e.post(loc+"/archive", form(csrfField, csrf), sess)
	wantStatus(t, again, http.StatusConflict)
	wantBody(t, again, e.text("da", "error.package_archived"))

	// Editing an archived package is refused with the reason on the form.
	w = e.post(loc+"/edit", form("name", "X", "lookback_years", "3", "retention", "personnel",
		"cat_identity", "1", "justification_identity", "Sikker identitet.", csrfField, csrf), sess)
	wantStatus(t, w, http.StatusConflict)
	wantBody(t, w, e.text("da", "error.package_archived"), `value="X"`)

	wantStatus(t, e.post("/packages/no-such/edit", form(csrfField, csrf), sess), http.StatusNotFound)
	wantStatus(t, e.post("/packages/no-such/archive", form(csrfField, csrf), sess), http.StatusNotFound)
}
