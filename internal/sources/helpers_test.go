package sources

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// recorder is an Auditor that keeps every record and can be told to fail.
type recorder struct {
	mu   sync.Mutex
	recs []Lookup
	fail error
}

func (r *recorder) RecordLookup(_ context.Context, l Lookup) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return r.fail
	}
	r.recs = append(r.recs, l)
	return nil
}

func (r *recorder) last(t *testing.T) Lookup {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.recs) == 0 {
		t.Fatal("no lookup recorded")
	}
	return r.recs[len(r.recs)-1]
}

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)} }

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// sleeps records requested waits instead of waiting.
type sleeps struct {
	mu sync.Mutex
	ds []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ds = append(s.ds, d)
	return ctx.Err()
}

type fixture struct {
	g     *Guard
	audit *recorder
	clk   *clock
	slept *sleeps
	cache *MemoryCache
}

func newFixture(t *testing.T, mod func(*Config)) *fixture {
	t.Helper()
	f := &fixture{audit: &recorder{}, clk: newClock(), slept: &sleeps{}}
	f.cache = NewMemoryCache(0, f.clk.now)
	cfg := Config{
		Source:  rules.SourceCVR,
		Auditor: f.audit,
		Backoff: Backoff{Base: 100 * time.Millisecond, Max: 5 * time.Second, Rand: func() float64 { return 0.5 }},
		Cache:   f.cache,
		Now:     f.clk.now,
		Sleep:   f.slept.sleep,
	}
	if mod != nil {
		mod(&cfg)
	}
	g, err := NewGuard(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.g = g
	return f
}

// script returns a call that answers with errs in turn, then "ok", and
// counts its calls.
func script(calls *int, errs ...error) func(context.Context) (string, error) {
	return func(context.Context) (string, error) {
		*calls++
		if *calls <= len(errs) && errs[*calls-1] != nil {
			return "", errs[*calls-1]
		}
		return "ok", nil
	}
}

var (
	errDown = Unavailable(rules.SourceCVR, errors.New("503"))
	errNone = NotFound(rules.SourceCVR, errors.New("no such company"))
	errBad  = Invalid(rules.SourceCVR, errors.New("bad number"))
)

var q = Query{Kind: "company_by_number", Key: "12345678", Detail: "cvr 12345678"}
