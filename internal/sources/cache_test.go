package sources

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestCallAnswersARepeatFromTheCasesCache(t *testing.T) {
	f := newFixture(t, nil)
	ctx := ForCase(context.Background(), "case-1")
	calls := 0
	for range 2 {
		if v, err := Call(ctx, f.g, q, script(&calls)); err != nil || v != "ok" {
			t.Fatalf("Call = %q, %v", v, err)
		}
	}
	if calls != 1 {
		t.Errorf("register called %d times, want 1", calls)
	}
	if l := f.audit.last(t); !l.Cached || l.Attempts != 0 || l.Outcome != OutcomeOK {
		t.Errorf("repeat recorded as %+v", l)
	}
}

func TestCallCachesPerCaseAndQuestion(t *testing.T) {
	f := newFixture(t, nil)
	calls := 0
	ask := func(caseID string, q Query) {
		t.Helper()
		if _, err := Call(ForCase(context.Background(), caseID), f.g, q, script(&calls)); err != nil {
			t.Fatal(err)
		}
	}
	ask("case-1", q)
	ask("case-2", q)
	ask("case-1", Query{Kind: q.Kind, Key: "87654321"})
	ask("case-1", Query{Kind: "companies_by_name", Key: q.Key})
	ask("", q)
	ask("", q)
	if calls != 6 {
		t.Errorf("register called %d times, want 6 (no answer shared across cases, questions or without a case)", calls)
	}
}

func TestCallRefreshAsksAgainAndReplacesTheAnswer(t *testing.T) {
	f := newFixture(t, nil)
	ctx := ForCase(context.Background(), "case-1")
	answer := "old"
	fn := func(context.Context) (string, error) { return answer, nil }
	if _, err := Call(ctx, f.g, q, fn); err != nil {
		t.Fatal(err)
	}
	answer = "new"
	if v, _ := Call(Refresh(ctx), f.g, q, fn); v != "new" {
		t.Fatalf("refresh returned %q", v)
	}
	if f.audit.last(t).Cached {
		t.Error("refresh recorded as cached")
	}
	answer = "newer"
	if v, _ := Call(ctx, f.g, q, fn); v != "new" {
		t.Errorf("after refresh the cache holds %q, want new", v)
	}
}

func TestCallCachesNotFoundButNotInvalidOrUnavailable(t *testing.T) {
	for _, tc := range []struct {
		err   error
		calls int
	}{{errNone, 1}, {errBad, 2}, {errDown, 2 * DefaultAttempts}} {
		f := newFixture(t, func(c *Config) { c.FailureThreshold = 100 })
		ctx := ForCase(context.Background(), "case-1")
		calls := 0
		fn := func(context.Context) (string, error) { calls++; return "", tc.err }
		_, err1 := Call(ctx, f.g, q, fn)
		_, err2 := Call(ctx, f.g, q, fn)
		if KindOf(err1) != KindOf(tc.err) || KindOf(err2) != KindOf(tc.err) {
			t.Errorf("%v: errors %v, %v", tc.err, err1, err2)
		}
		if calls != tc.calls {
			t.Errorf("%v: register called %d times, want %d", tc.err, calls, tc.calls)
		}
	}
}

func TestCallTreatsAnUnreadableCacheAsAMiss(t *testing.T) {
	for name, cache := range map[string]Cache{
		"corrupt": corruptCache{},
		"failing": failingCache{},
	} {
		f := newFixture(t, func(c *Config) { c.Cache = cache })
		calls := 0
		v, err := Call(ForCase(context.Background(), "case-1"), f.g, q, script(&calls))
		if err != nil || v != "ok" || calls != 1 {
			t.Errorf("%s: Call = %q, %v after %d calls", name, v, err, calls)
		}
		if !f.audit.last(t).CacheFailed {
			t.Errorf("%s: CacheFailed not set", name)
		}
	}
}

type corruptCache struct{ failingCache }

func (corruptCache) Get(context.Context, Key) ([]byte, bool, error) { return []byte("{"), true, nil }

type failingCache struct{}

func (failingCache) Get(context.Context, Key) ([]byte, bool, error) {
	return nil, false, errors.New("down")
}
func (failingCache) Put(context.Context, Key, []byte) error   { return errors.New("down") }
func (failingCache) ForgetCase(context.Context, string) error { return errors.New("down") }

func TestMemoryCacheExpiresAndForgets(t *testing.T) {
	clk := newClock()
	c := NewMemoryCache(time.Hour, clk.now)
	ctx := context.Background()
	k1 := Key{CaseID: "a", Kind: "x", Digest: "1"}
	k2 := Key{CaseID: "b", Kind: "x", Digest: "1"}
	_ = c.Put(ctx, k1, []byte("1"))
	_ = c.Put(ctx, k2, []byte("2"))
	if v, ok, _ := c.Get(ctx, k1); !ok || string(v) != "1" {
		t.Fatalf("Get = %q, %v", v, ok)
	}
	_ = c.ForgetCase(ctx, "b")
	if _, ok, _ := c.Get(ctx, k2); ok {
		t.Error("forgotten case still cached")
	}
	clk.advance(time.Hour)
	if _, ok, _ := c.Get(ctx, k1); ok {
		t.Error("answer older than maxAge returned")
	}
	if c.Len() != 0 {
		t.Errorf("Len = %d after expiry and forgetting", c.Len())
	}
}

func TestCacheKeyHoldsNoQueryText(t *testing.T) {
	k := keyFor("case-1", "cpr", Query{Kind: "person", Key: "0101901234"})
	if k.Digest == "" || k.Digest == "0101901234" || len(k.Digest) != 64 {
		t.Errorf("digest = %q", k.Digest)
	}
}
