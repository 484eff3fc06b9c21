package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/report"
)

// TestAdminVerifyReport checks a report file against its issue record: the
// issued copy is authentic, a copy with one byte changed is not (exit 1),
// a file that is no report and a report bgcheck never issued are named as
// such.
func TestAdminVerifyReport(t *testing.T) {
	eachInstall(t, func(t *testing.T, in *install) {
		acme := in.createOrg(t, "Acme ApS")
		rep := report.Report{DocumentID: report.NewDocumentID(), GeneratedAt: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC), Lang: "en",
			CaseRef: "case-1", Organisation: report.Organisation{Name: "Acme ApS"}, Subject: report.Subject{Name: "Karen Prøvesen"},
			Package: report.Package{Name: "ID check", Version: 1}}
		pdf, err := report.PDF(rep, func(id string, _ map[string]any) string { return id })
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(pdf)
		in.exec(t, "INSERT INTO case_reports (document_id, org_id, case_id, content_sha256, file_sha256, created_by, created_at) VALUES ("+
			in.ph(1)+", "+in.ph(2)+", 'case-1', "+in.ph(3)+", "+in.ph(4)+", 'anna@acme.test', 1795428000000)",
			rep.DocumentID, acme, report.ContentChecksum(rep), hex.EncodeToString(sum[:]))
		dir := t.TempDir()
		write := func(name string, b []byte) string {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, b, 0o600); err != nil {
				t.Fatal(err)
			}
			return p
		}
		if out := in.run(t, "verify-report", write("genuine.pdf", pdf)); !strings.HasPrefix(out, "authentic: document "+rep.DocumentID) {
			t.Fatalf("genuine copy: %q", out)
		}
		altered := append([]byte(nil), pdf...)
		altered[len(altered)/3] ^= 1
		r := mustFail(t, 1, in.env, "admin", "verify-report", write("altered.pdf", altered))
		if !strings.Contains(r.stdout, "this copy differs") || !strings.Contains(r.stderr, "NOT the report that was issued") {
			t.Fatalf("altered copy: %+v", r)
		}
		r = mustFail(t, 1, in.env, "admin", "verify-report", write("note.txt", []byte("hello")))
		if !strings.Contains(r.stderr, "is not a bgcheck report") {
			t.Fatalf("not a report: %+v", r)
		}
		other := rep
		other.DocumentID = report.NewDocumentID()
		otherPDF, err := report.PDF(other, func(id string, _ map[string]any) string { return id })
		if err != nil {
			t.Fatal(err)
		}
		r = mustFail(t, 1, in.env, "admin", "verify-report", write("unknown.pdf", otherPDF))
		if !strings.Contains(r.stderr, "never issued") {
			t.Fatalf("unknown document id: %+v", r)
		}
		noStackTrace(t, r.stderr)
		mustFail(t, 2, in.env, "admin", "verify-report")
	})
}
