package audit

import (
	"encoding/hex"
	"fmt"
	"strings"
)

// Report is the outcome of Verify for one organisation.
type Report struct {
	OrgID   string // from the entries; empty when there were none
	Entries int64  // entries read
	Head    []byte // Hash of the last entry read, Genesis when none

	// FirstBroken is the Seq of the first entry whose link or content is
	// wrong, 0 when the chain is intact; Reason says what is wrong.
	FirstBroken int64
	Reason      string

	// Checkpoint is the checkpoint compared against, nil when none was
	// given; CheckpointProblem is empty when the chain agrees with it.
	Checkpoint        *Checkpoint
	CheckpointProblem string

	// Err is set when the entries could not be read to the end; the rest
	// of the report then covers only what was read.
	Err error
}

// OK reports whether the chain is intact, agrees with the checkpoint (if
// one was given) and was read to the end.
func (r Report) OK() bool {
	return r.FirstBroken == 0 && r.CheckpointProblem == "" && r.Err == nil
}

// String renders the report for the command line, one finding per line.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "organisation %s: %d entries, head %s\n", orDash(r.OrgID), r.Entries, shortHex(r.Head))
	switch {
	case r.Err != nil:
		fmt.Fprintf(&b, "chain: NOT CHECKED TO THE END: %v\n", r.Err)
	case r.FirstBroken != 0:
		fmt.Fprintf(&b, "chain: BROKEN at entry %d: %s\n", r.FirstBroken, r.Reason)
	default:
		b.WriteString("chain: intact\n")
	}
	switch cp := r.Checkpoint; {
	case cp == nil:
		b.WriteString("checkpoint: none (truncation or a rewrite of the whole chain cannot be detected)\n")
	case r.CheckpointProblem != "":
		fmt.Fprintf(&b, "checkpoint: FAILED: %s\n", r.CheckpointProblem)
	default:
		fmt.Fprintf(&b, "checkpoint: agrees (size %d, head %s, %s, key %s)\n",
			cp.Size, shortHex(cp.Head), cp.At.UTC().Format("2006-01-02 15:04:05Z"), cp.KeyID)
	}
	if r.OK() {
		b.WriteString("result: OK\n")
	} else {
		b.WriteString("result: FAILED\n")
	}
	return b.String()
}

func shortHex(b []byte) string {
	s := hex.EncodeToString(b)
	if len(s) > 16 {
		return s[:16] + "…"
	}
	return orDash(s)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
