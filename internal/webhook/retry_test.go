package webhook

import (
	"math/rand/v2"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// fixedJitter always returns the middle of the range, so the delay is
// exactly the un-jittered one.
func fixedJitter(n int64) int64 { return n / 2 }

func TestBackoffDoublesUpToMax(t *testing.T) {
	b := DefaultBackoff
	b.Jitter = fixedJitter
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute,
		16 * time.Minute, 32 * time.Minute, 64 * time.Minute, 128 * time.Minute, 4 * time.Hour, 4 * time.Hour}
	for i, w := range want {
		now := t0.Add(time.Minute)
		next, ok := b.NextAttempt(i+1, t0, now)
		if !ok || next.Sub(now) != w {
			t.Errorf("after attempt %d: next in %v (ok=%v), want %v", i+1, next.Sub(now), ok, w)
		}
	}
}

func TestBackoffJitterStaysWithinAQuarter(t *testing.T) {
	// Attempt 8 has a 64 min delay: jitter spreads it over [48 min, 80 min).
	for _, jitter := range []struct {
		name string
		fn   func(int64) int64
		want time.Duration
	}{
		{"lowest", func(int64) int64 { return 0 }, 48 * time.Minute},
		{"highest", func(n int64) int64 { return n - 1 }, 80*time.Minute - time.Nanosecond},
	} {
		b := DefaultBackoff
		b.Jitter = jitter.fn
		next, _ := b.NextAttempt(8, t0, t0)
		if got := next.Sub(t0); got != jitter.want {
			t.Errorf("%s jitter: delay %v, want %v", jitter.name, got, jitter.want)
		}
	}
}

// Following the schedule with real randomness, every attempt lies within
// 24 h of the first and the last one comes exactly at the deadline.
func TestScheduleEndsAt24Hours(t *testing.T) {
	for seed := range uint64(50) {
		b := DefaultBackoff
		b.Jitter = rand.New(rand.NewPCG(seed, seed)).Int64N
		now, attempts := t0, 1
		for {
			next, ok := b.NextAttempt(attempts, t0, now)
			if !ok {
				break
			}
			if !next.After(now) {
				t.Fatalf("seed %d: attempt %d scheduled at %v, not after %v", seed, attempts+1, next, now)
			}
			now, attempts = next, attempts+1
			if attempts > 100 {
				t.Fatalf("seed %d: more than 100 attempts", seed)
			}
		}
		if !now.Equal(t0.Add(24 * time.Hour)) {
			t.Errorf("seed %d: last attempt at %v, want the 24 h deadline", seed, now.Sub(t0))
		}
		if attempts < 10 || attempts > 20 {
			t.Errorf("seed %d: %d attempts in 24 h, want 10–20", seed, attempts)
		}
	}
}

func TestNextAttemptGivesUp(t *testing.T) {
	tests := []struct {
		name string
		now  time.Time
		ok   bool
	}{
		{"a second before the deadline", t0.Add(24*time.Hour - time.Second), true},
		{"at the deadline", t0.Add(24 * time.Hour), false},
		{"past the deadline", t0.Add(25 * time.Hour), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next, ok := NextAttempt(12, t0, tt.now)
			if ok != tt.ok {
				t.Fatalf("NextAttempt() ok = %v, want %v", ok, tt.ok)
			}
			if ok && next.After(t0.Add(24*time.Hour)) {
				t.Errorf("NextAttempt() = %v, past the deadline", next)
			}
		})
	}
}

func TestBackoffHugeAttemptNumberStaysAtMax(t *testing.T) {
	b := DefaultBackoff
	b.Jitter = fixedJitter
	next, ok := b.NextAttempt(1<<30, t0, t0)
	if !ok || next.Sub(t0) != b.Max {
		t.Errorf("NextAttempt(1<<30) = %v, %v; want Max", next.Sub(t0), ok)
	}
}
