package audit

import (
	"fmt"
	"io"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// newChain returns n sealed entries of organisation orgID, seq 1..n.
func newChain(orgID string, n int) []*domain.AuditEntry {
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	prev := Genesis()
	out := make([]*domain.AuditEntry, n)
	for i := range n {
		e := &domain.AuditEntry{
			OrgID: orgID, Seq: int64(i + 1), At: start.Add(time.Duration(i) * time.Minute),
			ActorType: domain.ActorUser, ActorID: "u-1", ActorLabel: "anna@example.dk",
			Action: "user.invite", TargetType: "user", TargetID: fmt.Sprintf("u-%d", i+2),
			IP: "192.0.2.10", RequestID: fmt.Sprintf("req-%d", i),
			Details: map[string]string{"role": "reviewer", "n": fmt.Sprint(i)},
		}
		Seal(prev, e)
		prev = e.Hash
		out[i] = e
	}
	return out
}

// iter returns a Verify source over entries.
func iter(entries []*domain.AuditEntry) func() (*domain.AuditEntry, error) {
	i := 0
	return func() (*domain.AuditEntry, error) {
		if i == len(entries) {
			return nil, io.EOF
		}
		i++
		return entries[i-1], nil
	}
}

// without returns entries minus the one at index i.
func without(entries []*domain.AuditEntry, i int) []*domain.AuditEntry {
	out := append([]*domain.AuditEntry(nil), entries[:i]...)
	return append(out, entries[i+1:]...)
}
