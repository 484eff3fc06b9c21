package sources

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/rules"
)

func TestNewGuardRequiresSourceAndAuditor(t *testing.T) {
	if _, err := NewGuard(Config{Auditor: &recorder{}}); err == nil {
		t.Error("guard without source accepted")
	}
	if _, err := NewGuard(Config{Source: rules.SourceCVR}); err == nil {
		t.Error("guard without auditor accepted")
	}
}

func TestCallSuccessIsAudited(t *testing.T) {
	f := newFixture(t, nil)
	calls := 0
	v, err := Call(ForCase(context.Background(), "case-1"), f.g, q, script(&calls))
	if err != nil || v != "ok" {
		t.Fatalf("Call = %q, %v", v, err)
	}
	got := f.audit.last(t)
	want := Lookup{Source: rules.SourceCVR, Kind: q.Kind, CaseID: "case-1", Detail: q.Detail,
		Started: f.clk.now(), Attempts: 1, Outcome: OutcomeOK}
	if got != want {
		t.Errorf("lookup = %+v, want %+v", got, want)
	}
}

func TestCallRetriesTemporaryFailuresWithBackoff(t *testing.T) {
	f := newFixture(t, nil)
	calls := 0
	v, err := Call(context.Background(), f.g, q, script(&calls, errDown, errors.New("connection reset")))
	if err != nil || v != "ok" {
		t.Fatalf("Call = %q, %v", v, err)
	}
	if calls != 3 || f.audit.last(t).Attempts != 3 {
		t.Errorf("calls = %d, attempts = %d, want 3", calls, f.audit.last(t).Attempts)
	}
	// Equal jitter with Rand 0.5: 100ms → 75ms, 200ms → 150ms.
	want := []time.Duration{75 * time.Millisecond, 150 * time.Millisecond}
	if !slices.Equal(f.slept.ds, want) {
		t.Errorf("slept %v, want %v", f.slept.ds, want)
	}
}

func TestCallGivesUpAfterAttempts(t *testing.T) {
	f := newFixture(t, nil)
	calls := 0
	_, err := Call(context.Background(), f.g, q, script(&calls, errDown, errDown, errDown, errDown))
	if !IsUnavailable(err) || calls != DefaultAttempts {
		t.Fatalf("err = %v after %d calls, want unavailable after %d", err, calls, DefaultAttempts)
	}
	if l := f.audit.last(t); l.Outcome != OutcomeUnavailable || l.Attempts != DefaultAttempts {
		t.Errorf("lookup = %+v", l)
	}
}

func TestCallDoesNotRetryDefiniteAnswers(t *testing.T) {
	for _, tc := range []struct {
		err     error
		outcome Outcome
		is      func(error) bool
	}{
		{errNone, OutcomeNotFound, IsNotFound},
		{errBad, OutcomeInvalid, IsInvalid},
	} {
		f := newFixture(t, nil)
		calls := 0
		_, err := Call(context.Background(), f.g, q, script(&calls, tc.err))
		if !tc.is(err) || calls != 1 {
			t.Errorf("%v: err = %v after %d calls", tc.outcome, err, calls)
		}
		if l := f.audit.last(t); l.Outcome != tc.outcome {
			t.Errorf("outcome = %s, want %s", l.Outcome, tc.outcome)
		}
	}
}

func TestCallTimesOutAConnectorThatIgnoresItsContext(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Timeout = time.Millisecond; c.Attempts = 1 })
	release := make(chan struct{})
	defer close(release)
	_, err := Call(context.Background(), f.g, q, func(context.Context) (string, error) {
		<-release
		return "late", nil
	})
	if !IsUnavailable(err) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want an unavailable timeout", err)
	}
}

func TestCallHonoursRetryAfter(t *testing.T) {
	f := newFixture(t, nil)
	calls := 0
	busy := &Error{Source: rules.SourceCVR, Kind: KindUnavailable, RetryAfter: 2 * time.Second}
	if _, err := Call(context.Background(), f.g, q, script(&calls, busy)); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.slept.ds, []time.Duration{2 * time.Second}) {
		t.Errorf("slept %v, want [2s]", f.slept.ds)
	}
}

