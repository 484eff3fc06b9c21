package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pdftotext extracts the text of a PDF with Debian's poppler-utils, as an
// inspector's tools would. Without the tool the test is skipped, except on
// CI, where .ci/run installs it and a skip would hide a failure.
func pdftotext(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext (poppler-utils) is required on CI")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pages splits pdftotext output at its form feeds, one entry per page.
func pages(text string) []string {
	ps := strings.Split(text, "\f")
	if len(ps) > 0 && strings.TrimSpace(ps[len(ps)-1]) == "" {
		ps = ps[:len(ps)-1]
	}
	return ps
}

func TestPDFTextStatesTheCase(t *testing.T) {
	r := realisticReport()
	text := pdftotext(t, mustPDF(t, r))
	sum := ContentChecksum(r)
	for _, want := range []string{
		"Københavns Lufthavne Ø-Drift A/S", "12345674",
		"Søren Ærø Åberg", "010190-XXXX", "1990-01-01",
		"Luftfart – udvidet baggrundskontrol", "Luftfart, udvidet",
		"Økonomiske interesser kan udgøre en afpresningsrisiko",
		"MitID", "Privat straffeattest, læst fra PDF", "Ingen registreringer",
		"aviation-2026.2", "Kræver opmærksomhed", "2021-11-03 – 2026-11-02",
		"Fund i alt: 20. Heraf ikke håndteret: 4.",
		"Godkendt", "Mette Kjærgaard (sagsbehandler)", "Jørgen Bæk (sikkerhedschef)",
		"2026-11-03 13:01 CET", "2026-11-03 13:48 CET", // decided and confirmed, in Danish time
		"2027-11-03", "2027-09-08",
		r.DocumentID, sum,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF text lacks %q", want)
		}
	}
	for _, f := range r.Findings {
		if !strings.Contains(text, f.Title) {
			t.Errorf("the PDF text lacks the finding %q", f.Title)
		}
	}
	for _, leak := range []string{fullCPR, "010190-2837", "010190 2837"} {
		if strings.Contains(text, leak) {
			t.Errorf("the PDF text contains the full CPR number as %q", leak)
		}
	}
}

func TestPDFEveryPageHasHeaderFooterAndPageOfTotal(t *testing.T) {
	r := realisticReport()
	ps := pages(pdftotext(t, mustPDF(t, r)))
	if len(ps) < 3 {
		t.Fatalf("the realistic report has %d pages; twenty findings should need at least 3", len(ps))
	}
	sum := ContentChecksum(r)
	for i, p := range ps {
		for _, want := range []string{
			r.Organisation.Name,
			"Dokument-id: " + r.DocumentID,
			"Indholdets kontrolsum (SHA-256): " + sum,
			fmt.Sprintf("Side %d af %d", i+1, len(ps)),
		} {
			if !strings.Contains(p, want) {
				t.Errorf("page %d lacks %q", i+1, want)
			}
		}
	}
}

func TestPDFFindingsTableRepeatsItsHeaderOnEveryPage(t *testing.T) {
	r := realisticReport()
	ps := pages(pdftotext(t, mustPDF(t, r)))
	spanned := 0
	for i, p := range ps {
		if !strings.Contains(p, "(nr. ") { // no finding on this page
			continue
		}
		spanned++
		if !strings.Contains(p, "Håndtering") {
			t.Errorf("page %d shows findings without the table's column headings", i+1)
		}
	}
	if spanned < 2 {
		t.Errorf("the findings table spans %d pages; the test needs it to break", spanned)
	}
}

