package webhook

import (
	"math/rand/v2"
	"time"
)

// Backoff is a retry schedule: exponential delays with jitter, giving up
// a fixed time after the first attempt.
type Backoff struct {
	Base   time.Duration // delay after the first failed attempt
	Max    time.Duration // longest delay between two attempts
	GiveUp time.Duration // no attempt is scheduled later than first+GiveUp
	// Jitter returns a uniform random number in [0, n). Spreading retries
	// keeps one receiver's outage from turning into synchronised bursts
	// when it comes back. Tests inject a fixed source.
	Jitter func(n int64) int64
}

// DefaultBackoff is the schedule docs/webhooks.md promises: 30 s, 1 min,
// 2 min, … doubling up to 4 h between attempts, each delay ±25 %, and a
// last attempt 24 h after the first.
var DefaultBackoff = Backoff{
	Base:   30 * time.Second,
	Max:    4 * time.Hour,
	GiveUp: 24 * time.Hour,
	Jitter: rand.Int64N,
}

// NextAttempt is DefaultBackoff.NextAttempt.
func NextAttempt(attempt int, first, now time.Time) (time.Time, bool) {
	return DefaultBackoff.NextAttempt(attempt, first, now)
}

// NextAttempt returns when to try again after attempt number attempt
// (1 for the first) failed at now, the first attempt having been made at
// first. It returns false when the delivery should be given up: now is
// at or past first+GiveUp. A delay that would end past that point is cut
// short, so the last attempt happens exactly at the deadline.
func (b Backoff) NextAttempt(attempt int, first, now time.Time) (time.Time, bool) {
	deadline := first.Add(b.GiveUp)
	if !now.Before(deadline) {
		return time.Time{}, false
	}
	next := now.Add(b.delay(attempt))
	if next.After(deadline) {
		next = deadline
	}
	return next, true
}

// delay is Base·2^(attempt-1), capped at Max, then spread over
// [¾·d, 1¼·d).
func (b Backoff) delay(attempt int) time.Duration {
	d := b.Base
	for i := 1; i < attempt && d > 0 && d < b.Max; i++ {
		d *= 2
	}
	d = min(d, b.Max)
	if d <= 0 {
		return 0
	}
	spread := int64(d / 2)
	if b.Jitter == nil || spread == 0 {
		return d
	}
	return d - time.Duration(spread/2) + time.Duration(b.Jitter(spread))
}
