package auth

import (
	"slices"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Login throttling policy. The store counts failed attempts (password or
// second factor) inside FailureWindow; these limits decide what the counts
// mean. The account limit stops guessing one user's password; the higher IP
// limit stops one address spraying many accounts without locking out a
// whole office behind one NAT address after a few typos.
//
// Count account failures by normalised e-mail address whether or not an
// account exists: otherwise only real accounts could ever be locked, and
// the lock message would reveal which addresses have accounts.
const (
	AccountFailureLimit = 5
	IPFailureLimit      = 30
	FailureWindow       = 15 * time.Minute
)

// MsgLoginThrottled is the catalogue id of the throttling message. It is the
// same for account and IP locks so it reveals nothing about the account.
const MsgLoginThrottled = "error.login_throttled"

// Lock tells what, if anything, is locked.
type Lock int

// Lock values.
const (
	Unlocked Lock = iota
	AccountLocked
	IPLocked
)

// WindowStart returns the earliest failure time that still counts at now.
func WindowStart(now time.Time) time.Time { return now.Add(-FailureWindow) }

// CheckLock decides from the failures counted since WindowStart for the
// account and for the client IP whether another attempt may be made. An
// account lock takes precedence, being the narrower cause.
func CheckLock(accountFailures, ipFailures int) Lock {
	switch {
	case accountFailures >= AccountFailureLimit:
		return AccountLocked
	case ipFailures >= IPFailureLimit:
		return IPLocked
	}
	return Unlocked
}

// Throttle returns nil when an attempt may be made, or a *domain.Error with
// code ETooMany and message MsgLoginThrottled when the account or IP is
// locked. Check it before verifying the password so a locked account
// spends no hashing time and gives no answer about the password.
func Throttle(accountFailures, ipFailures int) error {
	if CheckLock(accountFailures, ipFailures) == Unlocked {
		return nil
	}
	return &domain.Error{Code: domain.ETooMany, Message: MsgLoginThrottled}
}

// RetryAfter returns how long until an attempt is allowed again, given the
// times of the failures that count (any order) and the limit that applies.
// The lock lifts when enough of the oldest failures leave the window. It
// returns 0 when fewer than limit failures are given.
func RetryAfter(failures []time.Time, limit int, now time.Time) time.Duration {
	if limit <= 0 || len(failures) < limit {
		return 0
	}
	// The lock lifts when the (len-limit+1)-th oldest failure expires.
	sorted := slices.SortedFunc(slices.Values(failures), time.Time.Compare)
	d := sorted[len(sorted)-limit].Add(FailureWindow).Sub(now)
	return max(d, 0)
}
