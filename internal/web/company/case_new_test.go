package company

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

func TestCaseNewValidationErrorsNextToFields(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleCaseHandler)
	page := e.get("/cases/new?package="+webtest.PackageID, sess)
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, `<option value="`+webtest.PackageID+`" selected>`, `value="da" checked`)
	wantNoBody(t, page, webtest.ArchivedPackageID) // archived packages cannot start a case

	w := e.post("/cases/new", form("package", "", "name", "<b>Mette</b>", "email", "mette@", "phone", "12", "language", "fr", csrfField, csrf), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w,
		`id="f-package-error">`+e.text("da", "error.required"),
		`id="f-name-error">`+e.text("da", "error.name"),
		`id="f-email-error">`+e.text("da", "error.email"),
		`id="f-phone-error">`+e.text("da", "error.phone"),
		`id="f-language-error">`+e.text("da", "error.invalid"),
		`value="&lt;b&gt;Mette&lt;/b&gt;"`, `aria-describedby="f-email-help f-email-error"`)
	wantNoBody(t, w, "<b>Mette</b>")
	if e.f.Calls["Cases.Create"] != 0 {
		t.Fatal("invalid input reached the service")
	}
	wantTranslated(t, w)

	// A package the service does not know (e.g. archived meanwhile).
	w = e.post("/cases/new", form("package", webtest.ArchivedPackageID, "name", "Mette", "email", "m@example.dk", csrfField, csrf), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `id="f-package-error">`+e.text("da", "error.package_unknown"))
}

// TestCaseCreateCarriesWarningsToTheCasePage creates a second open case
// for the same e-mail: it is made, and the warning is shown once on the
// new case's page.
func TestCaseCreateCarriesWarningsToTheCasePage(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleCaseHandler)
	w := e.post("/cases/new", form("package", webtest.PackageID, "name", " Mette Hansen ", "email", "Mette.Hansen@Example.dk",
		"employee_number", "1042", "language", "en", csrfField, csrf), sess)
	loc := w.Header().Get("Location")
	if w.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/cases/case-") {
		t.Fatalf("got %d to %q:\n%s", w.Code, loc, w.Body.String())
	}
	c := e.f.Case(strings.TrimPrefix(loc, "/cases/"))
	if c.SubjectName != "Mette Hansen" || c.SubjectEmail != webtest.CaseEmail || c.Language != "en" {
		t.Fatalf("case = %+v", c)
	}
	flash, warn := findCookie(w, flashCookie), findCookie(w, warnCookie)
	if flash == nil || flash.Value != "flash.case_created" || warn == nil || warn.Value != webtest.WarnOpenCase {
		t.Fatalf("flash %+v, warnings %+v", flash, warn)
	}
	page := e.get(loc, sess, withCookie(flashCookie, flash.Value), withCookie(warnCookie, warn.Value))
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, e.text("da", "flash.case_created"), e.text("da", "warning.open_case_same_email"))
	if c := findCookie(page, warnCookie); c == nil || c.MaxAge >= 0 {
		t.Fatalf("warnings not cleared: %+v", c)
	}

	// Only catalogue ids are shown from the cookie.
	forged := e.get(loc, sess, withCookie(warnCookie, "warning.open_case_same_email|<script>alert(1)</script>|error.internal"))
	wantBody(t, forged, e.text("da", "warning.open_case_same_email"), e.text("da", "error.internal"))
	wantNoBody(t, forged, "alert(1)")
}

// multipartForm builds a multipart body with fields and one file.
func multipartForm(t *testing.T, fields map[string]string, file string) (*bytes.Buffer, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if file != "" {
		fw, err := mw.CreateFormFile("file", "kandidater.csv")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write([]byte(file)); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &b, mw.FormDataContentType()
}

func (e *env) upload(target string, fields map[string]string, file string, opts ...opt) *httptest.ResponseRecorder {
	e.t.Helper()
	body, ct := multipartForm(e.t, fields, file)
	r := httptest.NewRequest(http.MethodPost, target, body)
	r.Header.Set("Content-Type", ct)
	for _, o := range opts {
		o(r)
	}
	w := httptest.NewRecorder()
	e.s.ServeHTTP(w, r)
	return w
}

func TestCaseBulkReport(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleAdmin)
	page := e.get("/cases/bulk", sess)
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, `enctype="multipart/form-data"`, "<code>employee_number</code>", e.text("da", "help.csv_language"))

	csv := "name,email,phone,position,department,employee_number,language\n" +
		"Anna Smith,anna@example.com,,Security officer,Terminal 2,E-1,en\n" +
		"Uden Adresse,,,,,,da\n" +
		"Mette Igen,mette.hansen@example.dk,123,,,,da\n" +
		"Mette Hansen,mette.hansen@example.dk,,,,,da\n"
	w := e.upload("/cases/bulk", map[string]string{"package": webtest.PackageID, csrfField: csrf}, csv, sess)
	wantStatus(t, w, http.StatusOK)
	body := w.Body.String()
	wantBody(t, w, e.text("da", "page.case_bulk.report_summary", map[string]any{"Created": 2, "Failed": 2}),
		e.text("da", "field.email")+": "+e.text("da", "error.required"),
		e.text("da", "field.phone")+": "+e.text("da", "error.phone"),
		e.text("da", "warning.open_case_same_email"))
	if n := strings.Count(body, `<a href="/cases/case-`); n != 2 {
		t.Fatalf("%d links to created cases:\n%s", n, body)
	}
	for _, line := range []string{`data-label="Linje">2<`, `data-label="Linje">3<`, `data-label="Linje">4<`, `data-label="Linje">5<`} {
		if !strings.Contains(body, line) {
			t.Fatalf("report lacks %s", line)
		}
	}
	wantTranslated(t, w)

	w = e.upload("/cases/bulk", map[string]string{"package": webtest.PackageID, csrfField: csrf}, "navn;mail\nA;b\n", sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `id="f-file-error">`+e.text("da", "error.csv_header"))

	w = e.upload("/cases/bulk", map[string]string{csrfField: csrf}, "", sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `id="f-package-error">`+e.text("da", "error.required"), `id="f-file-error">`+e.text("da", "error.csv_file_required"))
	if e.f.Calls["Cases.CreateBulk"] != 2 {
		t.Fatalf("calls = %v", e.f.Calls)
	}
}
