package api_test

import (
	"net/http"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/web/api"
)

func TestRateLimitPerKeyIs429WithRetryAfter(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		cat, err := i18n.New()
		must(t, err)
		srv, err := api.New(api.Config{Rate: rate.Every(10 * time.Second), Burst: 2, Now: e.clock.now}, api.Deps{
			APIKeys: e.app.APIKeys(), Idempotency: e.app.Idempotency(), Packages: e.app.Packages(), Cases: e.app.Cases(), Cat: cat,
		})
		must(t, err)
		get := func(key string) response { return serve(srv, req{method: "GET", path: "/api/v1/packages", key: key}) }
		for i := range 2 {
			if r := get(e.a.key); r.status != http.StatusOK {
				t.Fatalf("request %d within the burst: %d %s", i+1, r.status, r.body)
			}
		}
		r := get(e.a.key)
		checkProblem(t, r, http.StatusTooManyRequests, "urn:bgcheck:problem:rate-limited")
		if got := r.header.Get("Retry-After"); got != "10" {
			t.Errorf("Retry-After %q, want 10", got)
		}
		// Another key has its own budget.
		if r := get(e.b.key); r.status != http.StatusOK {
			t.Fatalf("other key limited too: %d", r.status)
		}
		e.clock.advance(5 * time.Second)
		if r := get(e.a.key); r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") != "5" {
			t.Fatalf("half-way: %d, Retry-After %q", r.status, r.header.Get("Retry-After"))
		}
		e.clock.advance(5 * time.Second)
		if r := get(e.a.key); r.status != http.StatusOK {
			t.Fatalf("after waiting Retry-After: %d %s", r.status, r.body)
		}
	})
}
