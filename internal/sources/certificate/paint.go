package certificate

import (
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The painter follows a page's content the way a viewer paints it, but
// instead of pixels it records where each piece of text lands and
// whether a reader could see it: its render mode, colour and opacity,
// the clipping area, and the shapes and images painted after it. That is
// what tells the text a viewer shows from text only a machine reads.

// colour is a fill or stroke colour reduced to its lightness; unknown
// colour spaces (patterns, spot colours) are never taken as white.
type colour struct {
	lum   float64
	known bool
}

func (c colour) white() bool { return c.known && c.lum >= 0.97 }

var black = colour{0, true}

func colourOf(v []float64) colour {
	switch len(v) {
	case 1:
		return colour{clamp01(v[0]), true}
	case 3:
		return colour{0.299*clamp01(v[0]) + 0.587*clamp01(v[1]) + 0.114*clamp01(v[2]), true}
	case 4:
		k := 1 - clamp01(v[3])
		r, g, b := (1-clamp01(v[0]))*k, (1-clamp01(v[1]))*k, (1-clamp01(v[2]))*k
		return colour{0.299*r + 0.587*g + 0.114*b, true}
	}
	return colour{}
}

func clamp01(v float64) float64 { return max(0, min(1, v)) }

type textState struct {
	font                                             *font
	size, charSpace, wordSpace, scale, leading, rise float64
	render                                           int
}

type gstate struct {
	ctm                    matrix
	fill, stroke           colour
	fillN, strokeN         int // components of the current colour spaces
	fillAlpha, strokeAlpha float64
	clip                   rect
	clipped                bool
	text                   textState
}

// run is the text of one text-showing operator.
type run struct {
	text           string
	x0, y0, x1, y1 float64 // device position of the first glyph and after the last
	size           float64 // glyph height on the page
	seq            int     // painting order
	page           int

	invisible, white, tiny, offPage, covered bool
}

func (r run) hidden() bool { return r.invisible || r.white || r.tiny || r.offPage || r.covered }

// hasWords reports whether the run holds a letter or digit: hiding a
// space or a rule line hides nothing.
func (r run) hasWords() bool {
	return strings.IndexFunc(r.text, func(c rune) bool {
		return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c > 0x7f && c != 0xa0 && c != 0xfffd
	}) >= 0
}

// shape is an opaque area painted over the page: a filled rectangle or
// an image.
type shape struct {
	r     rect
	seq   int
	page  int
	lum   float64
	image bool
}

const (
	maxOps       = 2_000_000 // operators interpreted per document
	maxFormDepth = 8         // form XObjects inside each other
	maxStack     = 256       // saved graphics states
	// Runs and shapes kept per page. A certificate has a few hundred
	// pieces of text and a few dozen shapes; the bounds keep the
	// comparison of every run with every shape cheap.
	maxRuns   = 10_000
	maxShapes = 2_000
)

type painter struct {
	doc    *document
	page   int
	box    rect
	runs   []run
	shapes []shape
	seq    int
	ops    int
	hidden int // > 0 while painting something the viewer does not show
	// pageRuns and pageShapes count the current page's; overflow records
	// that a bound was reached and part of the file went unread.
	pageRuns, pageShapes int
	overflow             bool
	sawImage             bool // a picture was painted: a scan, perhaps
	fonts                map[string]*font
	offOCGs              map[string]bool // optional content groups switched off
}

func newPainter(d *document) *painter {
	return &painter{doc: d, fonts: map[string]*font{}, offOCGs: d.offContentGroups()}
}

func initialState(ctm matrix) gstate {
	return gstate{ctm: ctm, fill: black, stroke: black, fillN: 1, strokeN: 1, fillAlpha: 1, strokeAlpha: 1,
		text: textState{size: 0, scale: 1}}
}

// paintPage interprets one page and its annotations.
func (p *painter) paintPage(n int, pg pageInfo) {
	p.page, p.box = n, pg.box
	p.pageRuns, p.pageShapes = 0, 0
	start := len(p.runs)
	p.paint(p.doc.contents(pg.dict), pg.resources, initialState(identity), 0)
	p.paintAnnotations(pg)
	p.judge(p.runs[start:])
}

// frame is the state of interpreting one content stream.
type frame struct {
	p           *painter
	res         types.Dict
	depth       int
	gs          gstate
	stack       []gstate
	path        bbox
	rectsOnly   bool // the current path is made of rectangles only
	pendingClip bool // W or W*: the path clips once painted
	tm, tlm     matrix
	marks       []bool // open marked-content sequences: whether each hides its content
}

// paint interprets a content stream with the given resources.
func (p *painter) paint(content []byte, res types.Dict, gs gstate, depth int) {
	f := &frame{p: p, res: res, depth: depth, gs: gs, rectsOnly: true}
	l := lexer{b: content}
	var args []object
	for {
		if p.ops >= maxOps {
			p.overflow = true
			return
		}
		t := l.next()
		if t == nil {
			return
		}
		o, isOp := t.(op)
		if !isOp {
			if len(args) < maxOperandLen {
				args = append(args, t)
			}
			continue
		}
		p.ops++
		nums := numbers(args)
		if !f.state(o, nums, args) && !f.pathOp(o, nums) && !f.textOp(o, nums, args) {
			f.other(o, args, &l)
		}
		args = args[:0]
	}
}

// state handles the graphics-state operators.
func (f *frame) state(o op, nums []float64, args []object) bool {
	gs := &f.gs
	switch o {
	case "q":
		if len(f.stack) < maxStack {
			f.stack = append(f.stack, *gs)
		}
	case "Q":
		if len(f.stack) > 0 {
			*gs, f.stack = f.stack[len(f.stack)-1], f.stack[:len(f.stack)-1]
		}
	case "cm":
		if len(nums) == 6 {
			if m := (matrix{nums[0], nums[1], nums[2], nums[3], nums[4], nums[5]}).mul(gs.ctm); m.finite() {
				gs.ctm = m
			}
		}
	case "gs":
		f.p.extGState(f.res, args, gs)
	case "g", "rg", "k":
		gs.fill, gs.fillN = colourOf(nums), len(nums)
	case "G", "RG", "K":
		gs.stroke, gs.strokeN = colourOf(nums), len(nums)
	case "cs":
		gs.fillN = f.p.components(f.res, args)
		gs.fill = colourOf(make([]float64, gs.fillN))
	case "CS":
		gs.strokeN = f.p.components(f.res, args)
		gs.stroke = colourOf(make([]float64, gs.strokeN))
	case "sc", "scn":
		gs.fill = colourIn(nums, args, gs.fillN)
	case "SC", "SCN":
		gs.stroke = colourIn(nums, args, gs.strokeN)
	default:
		return false
	}
	return true
}

// pathOp handles path construction and painting: filled rectangles
// become shapes that may cover text, and clipping paths narrow what is
// shown.
func (f *frame) pathOp(o op, nums []float64) bool {
	ctm := f.gs.ctm
	switch o {
	case "m", "l":
		if len(nums) == 2 {
			f.path.add(ctm.apply(nums[0], nums[1]))
			f.rectsOnly = false
		}
	case "c", "v", "y":
		for i := 0; i+1 < len(nums); i += 2 {
			f.path.add(ctm.apply(nums[i], nums[i+1]))
		}
		f.rectsOnly = false
	case "re":
		if len(nums) == 4 {
			r := rect{min(nums[0], nums[0]+nums[2]), min(nums[1], nums[1]+nums[3]),
				max(nums[0], nums[0]+nums[2]), max(nums[1], nums[1]+nums[3])}.transform(ctm)
			f.path.add(r.x0, r.y0)
			f.path.add(r.x1, r.y1)
		}
	case "W", "W*":
		f.pendingClip = true
	case "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "n":
		filled := o != "S" && o != "s" && o != "n"
		if filled && f.path.set && f.rectsOnly && f.gs.fillAlpha >= 0.5 && !f.hiding() {
			f.p.addShape(shape{r: f.path.r, lum: f.gs.fill.lum})
		}
		if f.pendingClip && f.path.set {
			f.gs.clip, f.gs.clipped = clipTo(f.gs, f.path.r)
		}
		f.path, f.rectsOnly, f.pendingClip = bbox{}, true, false
	default:
		return false
	}
	return true
}

// textOp handles the text operators.
func (f *frame) textOp(o op, nums []float64, args []object) bool {
	ts := &f.gs.text
	switch o {
	case "BT":
		f.tm, f.tlm = identity, identity
	case "Tc":
		setNum(nums, &ts.charSpace)
	case "Tw":
		setNum(nums, &ts.wordSpace)
	case "Tz":
		if len(nums) == 1 {
			ts.scale = nums[0] / 100
		}
	case "TL":
		setNum(nums, &ts.leading)
	case "Ts":
		setNum(nums, &ts.rise)
	case "Tr":
		if len(nums) == 1 {
			ts.render = int(nums[0])
		}
	case "Tf":
		if len(args) == 2 && len(nums) == 1 {
			ts.font = f.p.font(f.res, args[0])
			ts.size = nums[0]
		}
	case "Td", "TD":
		if len(nums) == 2 {
			if o == "TD" {
				ts.leading = -nums[1]
			}
			f.moveLine(nums[0], nums[1])
		}
	case "Tm":
		if len(nums) == 6 {
			f.tlm = matrix{nums[0], nums[1], nums[2], nums[3], nums[4], nums[5]}
			f.tm = f.tlm
		}
	case "T*":
		f.moveLine(0, -ts.leading)
	case "Tj", "'", "\"", "TJ":
		if o == "\"" && len(nums) >= 2 {
			ts.wordSpace, ts.charSpace = nums[0], nums[1]
		}
		if o == "'" || o == "\"" {
			f.moveLine(0, -ts.leading)
		}
		if len(args) > 0 {
			f.tm = f.p.show(f.gs, f.tm, args[len(args)-1], f.hiding())
		}
	default:
		return false
	}
	return true
}

func (f *frame) moveLine(tx, ty float64) {
	f.tlm = (matrix{1, 0, 0, 1, tx, ty}).mul(f.tlm)
	f.tm = f.tlm
}

// other handles XObjects, inline images and marked content.
func (f *frame) other(o op, args []object, l *lexer) {
	switch o {
	case "Do":
		f.p.xobject(f.res, args, f.gs, f.depth, f.hiding())
	case "ID": // BI's dictionary came as operands
		l.skipInlineImage()
		if !hasName(args, "IM", "ImageMask") && !f.hiding() {
			f.p.addShape(shape{r: rect{0, 0, 1, 1}.transform(f.gs.ctm), image: true})
		}
	case "BDC", "BMC":
		f.marks = append(f.marks, o == "BDC" && f.p.hiddenContent(f.res, args))
	case "EMC":
		if len(f.marks) > 0 {
			f.marks = f.marks[:len(f.marks)-1]
		}
	}
}

// hiding reports whether what is painted now is not shown: inside a
// switched-off layer, a hidden annotation or a hidden form.
func (f *frame) hiding() bool { return f.p.hidden > 0 || anyTrue(f.marks) }

func setNum(nums []float64, dst *float64) {
	if len(nums) == 1 {
		*dst = nums[0]
	}
}

func numbers(args []object) []float64 {
	var out []float64
	for _, a := range args {
		if f, ok := a.(float64); ok {
			out = append(out, f)
		}
	}
	return out
}

func hasName(args []object, names ...string) bool {
	for _, a := range args {
		if n, ok := a.(name); ok {
			for _, want := range names {
				if string(n) == want {
					return true
				}
			}
		}
	}
	return false
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

// colourIn reads sc/scn operands in a colour space of n components; a
// pattern (a name operand) or an unknown space gives an unknown colour.
func colourIn(nums []float64, args []object, n int) colour {
	if len(nums) != len(args) || len(nums) != n {
		return colour{}
	}
	return colourOf(nums)
}

func clipTo(gs gstate, r rect) (rect, bool) {
	if !gs.clipped {
		return r, true
	}
	c, ok := gs.clip.intersect(r)
	if !ok {
		return rect{}, true // an empty clip hides everything after it
	}
	return c, true
}

func (p *painter) addShape(s shape) {
	if p.pageShapes >= maxShapes {
		p.overflow = true
		return
	}
	p.pageShapes++
	p.sawImage = p.sawImage || s.image
	p.seq++
	s.seq, s.page = p.seq, p.page
	p.shapes = append(p.shapes, s)
}
