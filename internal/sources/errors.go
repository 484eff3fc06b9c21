package sources

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// Kind says what a failed lookup means for the analysis waiting on it.
type Kind string

// Kinds of failure.
const (
	// KindUnavailable: the register could not answer now (down, slow,
	// overloaded, a partial or unreadable answer, the circuit open). The
	// analysis must wait and resume; the case is never lost.
	KindUnavailable Kind = "unavailable"
	// KindNotFound: the register answered that it holds nothing.
	KindNotFound Kind = "not_found"
	// KindInvalid: the question itself is wrong (a malformed CVR or CPR
	// number, a refused query). Asking again will not help.
	KindInvalid Kind = "invalid"
)

// MessageID returns the message-catalogue id that tells the company what
// the failure means.
func (k Kind) MessageID() string {
	switch k {
	case KindNotFound:
		return "error.source_not_found"
	case KindInvalid:
		return "error.source_invalid"
	default:
		return "error.source_unavailable"
	}
}

// Sentinel causes wrapped by connector errors, for errors.Is.
var (
	// ErrCircuitOpen: the breaker refused the call without trying.
	ErrCircuitOpen = errors.New("circuit open")
	// ErrMalformed: the register's answer could not be read.
	ErrMalformed = errors.New("malformed answer")
	// ErrPartial: the register said its answer is incomplete.
	ErrPartial = errors.New("partial answer")
	// ErrUnauthorized: the register refused bgcheck's credentials.
	ErrUnauthorized = errors.New("credentials refused")
)

// Error is a failed lookup. Its text names the source and the cause but
// never the query, which may hold personal data.
type Error struct {
	Source rules.Source
	Kind   Kind
	// RetryAfter is how long the register asked us to wait, or how long
	// the circuit stays open; zero when unknown.
	RetryAfter time.Duration
	Err        error
}

// Error describes the failure: source, kind and cause.
func (e *Error) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("%s: %s", e.Source, e.Kind)
	}
	return fmt.Sprintf("%s: %s: %v", e.Source, e.Kind, e.Err)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Unavailable returns a KindUnavailable error from src caused by err.
func Unavailable(src rules.Source, err error) *Error {
	return &Error{Source: src, Kind: KindUnavailable, Err: err}
}

// NotFound returns a KindNotFound error from src caused by err.
func NotFound(src rules.Source, err error) *Error {
	return &Error{Source: src, Kind: KindNotFound, Err: err}
}

// Invalid returns a KindInvalid error from src caused by err.
func Invalid(src rules.Source, err error) *Error {
	return &Error{Source: src, Kind: KindInvalid, Err: err}
}

// KindOf classifies err: "" for nil, the Kind of an *Error in its chain,
// and KindUnavailable for anything else — timeouts, network failures and
// unknown errors alike — because treating an unknown failure as temporary
// keeps the case waiting instead of deciding on missing data.
func KindOf(err error) Kind {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindUnavailable
}

// IsUnavailable reports whether err means "try again later".
func IsUnavailable(err error) bool { return KindOf(err) == KindUnavailable }

// IsNotFound reports whether the register answered that it holds nothing.
func IsNotFound(err error) bool { return KindOf(err) == KindNotFound }

// IsInvalid reports whether the question was wrong.
func IsInvalid(err error) bool { return KindOf(err) == KindInvalid }

// RetryAfter returns the wait an *Error in err's chain asks for, or 0.
func RetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}

// classify returns err as an *Error of src, keeping an existing one.
func classify(src rules.Source, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return Unavailable(src, fmt.Errorf("timed out: %w", err))
	}
	return Unavailable(src, err)
}
