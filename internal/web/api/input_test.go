package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func TestBadInputIsRefusedWithProblems(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		create := func(body string) req {
			return req{method: "POST", path: "/api/v1/cases", key: e.a.key, body: body}
		}
		valid := `"package_id":"` + e.a.pkgID + `","subject_name":"Ny Person","subject_email":"ny@example.org"`
		for _, tc := range []struct {
			name   string
			q      req
			status int
			typ    string
			fields []string
		}{
			{"unknown field", create(`{` + valid + `,"cpr":"0101901234"}`), 400, "malformed-request", []string{"cpr"}},
			{"wrong type", create(`{"package_id":1}`), 400, "malformed-request", []string{"package_id"}},
			{"malformed JSON", create(`{"package_id":`), 400, "malformed-request", []string{"body"}},
			{"two objects", create(`{` + valid + `} {}`), 400, "malformed-request", []string{"body"}},
			{"not JSON", func() req { q := create(`name=x`); q.contentType = "application/x-www-form-urlencoded"; return q }(), 415, "unsupported-media-type", nil},
			{"body without content type", func() req { q := create(`{}`); q.contentType = "-"; return q }(), 415, "unsupported-media-type", nil},
			{"validation", create(`{"subject_email":"not-an-address","language":"sv"}`), 422, "validation", []string{"language", "package_id", "subject_email", "subject_name"}},
			{"unknown query parameter", req{method: "GET", path: "/api/v1/cases?stauts=invited", key: e.a.key}, 400, "malformed-request", []string{"stauts"}},
			{"unknown status", req{method: "GET", path: "/api/v1/cases?status=done", key: e.a.key}, 400, "malformed-request", []string{"status"}},
			{"bad time", req{method: "GET", path: "/api/v1/cases?created_after=yesterday", key: e.a.key}, 400, "malformed-request", []string{"created_after"}},
			{"limit too large", req{method: "GET", path: "/api/v1/cases?limit=1000", key: e.a.key}, 400, "malformed-request", []string{"limit"}},
			{"forged cursor", req{method: "GET", path: "/api/v1/cases?cursor=bm9wZQ", key: e.a.key}, 400, "malformed-request", []string{"cursor"}},
			{"empty cancel reason", req{method: "POST", path: e.a.path("/api/v1/cases/{id}/cancel"), key: e.a.key, body: `{"reason":" "}`}, 422, "validation", []string{"reason"}},
			{"bad idempotency key", func() req {
				q := create(`{` + valid + `}`)
				q.headers = map[string]string{"Idempotency-Key": "has space"}
				return q
			}(), 400, "malformed-request", []string{"Idempotency-Key"}},
			{"unknown route", req{method: "GET", path: "/api/v1/nothing", key: e.a.key}, 404, "not-found", nil},
			{"unknown route without key", req{method: "GET", path: "/api/v2/cases"}, 404, "not-found", nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p := checkProblem(t, e.do(tc.q), tc.status, "urn:bgcheck:problem:"+tc.typ)
				got := fieldsOf(p)
				slices.Sort(got)
				if !slices.Equal(got, tc.fields) {
					t.Errorf("fields %v, want %v (%v)", got, tc.fields, p)
				}
			})
		}
		page, err := e.app.Cases().List(e.as(e.a.owner), domain.CaseFilter{})
		must(t, err)
		if len(page.Cases) != 2 {
			t.Errorf("refused requests created cases: %d", len(page.Cases))
		}
	})
}

func TestWrongMethodIs405WithAllow(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		r := e.do(req{method: "DELETE", path: e.a.path("/api/v1/cases/{id}"), key: e.a.key})
		checkProblem(t, r, http.StatusMethodNotAllowed, "urn:bgcheck:problem:method-not-allowed")
		if allow := r.header.Get("Allow"); !strings.Contains(allow, "GET") {
			t.Errorf("Allow %q", allow)
		}
	})
}

func TestOversizedBodyIs413(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		big := `{"subject_name":"` + strings.Repeat("x", 1<<20) + `"}`
		r := e.do(req{method: "POST", path: "/api/v1/cases", key: e.a.key, body: big})
		checkProblem(t, r, http.StatusRequestEntityTooLarge, "urn:bgcheck:problem:payload-too-large")
		// Without a declared length the limit holds while reading.
		r2 := serveChunked(e.h, "/api/v1/cases", e.a.key, big)
		checkProblem(t, r2, http.StatusRequestEntityTooLarge, "urn:bgcheck:problem:payload-too-large")
	})
}

func TestAPIGetsNoCompanySessionMachinery(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		// A cross-origin POST with a key and no CSRF token is an API call,
		// not a forged form; no cookie is set and no page is served.
		r := e.do(req{method: "POST", path: e.a.path("/api/v1/cases/{id}/resend"), key: e.a.key,
			headers: map[string]string{"Origin": "https://elsewhere.example", "Sec-Fetch-Site": "cross-site"}})
		if r.status != http.StatusOK || r.header.Get("Set-Cookie") != "" || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
			t.Fatalf("status %d, cookie %q, type %q: %s", r.status, r.header.Get("Set-Cookie"), r.header.Get("Content-Type"), r.body)
		}
		if r.header.Get("X-Request-Id") == "" {
			t.Error("no request id: the server's middleware did not run")
		}
	})
}