func TestCallLeavesLongRetryAfterToTheCaller(t *testing.T) {
	f := newFixture(t, nil)
	calls := 0
	busy := &Error{Source: rules.SourceCVR, Kind: KindUnavailable, RetryAfter: time.Hour}
	_, err := Call(context.Background(), f.g, q, script(&calls, busy))
	if calls != 1 || RetryAfter(err) != time.Hour || len(f.slept.ds) != 0 {
		t.Errorf("calls = %d, RetryAfter = %v, slept %v", calls, RetryAfter(err), f.slept.ds)
	}
	if f.audit.last(t).RetryAfter != time.Hour {
		t.Error("the lookup does not carry RetryAfter")
	}
}

func TestCallStopsWhenTheCallerGivesUp(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.FailureThreshold = 1 })
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := Call(ctx, f.g, q, func(context.Context) (string, error) {
		calls++
		cancel()
		return "", context.Canceled
	})
	if !IsUnavailable(err) || calls != 1 {
		t.Errorf("err = %v after %d calls", err, calls)
	}
	if f.g.State() != Closed {
		t.Errorf("a cancelled call opened the breaker: %v", f.g.State())
	}
}

func TestCallRecoversFromAPanickingConnector(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Attempts = 1 })
	_, err := Call(context.Background(), f.g, q, func(context.Context) (string, error) {
		var m map[string]int
		m["x"]++ // nil map: panics
		return "", nil
	})
	if !IsUnavailable(err) || !errors.Is(err, ErrMalformed) {
		t.Errorf("err = %v, want unavailable ErrMalformed", err)
	}
}

func TestCallRefusesWhileTheCircuitIsOpen(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.FailureThreshold = 2; c.Cooldown = time.Minute })
	calls := 0
	_, _ = Call(context.Background(), f.g, q, script(&calls, errDown, errDown, errDown))
	if calls != 2 || f.g.State() != Open {
		t.Fatalf("calls = %d, state = %v; want 2 calls and an open breaker", calls, f.g.State())
	}
	f.clk.advance(20 * time.Second)
	calls = 0
	_, err := Call(context.Background(), f.g, q, script(&calls))
	if calls != 0 || !errors.Is(err, ErrCircuitOpen) || RetryAfter(err) != 40*time.Second {
		t.Fatalf("calls = %d, err = %v, RetryAfter = %v", calls, err, RetryAfter(err))
	}
	if l := f.audit.last(t); l.Attempts != 0 || l.Outcome != OutcomeUnavailable {
		t.Errorf("refused lookup recorded as %+v", l)
	}
	f.clk.advance(40 * time.Second)
	if v, err := Call(context.Background(), f.g, q, script(&calls)); err != nil || v != "ok" {
		t.Fatalf("half-open trial = %q, %v", v, err)
	}
	if f.g.State() != Closed {
		t.Errorf("state after a successful trial = %v", f.g.State())
	}
}

func TestCallWithholdsAnAnswerThatCouldNotBeAudited(t *testing.T) {
	f := newFixture(t, nil)
	f.audit.fail = errors.New("audit log down")
	ctx := ForCase(context.Background(), "case-1")
	calls := 0
	v, err := Call(ctx, f.g, q, script(&calls))
	if v != "" || !IsUnavailable(err) {
		t.Fatalf("Call = %q, %v; want nothing and unavailable", v, err)
	}
	if f.cache.Len() != 0 {
		t.Error("an unaudited answer was cached")
	}
}

func TestCallUsesTheLimiter(t *testing.T) {
	lim := &countLimiter{}
	f := newFixture(t, func(c *Config) { c.Limiter = lim })
	calls := 0
	if _, err := Call(context.Background(), f.g, q, script(&calls, errDown)); err != nil {
		t.Fatal(err)
	}
	if lim.waits != 2 {
		t.Errorf("limiter waited %d times, want 2", lim.waits)
	}
	lim.err = context.DeadlineExceeded
	if _, err := Call(context.Background(), f.g, q, script(&calls)); !IsUnavailable(err) {
		t.Errorf("limiter failure gave %v", err)
	}
}

type countLimiter struct {
	waits int
	err   error
}

func (l *countLimiter) Wait(context.Context) error {
	l.waits++
	return l.err
}
