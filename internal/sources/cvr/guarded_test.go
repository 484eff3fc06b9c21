package cvr

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
)

type auditLog struct {
	mu   sync.Mutex
	recs []sources.Lookup
}

func (a *auditLog) RecordLookup(_ context.Context, l sources.Lookup) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.recs = append(a.recs, l)
	return nil
}

func guardFor(t *testing.T, audit sources.Auditor, timeout time.Duration) *sources.Guard {
	t.Helper()
	g, err := sources.NewGuard(sources.Config{
		Source: rules.SourceCVR, Auditor: audit, Timeout: timeout,
		Cache: sources.NewMemoryCache(0, nil),
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGuardedClientRetriesServerErrors(t *testing.T) {
	f, srv := newFake(t)
	f.addFile(t, "virksomhed.json")
	f.fail = func(n int, w http.ResponseWriter, _ *http.Request) bool {
		if n <= 2 {
			http.Error(w, "busy", http.StatusBadGateway)
			return true
		}
		return false
	}
	audit := &auditLog{}
	reg := Guarded(newTestClient(t, srv, nil), guardFor(t, audit, 5*time.Second))
	ctx := sources.ForCase(context.Background(), "case-7")
	for range 2 {
		co, err := reg.CompanyByNumber(ctx, "41000028")
		if err != nil || co.Name != "Kattegat Transport ApS" {
			t.Fatalf("CompanyByNumber = %+v, %v", co, err)
		}
	}
	if len(f.log()) != 3 {
		t.Errorf("%d requests, want 3 (two failures, one answer, then the cache)", len(f.log()))
	}
	first, second := audit.recs[0], audit.recs[1]
	if first.Attempts != 3 || first.Outcome != sources.OutcomeOK || first.Detail != "cvr 41000028" || first.Kind != KindCompanyByNumber {
		t.Errorf("first lookup = %+v", first)
	}
	if !second.Cached || second.CaseID != "case-7" {
		t.Errorf("second lookup = %+v", second)
	}
}

func TestGuardedClientTimesOutASlowRegister(t *testing.T) {
	f, srv := newFake(t)
	f.fail = func(_ int, _ http.ResponseWriter, r *http.Request) bool {
		<-r.Context().Done() // never answers; the client gives up
		return true
	}
	audit := &auditLog{}
	reg := Guarded(newTestClient(t, srv, nil), guardFor(t, audit, 20*time.Millisecond))
	_, err := reg.PersonRoles(context.Background(), lars)
	if !sources.IsUnavailable(err) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want an unavailable timeout", err)
	}
	if l := audit.recs[0]; l.Attempts != sources.DefaultAttempts || l.Outcome != sources.OutcomeUnavailable || l.Detail != "" {
		t.Errorf("lookup = %+v", l)
	}
}

func TestGuardedAuditsNoPersonalData(t *testing.T) {
	f, srv := newFake(t)
	f.addFile(t, "deltager_lars.json")
	audit := &auditLog{}
	reg := Guarded(newTestClient(t, srv, nil), guardFor(t, audit, time.Second))
	_, _ = reg.PersonRoles(context.Background(), lars)
	_, _ = reg.CompaniesByName(context.Background(), "Mette Eksempel Grafisk")
	for _, l := range audit.recs {
		if l.Detail != "" {
			t.Errorf("%s audited with detail %q", l.Kind, l.Detail)
		}
	}
}
