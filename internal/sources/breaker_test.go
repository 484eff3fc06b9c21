package sources

import (
	"testing"
	"time"
)

func TestBreakerOpensAfterConsecutiveFailures(t *testing.T) {
	clk := newClock()
	b := NewBreaker(3, time.Minute, clk.now)
	for range 2 {
		b.Failure()
	}
	b.Success() // resets the count: failures must be consecutive
	for range 2 {
		b.Failure()
	}
	if b.State() != Closed {
		t.Fatalf("state = %v after 2 consecutive failures, want closed", b.State())
	}
	b.Failure()
	if ok, wait := b.Allow(); ok || wait != time.Minute || b.State() != Open {
		t.Fatalf("Allow = %v, %v in state %v; want refused for 1m", ok, wait, b.State())
	}
}

func TestBreakerHalfOpenLetsOneTrialThrough(t *testing.T) {
	clk := newClock()
	b := NewBreaker(1, time.Minute, clk.now)
	b.Failure()
	clk.advance(time.Minute)
	if b.State() != HalfOpen {
		t.Fatalf("state after cool-down = %v", b.State())
	}
	if ok, _ := b.Allow(); !ok {
		t.Fatal("trial refused")
	}
	if ok, wait := b.Allow(); ok || wait != 0 {
		t.Fatalf("second call during the trial: %v, %v", ok, wait)
	}
	b.Failure()
	if ok, wait := b.Allow(); ok || wait != time.Minute {
		t.Fatalf("after a failed trial: %v, %v; want open for a new cool-down", ok, wait)
	}
	clk.advance(time.Minute)
	if ok, _ := b.Allow(); !ok {
		t.Fatal("second trial refused")
	}
	b.Success()
	if b.State() != Closed {
		t.Errorf("state after a good trial = %v", b.State())
	}
}

func TestBreakerReleaseFreesTheTrial(t *testing.T) {
	clk := newClock()
	b := NewBreaker(1, time.Minute, clk.now)
	b.Failure()
	clk.advance(time.Minute)
	b.Allow()
	b.Release()
	if ok, _ := b.Allow(); !ok {
		t.Error("trial slot not released")
	}
}

func TestStateNames(t *testing.T) {
	for s, want := range map[State]string{Closed: "closed", Open: "open", HalfOpen: "half_open", State(9): "unknown"} {
		if s.String() != want {
			t.Errorf("%d.String() = %q", s, s.String())
		}
	}
}
