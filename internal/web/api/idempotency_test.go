package api_test

import (
	"bytes"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func (e *env) caseCount(tn *tenant) int {
	e.t.Helper()
	page, err := e.app.Cases().List(e.as(tn.owner), domain.CaseFilter{Limit: 200})
	must(e.t, err)
	return len(page.Cases)
}

func TestIdempotencyKeyReplaysTheFirstResponse(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		body := `{"package_id":"` + e.a.pkgID + `","subject_name":"Ida Ny","subject_email":"ida@example.org"}`
		create := func(key, body string) response {
			return e.do(req{method: "POST", path: "/api/v1/cases", key: e.a.key, body: body, headers: map[string]string{"Idempotency-Key": key}})
		}
		first := create("k-1", body)
		if first.status != http.StatusCreated || first.header.Get("Idempotent-Replayed") != "" {
			t.Fatalf("first: %d %v %s", first.status, first.header, first.body)
		}
		e.clock.advance(time.Hour)
		again := create("k-1", body)
		if again.status != first.status || !bytes.Equal(again.body, first.body) || again.header.Get("Idempotent-Replayed") != "true" ||
			again.header.Get("Content-Type") != first.header.Get("Content-Type") {
			t.Fatalf("replay: %d %v\n%s\nwant\n%s", again.status, again.header, again.body, first.body)
		}
		if n := e.caseCount(e.a); n != 3 {
			t.Fatalf("%d cases after a replay, want 3", n)
		}

		// The same key with another body or path is a client bug.
		other := create("k-1", `{"package_id":"`+e.a.pkgID+`","subject_name":"Bo Anden","subject_email":"bo@example.org"}`)
		checkProblem(t, other, http.StatusUnprocessableEntity, "urn:bgcheck:problem:idempotency-key-reused")
		elsewhere := e.do(req{method: "POST", path: e.a.path("/api/v1/cases/{id}/resend"), key: e.a.key, headers: map[string]string{"Idempotency-Key": "k-1"}})
		checkProblem(t, elsewhere, http.StatusUnprocessableEntity, "urn:bgcheck:problem:idempotency-key-reused")

		// Keys are per API key: another key of the same organisation may
		// use the same value for its own request.
		second := e.keyWith(e.a, domain.ScopeCasesWrite)
		r := e.do(req{method: "POST", path: e.a.path("/api/v1/cases/{id}/resend"), key: second, headers: map[string]string{"Idempotency-Key": "k-1"}})
		if r.status != http.StatusOK || r.header.Get("Idempotent-Replayed") != "" {
			t.Fatalf("other API key, same idempotency key: %d %s", r.status, r.body)
		}

		// Refusals are answers too, and replayed as such.
		bad := create("k-2", `{"subject_name":"Uden Pakke"}`)
		checkProblem(t, bad, http.StatusUnprocessableEntity, "urn:bgcheck:problem:validation")
		if badAgain := create("k-2", `{"subject_name":"Uden Pakke"}`); !bytes.Equal(badAgain.body, bad.body) || badAgain.header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("validation refusal not replayed: %s", badAgain.body)
		}

		// After 24 hours the key is forgotten.
		e.clock.advance(24 * time.Hour)
		if late := create("k-1", body); late.status != http.StatusCreated || late.header.Get("Idempotent-Replayed") != "" || bytes.Equal(late.body, first.body) {
			t.Fatalf("after expiry: %d %v %s", late.status, late.header, late.body)
		}
		if n := e.caseCount(e.a); n != 4 {
			t.Fatalf("%d cases after the key expired and was reused, want 4", n)
		}
	})
}

func TestConcurrentDuplicatesRunOnce(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		body := `{"package_id":"` + e.a.pkgID + `","subject_name":"Samtidig Person","subject_email":"samtidig@example.org"}`
		const n = 8
		var wg sync.WaitGroup
		results := make([]response, n)
		for i := range n {
			wg.Go(func() {
				results[i] = e.do(req{method: "POST", path: "/api/v1/cases", key: e.a.key, body: body, headers: map[string]string{"Idempotency-Key": "same"}})
			})
		}
		wg.Wait()
		created := 0
		for _, r := range results {
			switch {
			case r.status == http.StatusCreated && r.header.Get("Idempotent-Replayed") == "":
				created++
			case r.status == http.StatusCreated:
			case r.status == http.StatusConflict:
				checkProblem(t, r, http.StatusConflict, "urn:bgcheck:problem:idempotency-key-in-use")
				if r.header.Get("Retry-After") == "" {
					t.Error("409 without Retry-After")
				}
			default:
				t.Errorf("unexpected answer %d %s", r.status, r.body)
			}
		}
		if created != 1 || e.caseCount(e.a) != 3 {
			t.Fatalf("%d requests created a case, %d cases in all; want exactly one new", created, e.caseCount(e.a))
		}
	})
}
