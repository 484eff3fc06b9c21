package mitid

import (
	"errors"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// The errors below are what the portal shows; their causes stay in Err
// for the log and never reach the subject.

func assuranceError(loa string) error {
	return &domain.Error{Code: domain.EForbidden, Message: "error.mitid_assurance",
		Err: errors.New("assurance level " + quoteOrNone(loa) + " is below " + minLoA)}
}

func claimsError(cause string) error {
	return &domain.Error{Code: domain.EUnauthorized, Message: "error.mitid_claims", Err: errors.New(cause)}
}

func stateError(cause string) error {
	return &domain.Error{Code: domain.EUnauthorized, Message: "error.mitid_state", Err: errors.New(cause)}
}

func loginError(err error) error {
	return &domain.Error{Code: domain.EUnauthorized, Message: "error.mitid_login", Err: err}
}

func cancelledError(cause string) error {
	return &domain.Error{Code: domain.EUnauthorized, Message: "error.mitid_cancelled", Err: errors.New(cause)}
}

func quoteOrNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return `"` + s + `"`
}
