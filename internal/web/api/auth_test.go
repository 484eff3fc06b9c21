package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func TestAuthenticationFailuresAre401Problems(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		revoked := e.keyWith(e.a, domain.ScopeCasesRead)
		id := strings.Split(revoked, "_")[1]
		must(t, e.app.Operator().RevokeAPIKey(context.Background(), e.a.org.ID, id))
		// The right id with another secret, and a key of B with A's id.
		wrongSecret := "bgk_" + e.a.keyID + "_" + strings.Repeat("0", 64)
		for _, tc := range []struct{ name, header string }{
			{"no header", ""},
			{"basic scheme", "Basic " + e.a.key},
			{"not a bgcheck key", "Bearer abc"},
			{"wrong secret", "Bearer " + wrongSecret},
			{"unknown id", "Bearer bgk_00000000-0000-0000-0000-000000000000_" + strings.Repeat("a", 64)},
			{"revoked key", "Bearer " + revoked},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := e.do(req{method: "GET", path: "/api/v1/cases", headers: map[string]string{"Authorization": tc.header}})
				checkProblem(t, r, http.StatusUnauthorized, "urn:bgcheck:problem:unauthorized")
				if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
				}
			})
		}
	})
}

func TestMissingScopeIs403(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		readOnly := e.keyWith(e.a, domain.ScopeCasesRead)
		if r := e.do(req{method: "GET", path: "/api/v1/cases", key: readOnly}); r.status != http.StatusOK {
			t.Fatalf("cases:read key listing cases: %d %s", r.status, r.body)
		}
		for _, q := range []req{
			{method: "POST", path: "/api/v1/cases", body: `{}`},
			{method: "GET", path: "/api/v1/packages"},
			{method: "GET", path: e.a.path("/api/v1/cases/{id}/findings")},
			{method: "POST", path: e.a.path("/api/v1/cases/{id}/cancel"), body: `{"reason":"x"}`},
		} {
			q.key = readOnly
			r := e.do(q)
			p := checkProblem(t, r, http.StatusForbidden, "urn:bgcheck:problem:forbidden")
			if !strings.Contains(p["detail"].(string), ":") {
				t.Errorf("%s %s: detail %q does not name the scope", q.method, q.path, p["detail"])
			}
		}
		// Nothing was done by the refused POSTs.
		c, err := e.app.Cases().Get(e.as(e.a.owner), e.a.caseID)
		if err != nil || c.Status != domain.CaseInvited {
			t.Fatalf("case after refused cancel: %+v %v", c, err)
		}
	})
}

func TestKeyActsAsItselfInTheAuditLog(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		r := e.do(req{method: "GET", path: e.a.path("/api/v1/cases/{id}"), key: e.a.key})
		if r.status != http.StatusOK {
			t.Fatalf("get: %d %s", r.status, r.body)
		}
		entries, err := e.app.Audit().List(e.as(e.a.owner), domain.AuditFilter{Action: "case.read"})
		must(t, err)
		if len(entries) == 0 || entries[0].ActorType != domain.ActorAPIKey || entries[0].ActorID != e.a.keyID || entries[0].ActorLabel != "api-key:alfa hr" {
			t.Fatalf("audit entry of the read: %+v", entries)
		}
	})
}

func TestLastUsedIsRecordedAtMostOncePerMinute(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		lastUsed := func() time.Time {
			keys, err := e.app.Operator().APIKeys(context.Background(), e.a.org.ID)
			must(t, err)
			for _, k := range keys {
				if k.ID == e.a.keyID {
					return k.LastUsedAt
				}
			}
			t.Fatal("key not listed")
			return time.Time{}
		}
		if !lastUsed().IsZero() {
			t.Fatal("a new key has a last-used time")
		}
		get := func() {
			if r := e.do(req{method: "GET", path: "/api/v1/packages", key: e.a.key}); r.status != http.StatusOK {
				t.Fatalf("%d %s", r.status, r.body)
			}
		}
		get()
		first := lastUsed()
		if !first.Equal(e.clock.now()) {
			t.Fatalf("last used %v, want %v", first, e.clock.now())
		}
		e.clock.advance(30 * time.Second)
		get()
		if got := lastUsed(); !got.Equal(first) {
			t.Errorf("last used moved to %v within a minute", got)
		}
		e.clock.advance(31 * time.Second)
		get()
		if got := lastUsed(); !got.Equal(e.clock.now()) {
			t.Errorf("last used %v after a minute, want %v", got, e.clock.now())
		}
	})
}
