// Package domain holds bgcheck's entities, error codes and the context
// helpers shared by every layer. It imports nothing of the project.
package domain

import (
	"errors"
	"fmt"
)

// Error codes. They are mapped to HTTP statuses only in the web layer.
const (
	ENotFound     = "not_found"
	EConflict     = "conflict"
	EInvalid      = "invalid"
	EUnauthorized = "unauthorized"
	EForbidden    = "forbidden"
	ETooMany      = "too_many_requests"
	EInternal     = "internal"
)

// Error is an error whose Message is safe to show to the user. Fields holds
// per-field messages for forms, keyed by field name; values are message
// catalogue ids.
type Error struct {
	Code    string
	Message string // message catalogue id or plain text safe to show
	Fields  map[string]string
	Err     error // the underlying cause, never shown
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EInvalid error carrying per-field messages.
func Invalid(fields map[string]string) *Error {
	return &Error{Code: EInvalid, Message: "error.invalid", Fields: fields}
}

// ErrorCode returns the code of err, EInternal for unknown errors and ""
// for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the user-safe message of err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "error.internal"
}

// ErrorFields returns the per-field messages of err, or nil.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// IsNotFound reports whether err carries ENotFound.
func IsNotFound(err error) bool { return ErrorCode(err) == ENotFound }
