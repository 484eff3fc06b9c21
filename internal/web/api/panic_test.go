package api_test

import (
	"context"
	"log/slog"
	"net/http"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web"
)

// panickyCases is the real case service whose Cancel panics.
type panickyCases struct{ domain.CaseService }

func (panickyCases) Cancel(context.Context, string, string) error { panic("cancel breaks") }

func TestPanicIsAProblemAndFreesTheIdempotencyKey(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		svc := services(e.app)
		svc.Cases = panickyCases{svc.Cases}
		h, err := web.New(web.Config{}, svc, slog.New(slog.DiscardHandler))
		must(t, err)
		q := req{method: "POST", path: e.a.path("/api/v1/cases/{id}/cancel"), key: e.a.key, body: `{"reason":"x"}`,
			headers: map[string]string{"Idempotency-Key": "panics"}}
		for range 2 {
			// The second attempt runs again instead of finding the key
			// still reserved.
			checkProblem(t, serve(h, q), http.StatusInternalServerError, "urn:bgcheck:problem:internal")
		}
	})
}
