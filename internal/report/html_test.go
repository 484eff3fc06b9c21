package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"
)

func mustHTML(t *testing.T, r Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := HTML(&buf, r, translator(t, r.Lang)); err != nil {
		t.Fatalf("HTML: %v", err)
	}
	return buf.String()
}

func TestHTMLStatesTheCase(t *testing.T) {
	r := realisticReport()
	page := mustHTML(t, r)
	sum := ContentChecksum(r)
	for _, want := range []string{
		`<html lang="da">`,
		`<meta name="bgcheck-document-id" content="` + r.DocumentID + `">`,
		`<meta name="bgcheck-content-sha256" content="` + sum + `">`,
		"Københavns Lufthavne Ø-Drift A/S", "Søren Ærø Åberg", "010190-XXXX",
		"Luftfart – udvidet baggrundskontrol", "Godkendt", "Jørgen Bæk (sikkerhedschef)",
		"2027-11-03", "2027-09-08", "@page",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	for _, f := range r.Findings {
		if !strings.Contains(page, strings.ReplaceAll(f.Title, "'", "&#39;")) {
			t.Errorf("the HTML lacks the finding %q", f.Title)
		}
	}
	if strings.Contains(page, fullCPR) || strings.Contains(page, "010190-2837") {
		t.Error("the HTML contains the full CPR number")
	}
}

func TestHTMLEscapesEveryText(t *testing.T) {
	r := realisticReport()
	const attack = `<script>alert("x")</script><img src=x onerror=alert(1)>`
	r.Findings[0].ResolutionNote = attack
	r.Subject.Name = attack
	r.Organisation.Name = attack
	r.Package.Categories[0].Justification = attack
	r.Decision.Reason = attack
	page := mustHTML(t, r)
	if strings.Contains(page, "<script") || strings.Contains(page, "<img") {
		t.Fatal("text from the report reached the page as markup")
	}
	if n := strings.Count(page, "&lt;script&gt;"); n < 5 {
		t.Errorf("the escaped text appears %d times, want every one of the 5 places", n)
	}
}

func TestHTMLStyleIsAllowedByItsContentSecurityPolicy(t *testing.T) {
	page := mustHTML(t, realisticReport())
	start := strings.Index(page, "<style>")
	end := strings.Index(page, "</style>")
	if start < 0 || end < start {
		t.Fatal("no style element")
	}
	sum := sha256.Sum256([]byte(page[start+len("<style>") : end]))
	want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	if !strings.Contains(HTMLContentSecurityPolicy, want) {
		t.Errorf("the policy %q does not allow the page's style (%s)", HTMLContentSecurityPolicy, want)
	}
	if strings.Contains(page, "<script") || strings.Contains(page, " style=") {
		t.Error("the page has script or inline style attributes, which the policy blocks")
	}
}
