package audit

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Verify walks one organisation's audit entries in Seq order (next returns
// io.EOF after the last) and checks the chain: Seq runs 1, 2, 3, … without
// gaps, each PrevHash is the previous entry's Hash (Genesis for the first)
// and each Hash recomputes from the entry's content. When last is not nil
// it also checks last against the chain: its signature verifies with pub,
// the chain still has at least last.Size entries (else it was truncated)
// and entry last.Size still has the hash last.Head (else the chain was
// rewritten, however consistently). Entries after the checkpoint are
// protected by the chain alone until the next checkpoint.
func Verify(next func() (*domain.AuditEntry, error), last *Checkpoint, pub ed25519.PublicKey) Report {
	w := walker{prev: Genesis(), want: 1}
	if last != nil {
		w.mark = last.Size
		w.r.Checkpoint = last
	}
	for {
		e, err := next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			w.r.Err = fmt.Errorf("audit: reading entry %d: %w", w.want, err)
			return w.r
		}
		w.step(e)
	}
	w.r.Head = w.prev
	if last != nil {
		w.r.CheckpointProblem = w.checkpointProblem(last, pub)
	}
	return w.r
}

// walker carries the state of one chain walk.
type walker struct {
	r        Report
	prev     []byte // Hash of the entry before the next one
	want     int64  // the Seq the next entry must have
	mark     int64  // the checkpoint's size, 0 when none
	markHash []byte // Hash of entry mark, once seen
}

func (w *walker) step(e *domain.AuditEntry) {
	if w.r.OrgID == "" {
		w.r.OrgID = e.OrgID
	}
	w.r.Entries++
	if w.r.FirstBroken == 0 {
		if reason := w.linkProblem(e); reason != "" {
			w.r.FirstBroken = w.want
			w.r.Reason = reason
		}
	}
	if e.Seq == w.mark {
		w.markHash = slices.Clone(e.Hash)
	}
	w.prev = e.Hash
	w.want = e.Seq + 1
}

func (w *walker) linkProblem(e *domain.AuditEntry) string {
	switch {
	case e.OrgID != w.r.OrgID:
		return fmt.Sprintf("entry %d belongs to organisation %q", e.Seq, e.OrgID)
	case e.Seq > w.want:
		return fmt.Sprintf("entry %d is missing (the next entry has seq %d)", w.want, e.Seq)
	case e.Seq < w.want:
		return fmt.Sprintf("entry with seq %d appears where seq %d was expected", e.Seq, w.want)
	case !bytes.Equal(e.PrevHash, w.prev):
		return fmt.Sprintf("entry %d does not link to the hash of the entry before it", e.Seq)
	case !bytes.Equal(Hash(e.PrevHash, e), e.Hash):
		return fmt.Sprintf("entry %d was altered: its content no longer matches its hash", e.Seq)
	}
	return ""
}

func (w *walker) checkpointProblem(cp *Checkpoint, pub ed25519.PublicKey) string {
	if pub == nil {
		return "no public key to verify the checkpoint with"
	}
	if err := VerifyCheckpoint(pub, *cp); err != nil {
		return "the checkpoint's signature is not valid: " + err.Error()
	}
	if w.r.OrgID != "" && cp.OrgID != w.r.OrgID {
		return fmt.Sprintf("the checkpoint is for organisation %q", cp.OrgID)
	}
	if w.r.Entries < cp.Size {
		return fmt.Sprintf("the chain has %d entries but the checkpoint of %s recorded %d: entries were removed",
			w.r.Entries, cp.At.Format("2006-01-02 15:04:05Z07:00"), cp.Size)
	}
	want := w.markHash
	if cp.Size == 0 {
		want = Genesis()
	}
	if !bytes.Equal(want, cp.Head) {
		return fmt.Sprintf("entry %d differs from the checkpoint of %s: the chain was rewritten",
			cp.Size, cp.At.Format("2006-01-02 15:04:05Z07:00"))
	}
	return ""
}
