package certificate

import (
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// show paints a string (Tj) or an array of strings and adjustments (TJ)
// and returns the text matrix after it.
func (p *painter) show(gs gstate, tm matrix, arg object, hiddenMark bool) matrix {
	ts := gs.text
	f := ts.font
	if f == nil {
		f = &font{simple: winAnsi(), dw: 500}
	}
	var parts []object
	if a, ok := arg.([]object); ok {
		parts = a
	} else {
		parts = []object{arg}
	}
	var b strings.Builder
	var first bool
	r := run{page: p.page}
	for _, part := range parts {
		switch v := part.(type) {
		case float64:
			tx := -v / 1000 * ts.size * ts.scale
			tm = (matrix{1, 0, 0, 1, tx, 0}).mul(tm)
			if v < -250 && b.Len() > 0 { // a gap wide enough to read as a space
				b.WriteByte(' ')
			}
		case string:
			for _, g := range f.decode(v) {
				trm := (matrix{ts.size * ts.scale, 0, 0, ts.size, 0, ts.rise}).mul(tm).mul(gs.ctm)
				if !first {
					r.x0, r.y0 = trm.apply(0, 0)
					r.size = trm.scaleY()
					first = true
				}
				b.WriteString(g.text)
				tx := g.width / 1000 * ts.size
				tx += ts.charSpace
				if g.space {
					tx += ts.wordSpace
				}
				tm = (matrix{1, 0, 0, 1, tx * ts.scale, 0}).mul(tm)
			}
		}
	}
	if !first || !tm.finite() {
		return tm
	}
	if p.pageRuns >= maxRuns {
		p.overflow = true
		return tm
	}
	p.pageRuns++
	r.x1, r.y1 = (matrix{1, 0, 0, 1, 0, ts.rise}).mul(tm).mul(gs.ctm).apply(0, 0)
	r.text = b.String()
	p.seq++
	r.seq = p.seq
	r.invisible = hiddenMark || p.hidden > 0 || invisibleMode(gs)
	r.white = whiteText(gs)
	r.tiny = r.size < 1
	if gs.clipped && !gs.clip.grow(1).contains(r.x0, r.y0) && !gs.clip.grow(1).contains(r.x1, r.y1) {
		r.invisible = true
	}
	p.runs = append(p.runs, r)
	return tm
}

// Text render modes (ISO 32000-1 §9.3.6): 0 fill, 1 stroke, 2 both, 3
// neither, 4–7 the same and add to the clipping path.
func fills(mode int) bool   { return mode == 0 || mode == 2 || mode == 4 || mode == 6 }
func strokes(mode int) bool { return mode == 1 || mode == 2 || mode == 5 || mode == 6 }

func invisibleMode(gs gstate) bool {
	m := gs.text.render
	if !fills(m) && !strokes(m) {
		return true
	}
	fillGone := !fills(m) || gs.fillAlpha < 0.05
	strokeGone := !strokes(m) || gs.strokeAlpha < 0.05
	return fillGone && strokeGone
}

func whiteText(gs gstate) bool {
	m := gs.text.render
	return (!fills(m) || gs.fill.white()) && (!strokes(m) || gs.stroke.white()) && (fills(m) || strokes(m))
}

// judge decides, once a page is painted, which of its runs lie outside
// the page or under something painted later, and which white text stands
// on a dark background (and so is seen).
func (p *painter) judge(runs []run) {
	area := p.box.grow(1)
	for i := range runs {
		r := &runs[i]
		if !area.contains(r.x0, r.y0) && !area.contains(r.x1, r.y1) {
			r.offPage = true
		}
		// Sample the run's start, middle and end at two heights: a thin
		// line (an underline, a strike-through) cannot cover them all.
		r.covered = true
		for _, h := range []float64{0.3 * r.size, 0.6 * r.size} {
			for _, pt := range [3][2]float64{{r.x0, r.y0 + h}, {(r.x0 + r.x1) / 2, (r.y0+r.y1)/2 + h}, {r.x1, r.y1 + h}} {
				if !p.coveredAfter(r.seq, pt[0], pt[1]) {
					r.covered = false
				}
			}
		}
		if r.white && p.darkBehind(r.seq, r.x0, r.y0+0.3*r.size) {
			r.white = false
		}
	}
}

func (p *painter) coveredAfter(seq int, x, y float64) bool {
	for _, s := range p.shapes {
		if s.page == p.page && s.seq > seq && s.r.contains(x, y) {
			return true
		}
	}
	return false
}

func (p *painter) darkBehind(seq int, x, y float64) bool {
	for i := len(p.shapes) - 1; i >= 0; i-- {
		s := p.shapes[i]
		if s.page == p.page && s.seq < seq && s.r.contains(x, y) {
			return s.image || s.lum < 0.8
		}
	}
	return false
}

// font returns the font a Tf operand names, loading it once.
func (p *painter) font(res types.Dict, arg object) *font {
	n, ok := arg.(name)
	if !ok {
		return nil
	}
	fonts := p.doc.dict(res["Font"])
	o, ok := fonts[string(n)]
	if !ok {
		return nil
	}
	key := ""
	if ref, isRef := o.(types.IndirectRef); isRef {
		key = ref.String()
	}
	if f, ok := p.fonts[key]; ok && key != "" {
		return f
	}
	f := p.doc.loadFont(o)
	if key != "" {
		p.fonts[key] = f
	}
	return f
}
