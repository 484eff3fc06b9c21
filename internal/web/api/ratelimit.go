package api

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter holds one token bucket per API key, in this process only.
type limiter struct {
	mu      sync.Mutex
	buckets map[string]*rate.Limiter
	rate    rate.Limit
	burst   int
	now     func() time.Time
}

func newLimiter(r rate.Limit, burst int, now func() time.Time) *limiter {
	return &limiter{buckets: map[string]*rate.Limiter{}, rate: r, burst: burst, now: now}
}

// allow takes one token for key. When none is left it reports how many
// whole seconds until one is, for Retry-After.
func (l *limiter) allow(key string) (retryAfter int, ok bool) {
	l.mu.Lock()
	b, found := l.buckets[key]
	if !found {
		// Buckets are made only for authenticated keys, so the map is
		// bounded by the number of keys that exist.
		b = rate.NewLimiter(l.rate, l.burst)
		l.buckets[key] = b
	}
	l.mu.Unlock()
	now := l.now()
	res := b.ReserveN(now, 1)
	if !res.OK() {
		return 1, false
	}
	wait := res.DelayFrom(now)
	if wait <= 0 {
		return 0, true
	}
	res.CancelAt(now)
	return int(math.Ceil(wait.Seconds())), false
}
