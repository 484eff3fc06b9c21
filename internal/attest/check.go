package attest

import (
	"errors"
	"fmt"
	"sync"
	"time"

	// Validity ends at midnight in Denmark wherever the server runs, so
	// the zone data travels with the binary.
	_ "time/tzdata"
)

// Status is the verdict a verification page shows.
type Status string

// The verdicts, in order of precedence: an invalid token says nothing; a
// revoked attestation is revoked even after it would have expired.
const (
	StatusValid   Status = "valid"
	StatusRevoked Status = "revoked"
	StatusExpired Status = "expired"
	StatusInvalid Status = "invalid"
)

// RevocationLookup reports whether the attestation with id was revoked,
// and when. An error means the answer is not known.
type RevocationLookup func(id string) (revoked bool, at time.Time, err error)

// Result is the outcome of Check.
type Result struct {
	Status      Status
	Attestation Attestation // what the token says; zero when Status is StatusInvalid
	KeyID       string      // the key id the token names, when it could be read
	RevokedAt   time.Time   // when Status is StatusRevoked
	Reason      error       // why, when Status is StatusInvalid
}

// Check verifies token and judges it at now: invalid when its form or
// signature fails, revoked when revoked says so, expired after the end of
// its ValidUntil day in Danish time, valid otherwise. revoked may be nil
// where no revocation record is at hand (offline); the result is then
// valid or expired at best.
//
// The error is non-nil only when a lookup failed without an answer, so an
// outage is never shown to a partner as "invalid" or "valid".
func Check(token string, keys KeyLookup, revoked RevocationLookup, now time.Time) (Result, error) {
	a, kid, err := verify(token, keys)
	if err != nil {
		if !isVerdict(err) {
			return Result{}, err
		}
		return Result{Status: StatusInvalid, KeyID: kid, Reason: err}, nil
	}
	res := Result{Status: StatusValid, Attestation: a, KeyID: kid}
	if revoked != nil {
		gone, at, err := revoked(a.ID)
		if err != nil {
			return Result{}, fmt.Errorf("attest: revocation of %s: %w", a.ID, err)
		}
		if gone {
			res.Status, res.RevokedAt = StatusRevoked, at
			return res, nil
		}
	}
	if Expired(a, now) {
		res.Status = StatusExpired
	}
	return res, nil
}

// isVerdict reports whether a verification error is about the token
// itself rather than a failed lookup.
func isVerdict(err error) bool {
	for _, e := range []error{ErrMalformed, ErrTooLarge, ErrNonCanonical, ErrBadSignature, ErrUnknownKey, ErrInvalid} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// Expired reports whether now is past the end of a.ValidUntil, a
// calendar day in Danish time.
func Expired(a Attestation, now time.Time) bool {
	y, m, d := a.ValidUntil.Date()
	return !now.Before(time.Date(y, m, d+1, 0, 0, 0, 0, copenhagen()))
}

var copenhagen = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		// Unreachable with time/tzdata linked in; Denmark's standard time
		// is off by at most the summer hour.
		return time.FixedZone("CET", 3600)
	}
	return loc
})
