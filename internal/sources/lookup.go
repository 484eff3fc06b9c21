package sources

import (
	"context"
	"time"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// Query describes one question to a register.
type Query struct {
	// Kind names the question, e.g. "company_by_number"; it appears in
	// the audit record and the cache key.
	Kind string
	// Key identifies the question within its kind (a CVR number, a name
	// and address, a CPR number). It is hashed for the cache key and
	// never audited or logged, because it may hold personal data.
	Key string
	// Detail is a non-personal description for the audit record, e.g. a
	// company's CVR number; empty when there is none.
	Detail string
}

// Outcome is how a lookup ended.
type Outcome string

// Outcomes. A lookup answered from the cache has the outcome of the
// answer it repeats and Cached set.
const (
	OutcomeOK          Outcome = "ok"
	OutcomeNotFound    Outcome = "not_found"
	OutcomeInvalid     Outcome = "invalid"
	OutcomeUnavailable Outcome = "unavailable"
)

func outcomeOf(err error) Outcome {
	switch KindOf(err) {
	case "":
		return OutcomeOK
	case KindNotFound:
		return OutcomeNotFound
	case KindInvalid:
		return OutcomeInvalid
	}
	return OutcomeUnavailable
}

// Lookup is the audit record of one lookup. It holds no personal data:
// the caller writes it to the audit log against the case and subject it
// knows from the context.
type Lookup struct {
	Source   rules.Source
	Kind     string // Query.Kind
	CaseID   string // from ForCase; "" when the lookup belongs to no case
	Detail   string // Query.Detail
	Started  time.Time
	Duration time.Duration
	Attempts int // register calls made; 0 when answered from the cache or refused by the breaker
	Outcome  Outcome
	Cached   bool
	// CacheFailed is set when the cache could not be read; the lookup
	// went to the register instead.
	CacheFailed bool
	RetryAfter  time.Duration
}

// Auditor receives the record of every lookup. The caller implements it
// and writes the audit entry; when it fails, the lookup fails with
// KindUnavailable and its data is not handed out, so no register read
// goes unaudited.
type Auditor interface {
	RecordLookup(ctx context.Context, l Lookup) error
}

// AuditorFunc adapts a function to Auditor.
type AuditorFunc func(ctx context.Context, l Lookup) error

// RecordLookup calls f.
func (f AuditorFunc) RecordLookup(ctx context.Context, l Lookup) error { return f(ctx, l) }

type ctxKey int

const (
	caseKey ctxKey = iota
	refreshKey
)

// ForCase returns ctx marked as working on case caseID: lookups made with
// it are cached for that case and their audit records name it.
func ForCase(ctx context.Context, caseID string) context.Context {
	return context.WithValue(ctx, caseKey, caseID)
}

// CaseFrom returns the case ForCase set, or "".
func CaseFrom(ctx context.Context) string {
	id, _ := ctx.Value(caseKey).(string)
	return id
}

// Refresh returns ctx marked to ask the registers again instead of
// reusing the case's cached answers, e.g. when the company re-runs an
// analysis after new data. The fresh answers replace the cached ones.
func Refresh(ctx context.Context) context.Context {
	return context.WithValue(ctx, refreshKey, true)
}

func refreshing(ctx context.Context) bool {
	r, _ := ctx.Value(refreshKey).(bool)
	return r
}
