package sources

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// attempts calls fn until it succeeds, the register gives a definite
// answer, the attempts are used up or the breaker refuses.
func attempts[T any](ctx context.Context, g *Guard, fn func(context.Context) (T, error), rec *Lookup) (T, error) {
	var zero T
	var last *Error
	for i := 1; i <= g.cfg.Attempts; i++ {
		if l := g.cfg.Limiter; l != nil {
			if err := l.Wait(ctx); err != nil {
				return zero, classify(g.cfg.Source, err)
			}
		}
		if ok, wait := g.breaker.Allow(); !ok {
			return zero, &Error{Source: g.cfg.Source, Kind: KindUnavailable, RetryAfter: wait, Err: ErrCircuitOpen}
		}
		rec.Attempts++
		v, err := callOnce(ctx, g.cfg.Timeout, fn)
		if err == nil {
			g.breaker.Success()
			return v, nil
		}
		e := classify(g.cfg.Source, err)
		switch {
		case e.Kind != KindUnavailable:
			g.breaker.Success() // the register answered
			return zero, e
		case ctx.Err() != nil:
			g.breaker.Release() // the caller gave up; says nothing about the register
			return zero, e
		}
		g.breaker.Failure()
		last = e
		if i == g.cfg.Attempts {
			break
		}
		d := g.cfg.Backoff.Delay(i)
		if e.RetryAfter > d {
			if e.RetryAfter > g.cfg.Backoff.Max {
				break // the job queue waits that long, not this goroutine
			}
			d = e.RetryAfter
		}
		if err := g.cfg.Sleep(ctx, d); err != nil {
			return zero, last
		}
	}
	return zero, last
}

type result[T any] struct {
	v   T
	err error
}

// callOnce runs fn with a timeout. fn runs in its own goroutine so that a
// connector which ignores its context cannot hold the analysis beyond the
// timeout; its late result is dropped. A panic in fn — a connector
// tripping over an answer it did not expect — becomes a temporary error
// instead of taking the worker down.
func callOnce[T any](ctx context.Context, timeout time.Duration, fn func(context.Context) (T, error)) (T, error) {
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ch := make(chan result[T], 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				ch <- result[T]{err: fmt.Errorf("%w: connector panicked: %v", ErrMalformed, p)}
			}
		}()
		v, err := fn(cctx)
		ch <- result[T]{v: v, err: err}
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-cctx.Done():
		var zero T
		return zero, cctx.Err()
	}
}

// cached is how an answer is kept: the value, or the fact that the
// register holds nothing.
type cached struct {
	Value    json.RawMessage `json:"v,omitempty"`
	NotFound bool            `json:"nf,omitempty"`
}

// fromCache returns the case's cached answer to the question, if any. An
// unreadable entry counts as a miss.
func fromCache[T any](ctx context.Context, g *Guard, k Key, rec *Lookup) (v T, err error, hit bool) {
	b, ok, gerr := g.cfg.Cache.Get(ctx, k)
	if gerr != nil {
		rec.CacheFailed = true
		return v, nil, false
	}
	if !ok {
		return v, nil, false
	}
	var c cached
	if json.Unmarshal(b, &c) != nil || (!c.NotFound && json.Unmarshal(c.Value, &v) != nil) {
		rec.CacheFailed = true
		var zero T
		return zero, nil, false
	}
	rec.Cached = true
	if c.NotFound {
		return v, NotFound(g.cfg.Source, fmt.Errorf("%s (cached answer)", k.Kind)), true
	}
	return v, nil, true
}

// toCache keeps an answer for the case. A failure to keep it only means
// the next run asks the register again, so it is not reported.
func toCache[T any](ctx context.Context, g *Guard, k Key, v T, err error) {
	c := cached{NotFound: err != nil}
	if err == nil {
		b, merr := json.Marshal(v)
		if merr != nil {
			return
		}
		c.Value = b
	}
	b, _ := json.Marshal(c) // a RawMessage and a bool always marshal
	_ = g.cfg.Cache.Put(ctx, k, b)
}
