package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/api"
)

// validBodies are well-formed requests for each POST route, so that a
// refusal can only come from tenancy.
var validBodies = map[string]string{
	"/api/v1/cases":                             `{"package_id":"%PKG%","subject_name":"Ny Person","subject_email":"ny@example.org"}`,
	"/api/v1/cases/{id}/cancel":                 `{"reason":"Stillingen er besat"}`,
	"/api/v1/cases/{id}/resend":                 ``,
	"/api/v1/cases/{id}/findings/{key}/resolve": `{"note":"Barsel, dokumenteret"}`,
}

// TestKeyOfOneOrganisationNeverReachesAnother requests every route of the
// table with organisation A's key against organisation B's ids and checks
// that B's data is neither shown nor changed.
func TestKeyOfOneOrganisationNeverReachesAnother(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		for _, rt := range api.Routes() {
			t.Run(rt.Method+" "+rt.Pattern, func(t *testing.T) {
				q := req{method: rt.Method, path: e.b.path(rt.Pattern), key: e.a.key}
				if rt.Method == http.MethodPost {
					body, ok := validBodies[rt.Pattern]
					if !ok {
						t.Fatalf("no valid body for %s: add one", rt.Pattern)
					}
					q.body = strings.ReplaceAll(body, "%PKG%", e.b.pkgID)
				}
				r := e.do(q)
				switch {
				case rt.Scope == api.Public:
					if r.status != http.StatusOK {
						t.Fatalf("public route: %d", r.status)
					}
				case rt.Pattern == "/api/v1/cases" && rt.Method == http.MethodPost:
					// B's package is not one A can use.
					p := checkProblem(t, r, http.StatusUnprocessableEntity, "urn:bgcheck:problem:validation")
					if f := fieldsOf(p); len(f) != 1 || f[0] != "package_id" {
						t.Fatalf("fields %v, want package_id", f)
					}
				case !strings.Contains(rt.Pattern, "{"):
					// A list: answered, but without anything of B.
					if r.status != http.StatusOK {
						t.Fatalf("list: %d %s", r.status, r.body)
					}
					for _, id := range []string{e.b.pkgID, e.b.caseID, e.b.analysed, "beta"} {
						if strings.Contains(string(r.body), id) {
							t.Fatalf("A's list shows %q of B: %s", id, r.body)
						}
					}
				default:
					checkProblem(t, r, http.StatusNotFound, "urn:bgcheck:problem:not-found")
				}
			})
		}
		// With B's package as a filter, A's list is empty rather than B's.
		r := e.do(req{method: "GET", path: "/api/v1/cases?package_id=" + e.b.pkgID, key: e.a.key})
		if d := r.json(t)["data"].([]any); r.status != http.StatusOK || len(d) != 0 {
			t.Fatalf("filter by B's package: %d %s", r.status, r.body)
		}
		// B's data is as it was.
		bctx := e.as(e.b.owner)
		c, err := e.app.Cases().Get(bctx, e.b.caseID)
		must(t, err)
		if c.Status != domain.CaseInvited {
			t.Errorf("B's case is %s", c.Status)
		}
		an, err := e.app.Cases().Analysis(bctx, e.b.analysed)
		must(t, err)
		if an.Findings[0].Resolution != nil {
			t.Errorf("B's finding was resolved: %+v", an.Findings[0].Resolution)
		}
		page, err := e.app.Cases().List(bctx, domain.CaseFilter{})
		must(t, err)
		if len(page.Cases) != 2 {
			t.Errorf("B has %d cases, want its 2", len(page.Cases))
		}
	})
}
