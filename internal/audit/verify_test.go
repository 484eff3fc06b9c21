package audit

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func mustSigner(t testing.TB) *Signer {
	t.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSigner(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkpointAt signs a checkpoint of the first size entries.
func checkpointAt(s *Signer, entries []*domain.AuditEntry, size int) *Checkpoint {
	head := Genesis()
	if size > 0 {
		head = entries[size-1].Hash
	}
	cp := s.Sign(Checkpoint{OrgID: entries[0].OrgID, Size: int64(size), Head: head, At: time.Now()})
	return &cp
}

func TestVerifyIntact(t *testing.T) {
	s := mustSigner(t)
	chain := newChain("org-a", 10)
	r := Verify(iter(chain), checkpointAt(s, chain, 8), s.PublicKey())
	if !r.OK() || r.Entries != 10 || !bytes.Equal(r.Head, chain[9].Hash) || r.OrgID != "org-a" {
		t.Fatalf("intact chain: %s", r)
	}
	if !strings.Contains(r.String(), "result: OK") {
		t.Fatalf("String: %s", r)
	}
}

func TestVerifyEmpty(t *testing.T) {
	r := Verify(iter(nil), nil, nil)
	if !r.OK() || r.Entries != 0 || !bytes.Equal(r.Head, Genesis()) {
		t.Fatalf("empty chain: %s", r)
	}
}

func TestVerifyDetectsTampering(t *testing.T) {
	s := mustSigner(t)
	cases := []struct {
		name        string
		mutate      func([]*domain.AuditEntry) []*domain.AuditEntry
		firstBroken int64
		reason      string
	}{
		{"field changed", func(c []*domain.AuditEntry) []*domain.AuditEntry {
			c[4].ActorLabel = "mallory@example.dk"
			return c
		}, 5, "altered"},
		{"detail changed", func(c []*domain.AuditEntry) []*domain.AuditEntry {
			c[2].Details = map[string]string{"role": "owner", "n": "2"}
			return c
		}, 3, "altered"},
		{"time changed", func(c []*domain.AuditEntry) []*domain.AuditEntry {
			c[6].At = c[6].At.Add(-time.Hour)
			return c
		}, 7, "altered"},
		{"middle row deleted", func(c []*domain.AuditEntry) []*domain.AuditEntry {
			return without(c, 3)
		}, 4, "missing"},
		{"middle row deleted and later seqs renumbered", func(c []*domain.AuditEntry) []*domain.AuditEntry {
			c = without(c, 3)
			for _, e := range c[3:] {
				e.Seq--
			}
			return c
		}, 4, "does not link"},
		{"rows swapped", func(c []*domain.AuditEntry) []*domain.AuditEntry {
			c[1], c[2] = c[2], c[1]
			return c
		}, 2, "missing"},
		{"row duplicated", func(c []*domain.AuditEntry) []*domain.AuditEntry {
			return append(c[:3:3], c[2:]...)
		}, 4, "appears where"},
		{"hash recomputed after edit", func(c []*domain.AuditEntry) []*domain.AuditEntry {
			c[5].Action = "user.delete"
			Seal(c[5].PrevHash, c[5])
			return c
		}, 7, "does not link"},
		{"entry of another organisation", func(c []*domain.AuditEntry) []*domain.AuditEntry {
			c[8].OrgID = "org-b"
			return c
		}, 9, "organisation"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			chain := newChain("org-a", 10)
			cp := checkpointAt(s, chain, 10)
			r := Verify(iter(c.mutate(chain)), cp, s.PublicKey())
			if r.OK() || r.FirstBroken != c.firstBroken || !strings.Contains(r.Reason, c.reason) {
				t.Fatalf("FirstBroken=%d Reason=%q, want %d containing %q\n%s", r.FirstBroken, r.Reason, c.firstBroken, c.reason, r)
			}
			if !strings.Contains(r.String(), "BROKEN at entry") {
				t.Fatalf("String does not name the broken entry:\n%s", r)
			}
		})
	}
}

func TestVerifyTruncatedTail(t *testing.T) {
	s := mustSigner(t)
	chain := newChain("org-a", 10)
	cp := checkpointAt(s, chain, 10)
	truncated := chain[:7]
	// The chain alone cannot tell: what is left is a valid shorter chain.
	if r := Verify(iter(truncated), nil, nil); !r.OK() {
		t.Fatalf("truncated chain without checkpoint: %s", r)
	}
	r := Verify(iter(truncated), cp, s.PublicKey())
	if r.OK() || r.FirstBroken != 0 || !strings.Contains(r.CheckpointProblem, "removed") {
		t.Fatalf("truncation not detected by the checkpoint: %s", r)
	}
}

func TestVerifyWholeChainRewritten(t *testing.T) {
	s := mustSigner(t)
	chain := newChain("org-a", 10)
	cp := checkpointAt(s, chain, 6)
	// Rewrite every entry consistently, then append more: the chain is intact.
	forged := newChain("org-a", 12)
	for _, e := range forged {
		e.ActorLabel = "someone@else.dk"
	}
	prev := Genesis()
	for _, e := range forged {
		Seal(prev, e)
		prev = e.Hash
	}
	r := Verify(iter(forged), cp, s.PublicKey())
	if r.FirstBroken != 0 {
		t.Fatalf("forged chain should be internally consistent: %s", r)
	}
	if r.OK() || !strings.Contains(r.CheckpointProblem, "rewritten") {
		t.Fatalf("rewrite not detected by the checkpoint: %s", r)
	}
}

func TestVerifyForgedCheckpoint(t *testing.T) {
	s := mustSigner(t)
	chain := newChain("org-a", 10)
	forged := checkpointAt(s, chain, 10)
	forged.Size = 5 // hide the last five entries, keep the signature
	forged.Head = chain[4].Hash
	r := Verify(iter(chain[:5]), forged, s.PublicKey())
	if r.OK() || !strings.Contains(r.CheckpointProblem, "signature") {
		t.Fatalf("altered checkpoint accepted: %s", r)
	}
	mallory := mustSigner(t)
	r = Verify(iter(chain[:5]), checkpointAt(mallory, chain, 5), s.PublicKey())
	if r.OK() || !strings.Contains(r.CheckpointProblem, "signature") {
		t.Fatalf("checkpoint signed by another key accepted: %s", r)
	}
	r = Verify(iter(chain), checkpointAt(s, chain, 10), nil)
	if r.OK() {
		t.Fatalf("checkpoint accepted without a public key: %s", r)
	}
}

func TestVerifyReadError(t *testing.T) {
	chain := newChain("org-a", 3)
	next := iter(chain)
	n := 0
	r := Verify(func() (*domain.AuditEntry, error) {
		if n++; n == 3 {
			return nil, errors.New("connection lost")
		}
		return next()
	}, nil, nil)
	if r.OK() || r.Err == nil || !strings.Contains(r.String(), "NOT CHECKED TO THE END") {
		t.Fatalf("read error not reported: %s", r)
	}
}
