package sources

import (
	"sync"
	"time"
)

// State is a circuit breaker's state.
type State int

// Breaker states.
const (
	// Closed: calls pass; consecutive failures are counted.
	Closed State = iota
	// Open: calls are refused until the cool-down has passed.
	Open
	// HalfOpen: one trial call is let through; its result closes or
	// re-opens the breaker.
	HalfOpen
)

// String returns the state's name, e.g. "half_open".
func (s State) String() string {
	switch s {
	case Closed:
		return "closed"
	case Open:
		return "open"
	case HalfOpen:
		return "half_open"
	}
	return "unknown"
}

// Breaker stops calling a register that keeps failing, so a register
// that is down costs neither it nor bgcheck a stream of doomed requests,
// and tries again after a cool-down. It is safe for concurrent use.
type Breaker struct {
	threshold int
	cooldown  time.Duration
	now       func() time.Time

	mu       sync.Mutex
	state    State
	failures int
	openedAt time.Time
	trial    bool // a half-open trial call is in flight
}

// NewBreaker returns a closed breaker that opens after threshold
// consecutive failures and stays open for cooldown. now is the clock;
// nil means time.Now.
func NewBreaker(threshold int, cooldown time.Duration, now func() time.Time) *Breaker {
	if now == nil {
		now = time.Now
	}
	return &Breaker{threshold: max(threshold, 1), cooldown: cooldown, now: now}
}

// Allow reports whether a call may go ahead. When it may not, wait is how
// long the breaker stays open (0 while a half-open trial is in flight).
// A caller that was allowed must report the call with Success, Failure or
// Release.
func (b *Breaker) Allow() (ok bool, wait time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.state {
	case Closed:
		return true, 0
	case Open:
		left := b.cooldown - b.now().Sub(b.openedAt)
		if left > 0 {
			return false, left
		}
		b.state = HalfOpen
	}
	if b.trial {
		return false, 0
	}
	b.trial = true
	return true, 0
}

// Success records a call the register answered (also "not found"): the
// breaker closes.
func (b *Breaker) Success() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.state, b.failures, b.trial = Closed, 0, false
}

// Failure records a call the register did not answer.
func (b *Breaker) Failure() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.trial = false
	b.failures++
	if b.state == HalfOpen || b.failures >= b.threshold {
		b.state, b.openedAt = Open, b.now()
	}
}

// Release records a call that ended for reasons of the caller's own (its
// context was cancelled), which says nothing about the register.
func (b *Breaker) Release() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.trial = false
}

// State returns the current state; an open breaker whose cool-down has
// passed reports HalfOpen.
func (b *Breaker) State() State {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.state == Open && b.now().Sub(b.openedAt) >= b.cooldown {
		return HalfOpen
	}
	return b.state
}
