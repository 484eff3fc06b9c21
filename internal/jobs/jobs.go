// Package jobs runs the durable job queue kept in the database: jobs are
// enqueued in the same transaction as the change that causes them and run
// here, by any number of workers in any number of processes.
package jobs

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// Handler does one job. Returning an error schedules a retry with backoff,
// unless the error is marked Permanent.
type Handler func(ctx context.Context, j *store.Job) error

type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// Permanent marks err as not worth retrying: the job is given up at once.
func Permanent(err error) error { return permanent{err} }

// Runner claims due jobs and runs their handlers.
type Runner struct {
	db       *store.DB
	log      *slog.Logger
	handlers map[string]Handler
	id       string
	lease    time.Duration
	poll     time.Duration
	wake     chan struct{}
	mu       sync.Mutex
}

// NewRunner returns a runner over db. Register handlers before Run.
func NewRunner(db *store.DB, log *slog.Logger) *Runner {
	b := make([]byte, 6)
	_, _ = crand.Read(b)
	return &Runner{
		db: db, log: log, handlers: map[string]Handler{},
		id:    "w-" + hex.EncodeToString(b),
		lease: 5 * time.Minute, poll: 2 * time.Second,
		wake: make(chan struct{}, 1),
	}
}

// Handle registers the handler of a job kind.
func (r *Runner) Handle(kind string, h Handler) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handlers[kind] = h
}

// Wake makes an idle worker look for work now instead of at its next poll;
// call it after committing a transaction that enqueued a job.
func (r *Runner) Wake() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run starts n workers and blocks until ctx ends and they have stopped.
func (r *Runner) Run(ctx context.Context, n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Go(func() { r.loop(ctx) })
	}
	wg.Wait()
}

func (r *Runner) loop(ctx context.Context) {
	t := time.NewTicker(r.poll)
	defer t.Stop()
	for {
		for {
			ran, err := r.RunOnce(ctx)
			if err != nil && ctx.Err() == nil {
				r.log.Error("job queue", "err", err)
			}
			if !ran || ctx.Err() != nil {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-r.wake:
		case <-t.C:
		}
	}
}

// RunOnce claims and runs one due job. It reports whether there was one.
func (r *Runner) RunOnce(ctx context.Context) (bool, error) {
	var j *store.Job
	err := r.db.Write(ctx, func(tx *store.Tx) (err error) {
		j, err = tx.ClaimJob(r.id, r.lease)
		return err
	})
	if domain.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	r.mu.Lock()
	h := r.handlers[j.Kind]
	r.mu.Unlock()
	runErr := r.call(ctx, h, j)
	return true, r.finish(ctx, j, runErr)
}

func (r *Runner) call(ctx context.Context, h Handler, j *store.Job) (err error) {
	if h == nil {
		return Permanent(fmt.Errorf("no handler for job kind %q", j.Kind))
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("job panicked: %v", p)
		}
	}()
	return h(ctx, j)
}

func (r *Runner) finish(ctx context.Context, j *store.Job, runErr error) error {
	// The outcome is recorded even when ctx is ending, so a finished job is
	// not run again.
	ctx = context.WithoutCancel(ctx)
	return r.db.Write(ctx, func(tx *store.Tx) error {
		if runErr == nil {
			return tx.CompleteJob(j.ID, r.id)
		}
		var retryAt time.Time
		var p permanent
		if !errors.As(runErr, &p) && j.Attempts < j.MaxAttempts {
			retryAt = tx.Now.Add(Backoff(j.Attempts))
		}
		r.log.Warn("job failed", "job", j.ID, "kind", j.Kind, "attempt", j.Attempts, "retry", !retryAt.IsZero(), "err", runErr)
		return tx.FailJob(j.ID, r.id, truncate(runErr.Error(), 500), retryAt)
	})
}

// Backoff is the wait before retry number attempt (1-based): 30 s doubling
// up to one hour, with ±20% jitter so failed jobs do not retry in lockstep.
func Backoff(attempt int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempt && d < time.Hour; i++ {
		d *= 2
	}
	d = min(d, time.Hour)
	jitter := time.Duration(rand.Int64N(int64(d) / 5 * 2))
	return d - d/5 + jitter
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
