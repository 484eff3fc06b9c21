package certificate

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// rawPDF writes a PDF by hand, for the structures fpdf cannot make:
// simple fonts with their own encodings, annotations, optional content,
// form XObjects. objs[i] is object i+1; a body ending in "stream" gets
// the stream that follows the marker "\n---\n" in it. Object 1 must be
// the catalogue.
func rawPDF(objs ...string) []byte { return buildPDF("", objs...) }

// buildPDF is rawPDF with an object written first in the file, as
// linearised files begin with their linearisation dictionary; it is
// numbered after the others.
func buildPDF(first string, objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	if first != "" {
		objs = append(objs, first)
	}
	offsets := make([]int, len(objs))
	if first != "" {
		offsets[len(objs)-1] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(objs), first)
		objs = objs[:len(objs)-1]
	}
	for i, o := range objs {
		offsets[i] = b.Len()
		if dict, data, ok := strings.Cut(o, "\n---\n"); ok {
			o = fmt.Sprintf("%s /Length %d>>\nstream\n%s\nendstream", strings.TrimSuffix(dict, ">>"), len(data), data)
		}
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// onePage is a catalogue, page tree and page with the given resources,
// content and extra page entries (objects 1–4); more objects follow from
// 5.
func onePage(resources, content, pageExtra string, more ...string) []byte {
	objs := []string{
		"<</Type /Catalog /Pages 2 0 R>>",
		"<</Type /Pages /Kids [3 0 R] /Count 1>>",
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + resources + " /Contents 4 0 R " + pageExtra + ">>",
		"<<>>\n---\n" + content,
	}
	return rawPDF(append(objs, more...)...)
}

const helvetica = "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding>>"

// certificateText is the standard certificate's content in one simple
// font, as content-stream text lines.
func certificateText(font string, lines ...string) string {
	var b strings.Builder
	y := 800
	for _, l := range lines {
		fmt.Fprintf(&b, "BT /%s 11 Tf 50 %d Td (%s) Tj ET\n", font, y, l)
		y -= 20
	}
	return b.String()
}

var standardLines = []string{
	"Privat straffeattest", "Navn: Karen Pr\\370vesen", "CPR-nr.: 010190-1234", "Udstedt: 16.11.2026",
	"Der er ingen registreringer i Kriminalregistret.",
}

func TestReadSimpleFontWinAnsi(t *testing.T) {
	b := onePage("<</Font <</F1 5 0 R>>>>", certificateText("F1", standardLines...), "", helvetica)
	rd := read(t, b)
	if rd.Name != "Karen Prøvesen" || rd.Outcome != rules.OutcomeClean || rd.Kind != rules.RecordCriminal {
		t.Errorf("reading %+v", rd)
	}
	wantSigns(t, rd)
}

func TestReadSimpleFontDifferences(t *testing.T) {
	// Codes 1–3 are redefined as ø, æ and å by glyph name, as
	// subsetting generators do.
	font := "<</Type /Font /Subtype /Type1 /BaseFont /X /Encoding <</BaseEncoding /StandardEncoding /Differences [1 /oslash /ae /uni00E5]>>>>"
	lines := slicesReplace(standardLines, 1, "Navn: S\\001ren \\002r\\003")
	b := onePage("<</Font <</F1 5 0 R>>>>", certificateText("F1", lines...), "", font)
	if rd := read(t, b); rd.Name != "Søren ærå" {
		t.Errorf("name %q", rd.Name)
	}
}

func slicesReplace(xs []string, i int, v string) []string {
	out := append([]string(nil), xs...)
	out[i] = v
	return out
}

func TestReadToUnicodeOverridesEncoding(t *testing.T) {
	// A subset font whose codes mean nothing without its ToUnicode map:
	// bfchar for single codes, bfrange with a start value and with a
	// list.
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"1 begincodespacerange <00> <FF> endcodespacerange\n" +
		"2 beginbfchar <01> <00F8> <02> <00E6> endbfchar\n" +
		"2 beginbfrange <41> <5A> <0061> <10> <12> [<0020> <003A> <002E>] endbfrange\n" +
		"endcmap CMapName currentdict /CMap defineresource pop end end"
	font := "<</Type /Font /Subtype /TrueType /BaseFont /Sub /ToUnicode 6 0 R>>"
	// "NAVN: KAREN PR\001VESEN" upper-case codes map to lower-case text.
	text := "BT /F1 11 Tf 50 780 Td (NAVN\\021\\020KAREN\\020PR\\001VESEN) Tj ET\n"
	b := onePage("<</Font <</F1 5 0 R>>>>", text+certificateText("F2", "Privat straffeattest"), "", font, "<<>>\n---\n"+cmap)
	lns := visibleLines(t, b)
	if len(lns) != 2 || lns[1] != "navn: karen prøvesen" {
		t.Errorf("lines %q", lns)
	}
}

// visibleLines reads a PDF's visible text lines.
func visibleLines(t *testing.T, b []byte) []string {
	t.Helper()
	doc, err := open(t.Context(), b, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	p := newPainter(doc)
	pg, ok := doc.page(1)
	if !ok {
		t.Fatal("no page")
	}
	p.paintPage(1, pg)
	var vis []run
	for _, r := range p.runs {
		if !r.hidden() {
			vis = append(vis, r)
		}
	}
	return lines(vis)
}

func TestReadTJArraysAndSpacing(t *testing.T) {
	content := "BT /F1 11 Tf 50 800 Td [(Der) -300 (er) -300 (ingen) -20 ( registreringer.)] TJ ET\n" +
		"BT /F1 11 Tf 50 780 Td (Navn:) Tj 100 0 Td (Karen Pr\\370vesen) Tj ET\n" +
		"BT /F1 11 Tf 12 TL 50 760 Td (Privat) Tj T* (straffeattest) Tj ET\n"
	b := onePage("<</Font <</F1 5 0 R>>>>", content, "", helvetica)
	got := visibleLines(t, b)
	want := []string{"Der er ingen registreringer.", "Navn: Karen Prøvesen", "Privat", "straffeattest"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines %q, want %q", got, want)
	}
}

func TestReadAnnotationCoveringText(t *testing.T) {
	// A square annotation whose appearance is a white box, laid over the
	// registrations: what viewers show is the clean text next to it.
	content := certificateText("F1", "Privat straffeattest", "Navn: Karen Pr\\370vesen", "CPR-nr.: 010190-1234",
		"Udstedt: 16.11.2026", "Der er f\\370lgende registreringer: vold.")
	annot := "<</Type /Annot /Subtype /Square /Rect [40 700 560 735] /AP <</N 7 0 R>>>>"
	appearance := "<</Type /XObject /Subtype /Form /BBox [0 0 520 35] /Resources <</Font <</F1 5 0 R>>>>>>\n---\n" +
		"1 g 0 0 520 35 re f 0 g BT /F1 11 Tf 10 12 Td (Der er ingen registreringer.) Tj ET"
	b := onePage("<</Font <</F1 5 0 R>>>>", content, "/Annots [6 0 R]", helvetica, annot, appearance)
	rd := read(t, b)
	wantSigns(t, rd, rules.SignTextCovered, rules.SignOutcomeContradictory)

	// A hidden annotation paints nothing.
	hidden := strings.Replace(annot, "/Subtype /Square", "/Subtype /Square /F 2", 1)
	b = onePage("<</Font <</F1 5 0 R>>>>", content, "/Annots [6 0 R]", helvetica, hidden, appearance)
	rd = read(t, b)
	wantSigns(t, rd, rules.SignTextInvisible, rules.SignOutcomeContradictory)
	if rd.Outcome != OutcomeUnknown {
		t.Errorf("outcome %q", rd.Outcome)
	}
}

func TestReadFormXObjectAndOptionalContent(t *testing.T) {
	form := "<</Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 0 -100] /Resources <</Font <</F1 5 0 R>>>>>>\n---\n" +
		certificateText("F1", standardLines...)
	b := onePage("<</XObject <</X1 6 0 R>>>>", "q /X1 Do Q", "", helvetica, form)
	rd := read(t, b)
	if rd.Name != "Karen Prøvesen" || rd.Outcome != rules.OutcomeClean {
		t.Errorf("text in a form: %+v", rd)
	}
	wantSigns(t, rd)

	// Text in a layer the document switches off is not shown.
	catalog := "<</Type /Catalog /Pages 2 0 R /OCProperties <</OCGs [6 0 R] /D <</OFF [6 0 R]>>>>>>"
	content := certificateText("F1", standardLines...) +
		"/OC /L1 BDC " + certificateText("F1", "Der er f\\370lgende registreringer: vold.") + "EMC"
	objs := []string{catalog, "<</Type /Pages /Kids [3 0 R] /Count 1>>",
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 5 0 R>> /Properties <</L1 6 0 R>>>> /Contents 4 0 R>>",
		"<<>>\n---\n" + content, helvetica, "<</Type /OCG /Name (Skjult)>>"}
	rd = read(t, rawPDF(objs...))
	wantSigns(t, rd, rules.SignTextInvisible, rules.SignOutcomeContradictory)
}

func TestReadCompositeFontWidths(t *testing.T) {
	// Identity-H codes with a W array: the second piece of text starts
	// where the widths say the first ends, so the two join with no
	// space.
	cmap := "1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange"
	font := "<</Type /Font /Subtype /Type0 /BaseFont /G /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R>>"
	cid := "<</Type /Font /Subtype /CIDFontType2 /BaseFont /G /DW 1000 /W [65 [500 600] 67 90 400]>>"
	content := "BT /F1 10 Tf 50 800 Td <00410042> Tj ET BT /F1 10 Tf 61 800 Td <0043> Tj ET"
	b := onePage("<</Font <</F1 5 0 R>>>>", content, "", font, cid, "<<>>\n---\n"+cmap)
	if got := visibleLines(t, b); len(got) != 1 || got[0] != "ABC" {
		t.Errorf("lines %q", got)
	}
}

// A file with more drawing than any certificate is read up to the
// bounds, and says so.
func TestReadBoundsWork(t *testing.T) {
	text := certificateText("F1", standardLines...)
	tests := map[string]string{
		"shapes": text + strings.Repeat("0 0 1 1 re f\n", maxShapes+1),
		"runs":   text + strings.Repeat("BT /F1 11 Tf 50 50 Td (x) Tj ET\n", maxRuns+1),
	}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			rd := read(t, onePage("<</Font <</F1 5 0 R>>>>", content, "", helvetica))
			wantSigns(t, rd, rules.SignUnreadable)
			if rd.Outcome != rules.OutcomeClean {
				t.Errorf("outcome %q", rd.Outcome)
			}
		})
	}
	if rd := read(t, onePage("<</Font <</F1 5 0 R>>>>", text+strings.Repeat("0 0 1 1 re f\n", maxShapes-10), "", helvetica)); len(rd.Signs) != 0 {
		t.Errorf("within bounds: %v", rd.Signs)
	}
}
