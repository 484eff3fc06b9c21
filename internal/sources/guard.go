package sources

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// Defaults for a zero Config field.
const (
	DefaultTimeout          = 10 * time.Second
	DefaultAttempts         = 3
	DefaultBackoffBase      = 200 * time.Millisecond
	DefaultBackoffMax       = 5 * time.Second
	DefaultFailureThreshold = 5
	DefaultCooldown         = 30 * time.Second
)

// Limiter paces calls to a register; *rate.Limiter of golang.org/x/time/rate
// satisfies it.
type Limiter interface {
	Wait(ctx context.Context) error
}

// Config configures a Guard. Only Source and Auditor are required.
type Config struct {
	Source  rules.Source
	Auditor Auditor
	// Timeout bounds each attempt.
	Timeout time.Duration
	// Attempts is the most register calls one lookup makes.
	Attempts int
	Backoff  Backoff
	// FailureThreshold consecutive failures open the circuit for Cooldown.
	FailureThreshold int
	Cooldown         time.Duration
	// Cache keeps answers per case; nil disables caching.
	Cache Cache
	// Limiter, when set, paces the register calls.
	Limiter Limiter
	// Now and Sleep replace the clock and the wait between attempts in
	// tests; nil means the real ones.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

// Guard runs one register's lookups with a timeout, retries, a circuit
// breaker, a per-case cache and an audit record each. Use one Guard per
// register and share it between goroutines.
type Guard struct {
	cfg     Config
	breaker *Breaker
}

// NewGuard returns a Guard for cfg, filling in defaults.
func NewGuard(cfg Config) (*Guard, error) {
	if cfg.Source == "" {
		return nil, errors.New("sources: guard needs a source")
	}
	if cfg.Auditor == nil {
		return nil, errors.New("sources: guard needs an auditor: every lookup is audited")
	}
	setDefault(&cfg.Timeout, DefaultTimeout)
	setDefault(&cfg.Attempts, DefaultAttempts)
	setDefault(&cfg.Backoff.Base, DefaultBackoffBase)
	setDefault(&cfg.Backoff.Max, DefaultBackoffMax)
	setDefault(&cfg.FailureThreshold, DefaultFailureThreshold)
	setDefault(&cfg.Cooldown, DefaultCooldown)
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	return &Guard{cfg: cfg, breaker: NewBreaker(cfg.FailureThreshold, cfg.Cooldown, cfg.Now)}, nil
}

func setDefault[T comparable](v *T, def T) {
	var zero T
	if *v == zero {
		*v = def
	}
}

// Source returns the register the guard protects.
func (g *Guard) Source() rules.Source { return g.cfg.Source }

// State returns the state of the guard's circuit breaker.
func (g *Guard) State() State { return g.breaker.State() }

// Call answers q with fn under g: from the case's cache when it can (see
// ForCase and Refresh), else by calling fn with a per-attempt timeout,
// retrying temporary failures. fn must report register answers with the
// kinds of this package (NotFound, Invalid); any other error counts as
// temporary. The lookup is reported to the Auditor before its answer is
// returned.
func Call[T any](ctx context.Context, g *Guard, q Query, fn func(context.Context) (T, error)) (T, error) {
	rec := Lookup{Source: g.cfg.Source, Kind: q.Kind, CaseID: CaseFrom(ctx), Detail: q.Detail, Started: g.cfg.Now()}
	key := keyFor(rec.CaseID, g.cfg.Source, q)
	useCache := g.cfg.Cache != nil && rec.CaseID != ""
	if useCache && !refreshing(ctx) {
		if v, err, hit := fromCache[T](ctx, g, key, &rec); hit {
			return finish(ctx, g, &rec, v, err)
		}
	}
	v, err := attempts(ctx, g, fn, &rec)
	// Audited first: an answer whose audit failed is neither returned nor
	// kept, so the next run asks (and audits) again.
	v, err = finish(ctx, g, &rec, v, err)
	if useCache && (err == nil || IsNotFound(err)) {
		toCache(ctx, g, key, v, err)
	}
	return v, err
}

// finish reports the lookup to the auditor. An answer that could not be
// audited is withheld.
func finish[T any](ctx context.Context, g *Guard, rec *Lookup, v T, err error) (T, error) {
	rec.Duration = g.cfg.Now().Sub(rec.Started)
	rec.Outcome = outcomeOf(err)
	rec.RetryAfter = RetryAfter(err)
	// The audit is written even when the caller has given up, so that
	// every register call made is on record.
	if aerr := g.cfg.Auditor.RecordLookup(context.WithoutCancel(ctx), *rec); aerr != nil {
		var zero T
		return zero, Unavailable(g.cfg.Source, fmt.Errorf("recording the lookup: %w", aerr))
	}
	return v, err
}
