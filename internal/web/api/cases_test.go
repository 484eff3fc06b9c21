package api_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestCaseLifecycleThroughTheAPI(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		e.clock.advance(time.Hour)
		r := e.do(req{method: "POST", path: "/api/v1/cases", key: e.a.key, body: `{"package_id":"` + e.a.pkgID +
			`","subject_name":"Karen Prøvesen","subject_email":"Karen@Example.org","language":"en","employee_number":"HR-4711"}`})
		if r.status != http.StatusCreated {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		c := r.json(t)
		id := c["id"].(string)
		for k, want := range map[string]any{
			"status": "invited", "subject_name": "Karen Prøvesen", "subject_email": "karen@example.org", "language": "en",
			"employee_number": "HR-4711", "package_id": e.a.pkgID, "created_at": "2026-03-02T10:00:00Z", "invited_at": "2026-03-02T10:00:00Z",
			"submitted_at": nil,
		} {
			if c[k] != want {
				t.Errorf("created case %s = %v, want %v", k, c[k], want)
			}
		}
		if c["link_expires_at"] == nil {
			t.Error("no link expiry after the invitation")
		}

		got := e.do(req{method: "GET", path: "/api/v1/cases/" + id, key: e.a.key})
		if got.status != http.StatusOK || got.json(t)["subject_email"] != "karen@example.org" {
			t.Fatalf("get: %d %s", got.status, got.body)
		}

		resent := e.do(req{method: "POST", path: "/api/v1/cases/" + id + "/resend", key: e.a.key})
		if resent.status != http.StatusOK || resent.json(t)["status"] != "invited" {
			t.Fatalf("resend: %d %s", resent.status, resent.body)
		}
		cancelled := e.do(req{method: "POST", path: "/api/v1/cases/" + id + "/cancel", key: e.a.key, body: `{"reason":"Stillingen er besat"}`})
		if cancelled.status != http.StatusOK || cancelled.json(t)["status"] != "cancelled" || cancelled.json(t)["closed_at"] == nil {
			t.Fatalf("cancel: %d %s", cancelled.status, cancelled.body)
		}
		again := e.do(req{method: "POST", path: "/api/v1/cases/" + id + "/cancel", key: e.a.key, body: `{"reason":"igen"}`})
		checkProblem(t, again, http.StatusConflict, "urn:bgcheck:problem:conflict")
		resentClosed := e.do(req{method: "POST", path: "/api/v1/cases/" + id + "/resend", key: e.a.key})
		checkProblem(t, resentClosed, http.StatusConflict, "urn:bgcheck:problem:conflict")

		timeline, err := e.app.Cases().Timeline(e.as(e.a.owner), id)
		must(t, err)
		if last := timeline[len(timeline)-1]; last.Action != "case.cancelled" || last.ActorLabel != "api-key:alfa hr" {
			t.Errorf("timeline ends with %+v", last)
		}
	})
}

