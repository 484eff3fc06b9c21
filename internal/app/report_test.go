package app_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// TestReportIssuedAndVerified issues the report of a decided case: its
// text (read back with pdftotext) states the organisation, the package,
// the findings and the decision; the copy verifies against the record,
// an altered copy does not, and issuing is audited.
func TestReportIssuedAndVerified(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		_, owner := e.org("Alfa")
		c, _, err := e.app.Cases().Create(as(owner), newCase(e.pkg(owner, "id_check"), "Karen Prøvesen", "karen@example.dk"))
		if err != nil {
			t.Fatal(err)
		}
		an := e.submitAndAnalyse(t, owner, c.ID)
		if len(an.Findings) == 0 {
			t.Fatal("expected findings for an empty submission")
		}
		for _, f := range an.Findings {
			if f.Severity == "blocking" {
				if err := e.app.Cases().ResolveFinding(as(owner), c.ID, f.Key, "Set på video."); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := e.app.Cases().Decide(as(owner), c.ID, domain.DecisionApproved, "Pas kontrolleret ved fremmøde."); err != nil {
			t.Fatal(err)
		}
		pdf, docID, err := e.app.Cases().Report(as(owner), c.ID, "da")
		if err != nil {
			t.Fatal(err)
		}
		row, ok, err := e.app.Operator().VerifyReport(context.Background(), pdf)
		if err != nil || !ok || row.DocumentID != docID || row.CaseID != c.ID {
			t.Fatalf("genuine copy: %+v %v %v", row, ok, err)
		}
		altered := append([]byte(nil), pdf...)
		altered[len(altered)/2] ^= 1
		if _, ok, err := e.app.Operator().VerifyReport(context.Background(), altered); err == nil && ok {
			t.Fatal("an altered copy verified")
		}
		if audited, _ := e.app.Audit().List(as(owner), domain.AuditFilter{Action: "case.report_issued"}); len(audited) != 1 {
			t.Fatalf("report issues audited: %d", len(audited))
		}
		text := pdfText(t, pdf)
		for _, want := range []string{"Alfa", "Karen Prøvesen", docID, "Pas kontrolleret ved fremmøde.", e.app.Translator.T("da", "decision.approved", nil)} {
			if !strings.Contains(text, want) {
				t.Errorf("report lacks %q", want)
			}
		}
	})
}

// pdfText extracts a PDF's text with poppler's pdftotext, which CI
// installs; elsewhere the test is skipped without it.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext missing on CI")
		}
		t.Skip("pdftotext not installed")
	}
	f := t.TempDir() + "/r.pdf"
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