// words returns the distinct words of s, punctuation trimmed.
func words(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		if w = strings.Trim(w, ".,;:()»«\"'"); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func TestPDFWrapsLongTextWithoutLosingAWord(t *testing.T) {
	r := realisticReport()
	// A note longer than a whole page must be split across pages. Each
	// sentence carries its own number, so a lost line shows as a missing
	// number.
	var long strings.Builder
	for i := range 90 {
		fmt.Fprintf(&long, "Mærke%03d: Åse Grønbæk bekræftede perioden skriftligt efter aftale med lønkontoret. ", i)
	}
	r.Findings[7].ResolutionNote = long.String()
	r.Findings[3].Description = "Ordlangtudenmellemrumsomikkekanbrydesvedetmellemrumogderforskalbrydesmidtiordet-" + strings.Repeat("x", 150)
	text := pdftotext(t, mustPDF(t, r))
	flat := strings.Join(strings.Fields(text), " ")
	for _, w := range words(long.String()) {
		if !strings.Contains(flat, w) {
			t.Errorf("the PDF text lacks the word %q of the long note", w)
		}
	}
	if n := strings.Count(flat, "skriftligt"); n != 90 {
		t.Errorf("the long note's sentence appears %d times, want 90", n)
	}
	// The unbreakable word comes back whole once the lines are joined.
	joined := strings.Join(strings.Fields(strings.ReplaceAll(text, "\n", "")), "")
	if !strings.Contains(joined, "Ordlangtudenmellemrumsomikkekanbrydes") {
		t.Error("the start of the unbreakable word is missing")
	}
}

func TestPDFEnglish(t *testing.T) {
	r := realisticReport()
	r.Lang = "en"
	text := pdftotext(t, mustPDF(t, r))
	for _, want := range []string{"Background check report", "Approved", "Page 1 of", "CPR number (masked)", "010190-XXXX"} {
		if !strings.Contains(text, want) {
			t.Errorf("the English PDF lacks %q", want)
		}
	}
}

func TestPDFIsDeterministic(t *testing.T) {
	r := realisticReport()
	first := mustPDF(t, r)
	if second := mustPDF(t, r); !bytes.Equal(first, second) {
		t.Fatal("rendering the same report twice gave different bytes")
	}
	// The same instants given in another zone are the same facts.
	moved := realisticReport()
	cet := time.FixedZone("CET", 3600)
	moved.GeneratedAt = moved.GeneratedAt.In(cet)
	moved.Decision.DecidedAt = moved.Decision.DecidedAt.In(cet)
	for i := range moved.Sources {
		moved.Sources[i].At = moved.Sources[i].At.In(cet)
	}
	if !bytes.Equal(first, mustPDF(t, moved)) {
		t.Error("the same instants in another time zone gave a different PDF")
	}
	changed := realisticReport()
	changed.Findings[19].ResolutionNote += "!"
	if bytes.Equal(first, mustPDF(t, changed)) {
		t.Error("a changed note gave the same PDF")
	}
}

func TestPDFMetadata(t *testing.T) {
	r := realisticReport()
	b := mustPDF(t, r)
	for _, want := range []string{
		"/Creator (bgcheck)",
		"/CreationDate (D:20261103130507)", // GeneratedAt, in UTC
		"/Keywords (bgcheck background-check-report bgcheck-document-id=" + r.DocumentID + " bgcheck-content-sha256=" + ContentChecksum(r) + ")",
		"/Lang (da)",
	} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("the PDF lacks %s", want)
		}
	}
}

func TestRenderersRefuseInvalidReports(t *testing.T) {
	tests := map[string]func(*Report){
		"document id with a space":       func(r *Report) { r.DocumentID = "BGC 1234" },
		"document id with a parenthesis": func(r *Report) { r.DocumentID = "BGC-1234)" },
		"empty document id":              func(r *Report) { r.DocumentID = "" },
		"no generation time":             func(r *Report) { r.GeneratedAt = time.Time{} },
		"language that is not a tag":     func(r *Report) { r.Lang = "da) /JS (x" },
		"unknown severity":               func(r *Report) { r.Findings[2].Severity = "fatal" },
		"unknown recommendation":         func(r *Report) { r.Analysis.Recommendation = "hire" },
		"unknown outcome":                func(r *Report) { r.Decision.Outcome = "maybe" },
		"decision without a time":        func(r *Report) { r.Decision.DecidedAt = time.Time{} },
		"valid-until not a date":         func(r *Report) { r.ValidUntil = "03-11-2027" },
		"coverage not a date":            func(r *Report) { r.Analysis.CoverageTo = "2026-13-01" },
	}
	for name, spoil := range tests {
		t.Run(name, func(t *testing.T) {
			r := realisticReport()
			spoil(&r)
			if _, err := PDF(r, translator(t, "da")); err == nil {
				t.Error("PDF accepted the report")
			}
			var buf bytes.Buffer
			if err := HTML(&buf, r, translator(t, "da")); err == nil || buf.Len() > 0 {
				t.Errorf("HTML: err %v, wrote %d bytes; want an error and nothing written", err, buf.Len())
			}
		})
	}
}

func TestRenderersAcceptAnUndecidedUnanalysedCase(t *testing.T) {
	r := realisticReport()
	r.Analysis, r.Decision, r.Findings, r.Sources = nil, nil, nil, nil
	r.ValidUntil, r.NextRecheck = "", ""
	text := pdftotext(t, mustPDF(t, r))
	for _, want := range []string{"Sagen er ikke analyseret.", "Der er endnu ikke truffet en afgørelse i sagen.", "Der er ikke kontrolleret mod nogen kilder."} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

func TestPDFPrintsTextThatLooksLikeAPageTotalPlaceholder(t *testing.T) {
	r := realisticReport()
	r.Findings[0].ResolutionNote = "Se bilag {nb} og {{.Pages}}."
	text := pdftotext(t, mustPDF(t, r))
	if !strings.Contains(text, "Se bilag {nb} og {{.Pages}}.") {
		t.Error("the note was altered by the page-total substitution")
	}
}
