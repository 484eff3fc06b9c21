package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// ContentChecksum returns the report's content checksum: the SHA-256, in
// lower-case hex, of its canonical JSON encoding (see canonicalJSON). It
// is printed in the report and recorded with it; it does not depend on
// the language of the labels, the layout or the PDF library, only on the
// facts the report states.
func ContentChecksum(r Report) string {
	sum := sha256.Sum256(canonicalJSON(r))
	return hex.EncodeToString(sum[:])
}

// canonicalJSON encodes r as encoding/json does for the Report type —
// members in the order the struct fields are declared, under their json
// names, no insignificant white space, no trailing newline — after these
// normalisations, so that the same facts always give the same bytes:
//
//   - the CPR number is passed through MaskCPR (a full number must not
//     even be hashed: ten thousand guesses would recover it);
//   - every time is truncated to whole seconds and put in UTC, since the
//     document shows minutes and databases keep different precisions;
//   - absent lists are empty lists ([] rather than null);
//   - <, > and & are not escaped as \u003c etc.
//
// docs/reports.md lists the members so that the checksum can be
// recomputed without Go.
func canonicalJSON(r Report) []byte {
	c := normalised(r)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		// Report holds only strings, ints, times and slices of them:
		// encoding cannot fail.
		panic("report: canonical encoding: " + err.Error())
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// normalised returns a copy of r in canonical form; r is not changed.
func normalised(r Report) Report {
	t := func(v time.Time) time.Time { return v.Truncate(time.Second).UTC() }
	r.GeneratedAt = t(r.GeneratedAt)
	r.Subject.MaskedCPR = MaskCPR(r.Subject.MaskedCPR)
	r.Package.Categories = orEmpty(r.Package.Categories)
	r.Sources = orEmpty(r.Sources)
	for i := range r.Sources {
		r.Sources[i].At = t(r.Sources[i].At)
	}
	if r.Analysis != nil {
		a := *r.Analysis
		a.AnalysedAt = t(a.AnalysedAt)
		r.Analysis = &a
	}
	r.Findings = orEmpty(r.Findings)
	for i := range r.Findings {
		r.Findings[i].ResolvedAt = t(r.Findings[i].ResolvedAt)
	}
	if r.Decision != nil {
		d := *r.Decision
		d.DecidedAt, d.ConfirmedAt = t(d.DecidedAt), t(d.ConfirmedAt)
		r.Decision = &d
	}
	return r
}

// orEmpty returns a copy of s, never nil, so that the caller's slice is
// not modified through the copy.
func orEmpty[T any](s []T) []T {
	return append(make([]T, 0, len(s)), s...)
}