func TestCaseListFiltersAndPages(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		// Three more cases an hour apart; the tenant already has two.
		var ids []string
		for _, name := range []string{"En", "To", "Tre"} {
			e.clock.advance(time.Hour)
			r := e.do(req{method: "POST", path: "/api/v1/cases", key: e.a.key, body: `{"package_id":"` + e.a.pkgID +
				`","subject_name":"` + name + ` Person","subject_email":"` + strings.ToLower(name) + `@example.org"}`})
			if r.status != http.StatusCreated {
				t.Fatalf("create: %d %s", r.status, r.body)
			}
			ids = append(ids, r.json(t)["id"].(string))
		}
		must(t, e.app.Cases().Cancel(e.as(e.a.owner), ids[1], "test"))

		list := func(q url.Values) ([]string, string) {
			t.Helper()
			r := e.do(req{method: "GET", path: "/api/v1/cases?" + q.Encode(), key: e.a.key})
			if r.status != http.StatusOK {
				t.Fatalf("list %v: %d %s", q, r.status, r.body)
			}
			body := r.json(t)
			var out []string
			for _, c := range body["data"].([]any) {
				out = append(out, c.(map[string]any)["id"].(string))
			}
			next, _ := body["next"].(string)
			return out, next
		}
		// Newest first, one at a time, following next to the end.
		var all []string
		cursor := ""
		for range 10 {
			q := url.Values{"limit": {"1"}}
			if cursor != "" {
				q.Set("cursor", cursor)
			}
			page, next := list(q)
			all = append(all, page...)
			if cursor = next; cursor == "" {
				break
			}
		}
		if len(all) != 5 || all[0] != ids[2] || all[1] != ids[1] || all[2] != ids[0] {
			t.Fatalf("paged list %v; want 5 newest first starting %v", all, []string{ids[2], ids[1], ids[0]})
		}
		if got, _ := list(url.Values{"status": {"cancelled"}}); len(got) != 1 || got[0] != ids[1] {
			t.Errorf("status filter: %v", got)
		}
		if got, _ := list(url.Values{"status": {"cancelled,invited"}, "order": {"asc"}}); len(got) != 5 || got[4] != ids[2] {
			t.Errorf("two statuses, oldest first: %v", got)
		}
		after := time.Date(2026, 3, 2, 10, 30, 0, 0, time.UTC).Format(time.RFC3339)
		before := time.Date(2026, 3, 2, 11, 30, 0, 0, time.UTC).Format(time.RFC3339)
		if got, _ := list(url.Values{"created_after": {after}, "created_before": {before}}); len(got) != 1 || got[0] != ids[1] {
			t.Errorf("created window: %v", got)
		}
		if got, _ := list(url.Values{"package_id": {e.a.pkgID}}); len(got) != 5 {
			t.Errorf("package filter: %v", got)
		}
		if got, _ := list(url.Values{"package_id": {"no-such-package"}}); len(got) != 0 {
			t.Errorf("unknown package filter: %v", got)
		}
	})
}

func TestFindingsListAndResolve(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		r := e.do(req{method: "GET", path: e.a.path("/api/v1/cases/{id}/findings"), key: e.a.key})
		if r.status != http.StatusOK {
			t.Fatalf("list: %d %s", r.status, r.body)
		}
		body := r.json(t)
		if an := body["analysis"].(map[string]any); an["recommendation"] != "needs_attention" || an["rule_version"] != "test-1" {
			t.Errorf("analysis %v", an)
		}
		f := body["data"].([]any)[0].(map[string]any)
		params := f["params"].(map[string]any)
		if f["key"] != e.a.finding || f["resolution"] != nil || params["from"] != "2024-01-01" {
			t.Errorf("finding %v", f)
		}
		if _, ok := params["cpr"]; ok || strings.Contains(string(r.body), "010190") {
			t.Errorf("a CPR-shaped value reached the response: %s", r.body)
		}

		// A case not analysed yet has no analysis rather than no case.
		r = e.do(req{method: "GET", path: "/api/v1/cases/" + e.a.caseID + "/findings", key: e.a.key})
		if body := r.json(t); r.status != http.StatusOK || body["analysis"] != nil || len(body["data"].([]any)) != 0 {
			t.Errorf("unanalysed case: %d %s", r.status, r.body)
		}

		res := e.do(req{method: "POST", path: e.a.path("/api/v1/cases/{id}/findings/{key}/resolve"), key: e.a.key, body: `{"note":"Barsel, dokumenteret"}`})
		if res.status != http.StatusOK {
			t.Fatalf("resolve: %d %s", res.status, res.body)
		}
		rs := res.json(t)["resolution"].(map[string]any)
		if rs["note"] != "Barsel, dokumenteret" || rs["resolved_by"] != "api-key:alfa hr" || rs["resolved_at"] != "2026-03-02T09:00:00Z" {
			t.Errorf("resolution %v", rs)
		}
		unknown := e.do(req{method: "POST", path: "/api/v1/cases/" + e.a.analysed + "/findings/no-such/resolve", key: e.a.key, body: `{"note":"x"}`})
		checkProblem(t, unknown, http.StatusNotFound, "urn:bgcheck:problem:not-found")
		empty := e.do(req{method: "POST", path: e.a.path("/api/v1/cases/{id}/findings/{key}/resolve"), key: e.a.key, body: `{"note":""}`})
		if p := checkProblem(t, empty, http.StatusUnprocessableEntity, "urn:bgcheck:problem:validation"); fieldsOf(p)[0] != "note" {
			t.Errorf("fields %v", fieldsOf(p))
		}
	})
}
