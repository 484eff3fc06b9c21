package company

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

var nextLink = regexp.MustCompile(`<a href="([^"]+)">` + "Næste side")

// TestCaseListKeepsFiltersAcrossPages opens a filtered list longer than a
// page and follows "next page": the service sees the same filter with the
// cursor it handed out, and the page offers the way back to the start.
func TestCaseListKeepsFiltersAcrossPages(t *testing.T) {
	e := newEnv(t)
	e.s.cfg.Location = time.UTC
	e.f.AddCases(70)
	sess, _ := e.signIn(domain.RoleAdmin)
	first := "/cases?status=invited&status=in_progress&package=" + webtest.PackageID +
		"&created_from=2026-01-01&created_to=2026-12-31&sort=updated&dir=asc"
	w := e.get(first, sess)
	wantStatus(t, w, http.StatusOK)
	f := e.f.LastCaseFilter
	wantFrom := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	wantTo := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
	if !slices.Equal(f.Status, []domain.CaseStatus{domain.CaseInvited, domain.CaseInProgress}) || f.PackageID != webtest.PackageID ||
		!f.CreatedFrom.Equal(wantFrom) || !f.CreatedTo.Equal(wantTo) || f.Sort != "updated" || f.Desc || f.After != "" || f.Limit != casesPerPage {
		t.Fatalf("filter = %+v", f)
	}
	wantBody(t, w, `value="invited" checked`, `value="in_progress" checked`, `<option value="updated" selected>`)

	m := nextLink.FindStringSubmatch(w.Body.String())
	if m == nil {
		t.Fatalf("no next-page link:\n%s", w.Body.String())
	}
	next := html.UnescapeString(m[1])
	u, err := url.Parse(next)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if q.Get("after") == "" || q.Get("package") != webtest.PackageID || q.Get("sort") != "updated" || q.Get("dir") != "asc" ||
		q.Get("created_from") != "2026-01-01" || len(q["status"]) != 2 {
		t.Fatalf("next link lost the filter: %s", next)
	}

	w = e.get(next, sess)
	wantStatus(t, w, http.StatusOK)
	g := e.f.LastCaseFilter
	if g.After != q.Get("after") || g.PackageID != f.PackageID || g.Sort != f.Sort || g.Desc != f.Desc ||
		!slices.Equal(g.Status, f.Status) || !g.CreatedFrom.Equal(f.CreatedFrom) || !g.CreatedTo.Equal(f.CreatedTo) {
		t.Fatalf("second page filter = %+v", g)
	}
	wantBody(t, w, e.text("da", "action.first_page"))
	if nextLink.MatchString(w.Body.String()) {
		t.Fatal("the last page links to a next page")
	}
}

func TestCaseListDefaultsAndBadValues(t *testing.T) {
	e := newEnv(t)
	sess, _ := e.signIn(domain.RoleReviewer)
	w := e.get("/cases?status=nonsense&sort=drop+table&dir=sideways&q=++Mette++", sess)
	wantStatus(t, w, http.StatusOK)
	f := e.f.LastCaseFilter
	if len(f.Status) != 0 || f.Sort != "created" || !f.Desc || f.Query != "Mette" {
		t.Fatalf("filter = %+v", f)
	}
	wantBody(t, w, `href="/cases/`+webtest.CaseID+`"`, "Mette Hansen", e.text("da", "status.case.invited"))
	wantNoBody(t, w, `href="/cases/new"`) // reviewers do not create cases

	w = e.get("/cases?created_from=01-02-2026&submitted_from=2026-03-05&submitted_to=2026-03-01", sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `id="f-created_from-error">`+e.text("da", "error.date"), `id="f-submitted_to-error">`+e.text("da", "error.date_range"))
	if e.f.Calls["Cases.List"] != 1 {
		t.Fatalf("a list with unreadable dates was asked for: %v", e.f.Calls)
	}
}

func TestCaseListSearchIsWholeWords(t *testing.T) {
	e := newEnv(t)
	sess, _ := e.signIn(domain.RoleCaseHandler)
	wantBody(t, e.get("/cases?q=hansen", sess), "Mette Hansen")
	wantNoBody(t, e.get("/cases?q=hans", sess), "Mette Hansen")
	wantBody(t, e.get("/cases?q="+url.QueryEscape(webtest.CaseEmail), sess), "Mette Hansen")
}

// TestCaseListHandlerChoices: who can be filtered on depends on who the
// signed-in user may see.
func TestCaseListHandlerChoices(t *testing.T) {
	e := newEnv(t)
	admin, _ := e.signIn(domain.RoleAdmin)
	w := e.get("/cases", admin)
	wantBody(t, w, `<option value="user-case_handler"`, `<option value="user-reviewer"`)
	wantNoBody(t, w, `<option value="user-auditor"`, `<option value="user-dpo"`)

	handler, _ := e.signIn(domain.RoleCaseHandler)
	w = e.get("/cases?handler=user-case_handler", handler)
	wantBody(t, w, `<option value="user-case_handler" selected>`+e.text("da", "page.cases.me", map[string]any{"Name": "Test case_handler"}))
	wantNoBody(t, w, `<option value="user-admin"`)
	if e.f.Calls["Users.List"] != 1 {
		t.Fatalf("a case handler's page read the user list: %v", e.f.Calls)
	}
	if e.f.LastCaseFilter.HandlerID != "user-case_handler" {
		t.Fatalf("filter = %+v", e.f.LastCaseFilter)
	}
}

func TestCaseListIsHTMXFriendly(t *testing.T) {
	e := newEnv(t)
	sess, _ := e.signIn(domain.RoleAdmin)
	w := e.get("/cases?status=invited", sess, withHeader("HX-Request", "true"))
	wantStatus(t, w, http.StatusOK)
	wantBody(t, w, `id="cases-results"`, `hx-select="#cases-results"`)
}

func TestDashboardSummarisesCases(t *testing.T) {
	e := newEnv(t)
	sess, _ := e.signIn(domain.RoleCaseHandler)
	w := e.get("/", sess)
	wantStatus(t, w, http.StatusOK)
	wantBody(t, w, `<a href="/cases?status=invited"><span class="count">1</span> `+e.text("da", "status.case.invited"),
		`href="/cases?status=cancelled"`, `href="/cases/new"`, e.text("da", "page.dashboard.cases_intro", map[string]any{"Total": 2}))
	wantNoBody(t, w, `href="/cases?status=draft"`) // statuses without cases are left out

	auditor, _ := e.signIn(domain.RoleAuditor)
	w = e.get("/", auditor)
	wantBody(t, w, `href="/cases"`)
	wantNoBody(t, w, `href="/cases/new"`)

	dpo, _ := e.signIn(domain.RoleDPO)
	calls := e.f.Calls["Cases.Counts"]
	w = e.get("/", dpo)
	wantStatus(t, w, http.StatusOK)
	wantNoBody(t, w, `id="cases-heading"`)
	if e.f.Calls["Cases.Counts"] != calls {
		t.Fatal("cases were counted for a role that does not see them")
	}
}
