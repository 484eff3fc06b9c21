package report

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"
)

// TestContentChecksumFollowsTheDocumentedEncoding writes the canonical
// JSON by hand, as docs/reports.md describes it, so that someone without
// Go can recompute a checksum.
func TestContentChecksumFollowsTheDocumentedEncoding(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	r := Report{
		DocumentID:  "BGC-0000-0000-0000-0001",
		GeneratedAt: time.Date(2026, 11, 3, 14, 5, 7, 999_999_999, cet),
		Lang:        "en",
		Subject:     Subject{Name: "Åse", MaskedCPR: "010190-2837"},
		Findings:    []Finding{{Category: "CV", Severity: SeverityInfo, Title: "A <b> & c"}},
	}
	want := `{"document_id":"BGC-0000-0000-0000-0001","generated_at":"2026-11-03T13:05:07Z","lang":"en","case_ref":"",` +
		`"organisation":{"name":"","cvr":""},"subject":{"name":"Åse","masked_cpr":"010190-XXXX","birth_date":""},` +
		`"package":{"name":"","version":0,"template":"","categories":[]},"sources":[],"analysis":null,` +
		`"findings":[{"category":"CV","severity":"info","title":"A <b> & c","description":"","evidence":"",` +
		`"resolution_note":"","resolved_by":"","resolved_at":"0001-01-01T00:00:00Z"}],` +
		`"decision":null,"valid_until":"","next_recheck":""}`
	if got := string(canonicalJSON(r)); got != want {
		t.Fatalf("canonical JSON\n got %s\nwant %s", got, want)
	}
	sum := sha256.Sum256([]byte(want))
	if got := ContentChecksum(r); got != hex.EncodeToString(sum[:]) {
		t.Errorf("ContentChecksum = %s, want the SHA-256 of the canonical JSON", got)
	}
}

func TestContentChecksumIgnoresRepresentation(t *testing.T) {
	base := ContentChecksum(realisticReport())
	tests := map[string]func(*Report){
		"times in another zone": func(r *Report) {
			r.GeneratedAt = r.GeneratedAt.In(time.FixedZone("X", -5*3600))
		},
		"times with other sub-second digits": func(r *Report) {
			r.Decision.DecidedAt = r.Decision.DecidedAt.Truncate(time.Second).Add(time.Microsecond)
		},
		"the CPR number already masked": func(r *Report) { r.Subject.MaskedCPR = "010190-****" },
	}
	for name, change := range tests {
		t.Run(name, func(t *testing.T) {
			r := realisticReport()
			change(&r)
			if got := ContentChecksum(r); got != base {
				t.Errorf("checksum changed to %s", got)
			}
		})
	}
	t.Run("nil and empty lists", func(t *testing.T) {
		a, b := realisticReport(), realisticReport()
		a.Sources, b.Sources = nil, []Source{}
		if ContentChecksum(a) != ContentChecksum(b) {
			t.Error("nil and empty source lists give different checksums")
		}
	})
}

func TestContentChecksumChangesWithAnyFact(t *testing.T) {
	base := ContentChecksum(realisticReport())
	tests := map[string]func(*Report){
		"document id": func(r *Report) { r.DocumentID = "BGC-7K3M-9QX2-AB4D-HT6S" },
		"one letter of a note": func(r *Report) {
			r.Findings[11].ResolutionNote = strings.Replace(r.Findings[11].ResolutionNote, "ø", "o", 1)
		},
		"the outcome":         func(r *Report) { r.Decision.Outcome = OutcomeRejected },
		"the second reviewer": func(r *Report) { r.Decision.SecondReviewer = "" },
		"a source's time":     func(r *Report) { r.Sources[2].At = r.Sources[2].At.Add(time.Minute) },
		"the package version": func(r *Report) { r.Package.Version = 4 },
		"the next re-check":   func(r *Report) { r.NextRecheck = "2027-09-09" },
		"findings reordered": func(r *Report) {
			r.Findings[0], r.Findings[1] = r.Findings[1], r.Findings[0]
		},
		"the birth-date part of the CPR": func(r *Report) { r.Subject.MaskedCPR = "0201902837" },
	}
	for name, change := range tests {
		t.Run(name, func(t *testing.T) {
			r := realisticReport()
			change(&r)
			if ContentChecksum(r) == base {
				t.Error("checksum did not change")
			}
		})
	}
}

func TestContentChecksumNeverHashesTheFullCPR(t *testing.T) {
	r := realisticReport()
	a := ContentChecksum(r)
	r.Subject.MaskedCPR = "0101901234" // same birth date, other sequence digits
	if ContentChecksum(r) != a {
		t.Error("the checksum depends on the CPR number's last four digits")
	}
	if c := string(canonicalJSON(r)); strings.Contains(c, "0101901234") || strings.Contains(c, "-1234") {
		t.Error("the canonical JSON contains the CPR number's last four digits")
	}
}

func TestContentChecksumLeavesTheReportUnchanged(t *testing.T) {
	r := realisticReport()
	cet := time.FixedZone("CET", 3600)
	r.Sources[0].At = r.Sources[0].At.In(cet)
	ContentChecksum(r)
	if r.Subject.MaskedCPR != fullCPR || r.Sources[0].At.Location() != cet || r.Findings[0].ResolvedAt.Nanosecond() == 0 {
		t.Error("ContentChecksum modified the caller's report")
	}
}
