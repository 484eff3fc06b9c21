package report

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageW        = 210.0
	pageH        = 297.0
	marginX      = 18.0
	marginTop    = 24.0 // below the running header
	marginBottom = 22.0 // above the running footer
	contentW     = pageW - 2*marginX
	lineH        = 4.3 // one line of body text
	cellPad      = 1.4
	labelW       = 52.0 // label column of field lists
	family       = "go" // the Go fonts: UTF-8, so æ, ø and å print
	// pagesAlias stands for the page total until the last page is done.
	// fpdf replaces it everywhere in the page content, so it is made of
	// private-use characters, which clean removes from every text.
	pagesAlias = "\uE000nb\uE000"
)

// PDF renders r as an A4 PDF document, labels translated with t. Every
// page carries the organisation and document id in its header and the
// document id, content checksum and "page X of Y" in its footer. The
// document's metadata carries the document id and content checksum in
// its Keywords (read back by Verify), the creation date is GeneratedAt,
// and the same Report always gives byte-identical output.
func PDF(r Report, t Translator) ([]byte, error) {
	if t == nil {
		return nil, errors.New("report: PDF: no translator")
	}
	if err := validate(&r); err != nil {
		return nil, err
	}
	v := build(r, t)
	f := fpdf.New("P", "mm", "A4", "")
	// Fonts before AliasNbPages: fpdf then reserves the digits in the
	// font subset, which the page total is later written with.
	f.AddUTF8FontFromBytes(family, "", goregular.TTF)
	f.AddUTF8FontFromBytes(family, "B", gobold.TTF)
	setMetadata(f, r, v)
	f.AliasNbPages(pagesAlias)
	f.SetMargins(marginX, marginTop, marginX)
	f.SetAutoPageBreak(false, marginBottom) // pdfDoc breaks pages itself
	f.SetCellMargin(0)
	p := &pdfDoc{f: f, v: v, t: t}
	f.SetHeaderFuncMode(p.header, true)
	f.SetFooterFunc(p.footer)
	f.AddPage()
	p.body()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("report: PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// setMetadata fills the document information dictionary. Everything that
// would otherwise vary between runs (dates, resource order) is fixed.
func setMetadata(f *fpdf.Fpdf, r Report, v view) {
	// fpdf writes the date without a zone, which readers take as UTC.
	at := r.GeneratedAt.UTC()
	f.SetCreationDate(at)
	f.SetModificationDate(at)
	f.SetCatalogSort(true)
	f.SetCreator("bgcheck", false)
	f.SetTitle(v.Title+" "+v.DocumentID, true)
	f.SetSubject(v.Title+" – "+v.OrgName, true)
	f.SetKeywords(keywords(v.DocumentID, v.Checksum), false)
	f.SetLang(r.Lang)
}

// pdfDoc draws a view onto an fpdf document.
type pdfDoc struct {
	f *fpdf.Fpdf
	v view
	t Translator
}

// style sets the font and colour of a paragraph style.
func (p *pdfDoc) style(s string) {
	switch s {
	case styleStrong:
		p.f.SetFont(family, "B", 9)
		p.f.SetTextColor(0, 0, 0)
	case styleMuted:
		p.f.SetFont(family, "", 8.5)
		p.f.SetTextColor(85, 85, 85)
	case styleAlert:
		p.f.SetFont(family, "B", 8.5)
		p.f.SetTextColor(155, 28, 28)
	default:
		p.f.SetFont(family, "", 9)
		p.f.SetTextColor(0, 0, 0)
	}
}

func (p *pdfDoc) header() {
	f := p.f
	half := contentW / 2
	f.SetFont(family, "B", 8.5)
	f.SetTextColor(0, 0, 0)
	f.Text(marginX, 13, p.fit(p.v.OrgName, half-4))
	f.SetFont(family, "", 8.5)
	id := p.fit(p.v.RunningID, half-4)
	f.Text(pageW-marginX-f.GetStringWidth(id), 13, id)
	f.SetDrawColor(150, 150, 150)
	f.SetLineWidth(0.2)
	f.Line(marginX, 15.5, pageW-marginX, 15.5)
}

func (p *pdfDoc) footer() {
	f := p.f
	y := pageH - 16
	f.SetDrawColor(150, 150, 150)
	f.SetLineWidth(0.2)
	f.Line(marginX, y, pageW-marginX, y)
	f.SetTextColor(60, 60, 60)
	f.SetFont(family, "", 7.5)
	f.Text(marginX, y+4, p.fit(p.v.RunningID, contentW-40))
	// Left-aligned in a fixed place: the page total is filled in after
	// the last page, so its width is not known yet.
	page := p.t("report.page", map[string]any{"Page": strconv.Itoa(f.PageNo()), "Pages": pagesAlias})
	f.Text(pageW-marginX-32, y+4, page)
	// The checksum must be printed whole; shrink rather than cut it.
	size := 7.5
	for f.SetFont(family, "", size); f.GetStringWidth(p.v.RunningChecksum) > contentW && size > 5; f.SetFont(family, "", size) {
		size -= 0.25
	}
	f.Text(marginX, y+8, p.v.RunningChecksum)
}

// fit shortens s with an ellipsis until it is at most w wide in the
// current font.
func (p *pdfDoc) fit(s string, w float64) string {
	if p.f.GetStringWidth(s) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && p.f.GetStringWidth(string(rs)+"…") > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

func (p *pdfDoc) body() {
	f := p.f
	f.SetFont(family, "B", 17)
	f.SetTextColor(0, 0, 0)
	f.Text(marginX, f.GetY()+6, p.v.Title)
	f.SetY(f.GetY() + 10)
	p.fields(p.v.Intro)
	for _, s := range p.v.Sections {
		p.section(s)
	}
}

func (p *pdfDoc) section(s section) {
	f := p.f
	// Keep a heading with at least a few lines of what follows it.
	p.ensure(9 + 3*lineH)
	f.SetY(f.GetY() + 3)
	f.SetFont(family, "B", 12)
	f.SetTextColor(0, 0, 0)
	f.Text(marginX, f.GetY()+4.5, s.Heading)
	f.SetDrawColor(190, 190, 190)
	f.Line(marginX, f.GetY()+6.2, pageW-marginX, f.GetY()+6.2)
	f.SetY(f.GetY() + 8)
	for _, n := range s.Notes {
		p.paragraph(n)
	}
	p.fields(s.Fields)
	if s.Table != nil {
		if len(s.Table.Rows) == 0 {
			p.paragraph(s.Empty)
		} else {
			p.table(*s.Table)
		}
	}
}

// ensure starts a new page unless h millimetres are left on this one.
func (p *pdfDoc) ensure(h float64) {
	if p.f.GetY()+h > pageH-marginBottom {
		p.f.AddPage()
	}
}

// paragraph prints wrapped text across the content width.
func (p *pdfDoc) paragraph(text string) {
	p.grid([][]para{{{text, ""}}}, []float64{contentW}, gridPlain, nil)
	p.f.SetY(p.f.GetY() + 1)
}

// fields prints label/value pairs in two borderless columns.
func (p *pdfDoc) fields(fs []field) {
	for _, fl := range fs {
		p.grid([][]para{{{fl.Label, styleMuted}}, {{fl.Value, ""}}}, []float64{labelW, contentW - labelW}, gridPlain, nil)
	}
	if len(fs) > 0 {
		p.f.SetY(p.f.GetY() + 1.5)
	}
}

// table prints a bordered table whose header row is repeated on every
// page it runs onto.
func (p *pdfDoc) table(tb table) {
	var total float64
	for _, w := range tb.Widths {
		total += w
	}
	widths := make([]float64, len(tb.Widths))
	for i, w := range tb.Widths {
		widths[i] = contentW * w / total
	}
	head := make([][]para, len(tb.Columns))
	for i, c := range tb.Columns {
		head[i] = []para{{c, styleStrong}}
	}
	drawHead := func() { p.grid(head, widths, gridHeader, nil) }
	// A table never starts with its header alone at the foot of a page.
	p.ensure(2*(lineH+2*cellPad) + 2*lineH)
	drawHead()
	for _, row := range tb.Rows {
		cells := make([][]para, len(row))
		for i, c := range row {
			cells[i] = c
		}
		p.grid(cells, widths, gridBordered, drawHead)
	}
	p.f.SetY(p.f.GetY() + 2)
}

// Grid row kinds.
const (
	gridPlain = iota
	gridBordered
	gridHeader
)

type pdfLine struct {
	text  string
	style string
}

// lines wraps a cell's paragraphs to width w.
func (p *pdfDoc) lines(c []para, w float64) []pdfLine {
	var out []pdfLine
	for _, pa := range c {
		if pa.Text == "" {
			continue
		}
		p.style(pa.Style)
		for _, l := range p.f.SplitText(pa.Text, w) {
			out = append(out, pdfLine{l, pa.Style})
		}
	}
	return out
}

// grid prints one row of cells. A row that does not fit on the rest of
// the page moves to the next one; a row taller than a whole page is split
// between lines, and cont (when set) repeats the table header before each
// continuation.
func (p *pdfDoc) grid(cells [][]para, widths []float64, kind int, cont func()) {
	f := p.f
	pad := 0.0
	if kind != gridPlain {
		pad = cellPad
	}
	wrapped := make([][]pdfLine, len(cells))
	n := 1
	for i, c := range cells {
		wrapped[i] = p.lines(c, widths[i]-2*pad)
		n = max(n, len(wrapped[i]))
	}
	bottom := pageH - marginBottom
	fresh := int((bottom - marginTop - 3*(lineH+2*cellPad) - 2*pad) / lineH) // what a new page holds below a table header
	for start, broke := 0, false; start < n; {
		avail := int((bottom - f.GetY() - 2*pad) / lineH)
		rest := n - start
		if rest > avail && !broke && (avail < 3 || rest <= fresh) {
			p.newPage(cont)
			broke = true
			continue
		}
		k := max(1, min(rest, avail))
		h := float64(k)*lineH + 2*pad
		x, y := marginX, f.GetY()
		for i, w := range widths {
			switch kind {
			case gridHeader:
				f.SetFillColor(236, 236, 236)
				f.SetDrawColor(180, 180, 180)
				f.Rect(x, y, w, h, "FD")
			case gridBordered:
				f.SetDrawColor(180, 180, 180)
				f.Rect(x, y, w, h, "D")
			}
			for j := start; j < start+k && j < len(wrapped[i]); j++ {
				l := wrapped[i][j]
				p.style(l.style)
				f.Text(x+pad, y+pad+float64(j-start)*lineH+lineH*0.74, l.text)
			}
			x += w
		}
		f.SetY(y + h)
		start += k
		broke = false
		if start < n {
			p.newPage(cont)
			broke = true
		}
	}
}

func (p *pdfDoc) newPage(cont func()) {
	p.f.AddPage()
	if cont != nil {
		cont()
	}
}
