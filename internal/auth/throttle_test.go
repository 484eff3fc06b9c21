package auth

import (
	"errors"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func TestCheckLock(t *testing.T) {
	cases := []struct {
		account, ip int
		want        Lock
	}{
		{0, 0, Unlocked},
		{AccountFailureLimit - 1, IPFailureLimit - 1, Unlocked},
		{AccountFailureLimit, 0, AccountLocked},
		{0, IPFailureLimit, IPLocked},
		{AccountFailureLimit, IPFailureLimit, AccountLocked},
	}
	for _, c := range cases {
		if got := CheckLock(c.account, c.ip); got != c.want {
			t.Errorf("CheckLock(%d, %d) = %v, want %v", c.account, c.ip, got, c.want)
		}
	}
}

func TestThrottle(t *testing.T) {
	if err := Throttle(AccountFailureLimit-1, IPFailureLimit-1); err != nil {
		t.Fatalf("below limits: %v", err)
	}
	for _, err := range []error{Throttle(AccountFailureLimit, 0), Throttle(0, IPFailureLimit)} {
		var de *domain.Error
		if !errors.As(err, &de) || de.Code != domain.ETooMany || de.Message != MsgLoginThrottled {
			t.Fatalf("locked: got %v", err)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	ago := func(m int) time.Time { return now.Add(-time.Duration(m) * time.Minute) }
	// Six failures, limit five: the lock lifts when the second oldest (10 min ago) expires.
	failures := []time.Time{ago(1), ago(12), ago(3), ago(10), ago(5), ago(7)}
	if got := RetryAfter(failures, 5, now); got != 5*time.Minute {
		t.Fatalf("RetryAfter = %v, want 5m", got)
	}
	if got := RetryAfter(failures[:4], 5, now); got != 0 {
		t.Fatalf("below the limit: RetryAfter = %v, want 0", got)
	}
	if got := RetryAfter([]time.Time{ago(20), ago(20)}, 2, now); got != 0 {
		t.Fatalf("expired failures: RetryAfter = %v, want 0", got)
	}
	if WindowStart(now) != ago(15) {
		t.Fatal("WindowStart is not now - FailureWindow")
	}
}
