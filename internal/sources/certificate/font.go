package certificate

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/text/encoding/charmap"
)

// font turns the bytes of a shown string into text and advances. Text
// comes from the ToUnicode map when the font has one (every generator of
// Unicode text writes one), else from the simple font's encoding.
type font struct {
	composite bool
	codes     []codespace // byte lengths of codes
	unicode   *cmap       // ToUnicode
	simple    *[256]rune  // a simple font's encoding
	widths    widths
	dw        float64 // width of codes without one, in 1/1000 text space units
}

// cmap maps codes to text: single codes, and ranges kept as ranges, so a
// map covering all 65,536 codes costs one entry.
type cmap struct {
	chars  map[uint32]string
	ranges []cmapRange
}

type cmapRange struct {
	lo, hi uint32
	base   []uint16 // UTF-16 of lo's text; later codes add to its last unit
	list   []string // or one text per code
}

func (m *cmap) lookup(code uint32) (string, bool) {
	if m == nil {
		return "", false
	}
	if t, ok := m.chars[code]; ok {
		return t, true
	}
	for i := len(m.ranges) - 1; i >= 0; i-- { // later definitions win
		r := m.ranges[i]
		if code < r.lo || code > r.hi {
			continue
		}
		if r.list != nil {
			if k := int(code - r.lo); k < len(r.list) {
				return r.list[k], true
			}
			return "", false
		}
		u := append([]uint16(nil), r.base...)
		u[len(u)-1] += uint16(code - r.lo)
		return string(utf16.Decode(u)), true
	}
	return "", false
}

// widths holds glyph widths, single codes and ranges alike.
type widths struct {
	codes  map[uint32]float64
	ranges [][3]float64 // first, last, width
}

func (w widths) lookup(code uint32) (float64, bool) {
	if v, ok := w.codes[code]; ok {
		return v, true
	}
	for _, r := range w.ranges {
		if float64(code) >= r[0] && float64(code) <= r[1] {
			return r[2], true
		}
	}
	return 0, false
}

type codespace struct {
	n      int
	lo, hi uint32
}

const (
	maxCMapEntries = 1 << 16 // single codes one font may define
	maxRanges      = 1 << 12 // ranges one font may define
	maxRange       = 1 << 16 // codes one range may cover
)

// glyph is one decoded code.
type glyph struct {
	text  string
	width float64 // in 1/1000 text space units
	space bool    // the single-byte code 32, which word spacing applies to
}

func (f *font) decode(s string) []glyph {
	var out []glyph
	for i := 0; i < len(s); {
		n := f.codeLen(s[i:])
		var code uint32
		for _, c := range []byte(s[i : i+n]) {
			code = code<<8 | uint32(c)
		}
		i += n
		g := glyph{width: f.dw, space: n == 1 && code == 32}
		if w, ok := f.widths.lookup(code); ok {
			g.width = w
		}
		switch t, ok := f.unicode.lookup(code); {
		case ok:
			g.text = t
		case f.simple != nil && code < 256:
			if r := f.simple[code]; r != 0 {
				g.text = string(r)
			}
		}
		out = append(out, g)
	}
	return out
}

func (f *font) codeLen(s string) int {
	if !f.composite {
		return 1
	}
	for _, cs := range f.codes {
		if cs.n > len(s) {
			continue
		}
		var v uint32
		for _, c := range []byte(s[:cs.n]) {
			v = v<<8 | uint32(c)
		}
		if v >= cs.lo && v <= cs.hi {
			return cs.n
		}
	}
	return min(2, len(s))
}

// loadFont reads a font dictionary.
func (d *document) loadFont(o types.Object) *font {
	fd := d.dict(o)
	f := &font{dw: 500}
	if fd == nil {
		f.simple = winAnsi()
		return f
	}
	if b, _, ok := d.stream(fd["ToUnicode"]); ok {
		f.unicode, f.codes = parseCMap(b)
	}
	if d.name(fd["Subtype"]) == "Type0" {
		d.loadComposite(f, fd)
		return f
	}
	f.codes = nil
	f.simple = d.simpleEncoding(fd["Encoding"])
	d.simpleWidths(f, fd)
	return f
}

func (d *document) loadComposite(f *font, fd types.Dict) {
	f.composite = true
	f.dw = 1000
	enc := fd["Encoding"]
	if n := d.name(enc); n == "" {
		if b, _, ok := d.stream(enc); ok {
			if _, cs := parseCMap(b); len(cs) > 0 {
				f.codes = cs
			}
		}
	} else if strings.HasPrefix(n, "Identity-") {
		f.codes = []codespace{{2, 0, 0xFFFF}}
	}
	desc := d.array(fd["DescendantFonts"])
	if len(desc) == 0 {
		return
	}
	cid := d.dict(desc[0])
	if v, ok := d.number(cid["DW"]); ok {
		f.dw = v
	}
	f.widths.codes = map[uint32]float64{}
	w := d.array(cid["W"])
	for i := 0; i+1 < len(w); {
		first, ok := d.number(w[i])
		if !ok || first < 0 {
			return
		}
		if list := d.array(w[i+1]); list != nil {
			for k, x := range list {
				if v, ok := d.number(x); ok && len(f.widths.codes) < maxCMapEntries {
					f.widths.codes[uint32(first)+uint32(k)] = v
				}
			}
			i += 2
			continue
		}
		if i+2 >= len(w) {
			return
		}
		last, ok1 := d.number(w[i+1])
		v, ok2 := d.number(w[i+2])
		if !ok1 || !ok2 || last < first || len(f.widths.ranges) >= maxRanges {
			return
		}
		f.widths.ranges = append(f.widths.ranges, [3]float64{first, last, v})
		i += 3
	}
}

func (d *document) simpleWidths(f *font, fd types.Dict) {
	if desc := d.dict(fd["FontDescriptor"]); desc != nil {
		if v, ok := d.number(desc["MissingWidth"]); ok && v > 0 {
			f.dw = v
		}
	}
	first, _ := d.number(fd["FirstChar"])
	ws := d.array(fd["Widths"])
	if len(ws) > 256 {
		ws = ws[:256]
	}
	f.widths.codes = map[uint32]float64{}
	for i, o := range ws {
		if v, ok := d.number(o); ok {
			f.widths.codes[uint32(first)+uint32(i)] = v
		}
	}
}

// simpleEncoding returns the code → character table of a simple font:
// a base encoding with the font's Differences applied.
func (d *document) simpleEncoding(o types.Object) *[256]rune {
	base := winAnsi()
	var diffs types.Array
	switch v := d.resolve(o).(type) {
	case types.Name:
		base = baseEncoding(string(v))
	case types.Dict:
		if n := d.name(v["BaseEncoding"]); n != "" {
			base = baseEncoding(n)
		}
		diffs = d.array(v["Differences"])
	}
	code := -1
	for _, x := range diffs {
		if v, ok := d.number(x); ok {
			code = int(v)
			continue
		}
		if n := d.name(x); n != "" && code >= 0 && code < 256 {
			base[code] = glyphRune(n)
			code++
		}
	}
	return base
}

func baseEncoding(n string) *[256]rune {
	switch n {
	case "MacRomanEncoding":
		return fromCharmap(charmap.Macintosh)
	case "StandardEncoding":
		t := winAnsi()
		for c := 0x80; c < 0x100; c++ {
			t[c] = 0
		}
		for c, r := range standardHigh {
			t[c] = r
		}
		t['\''], t['`'] = '’', '‘'
		return t
	}
	return winAnsi()
}

// standardHigh are the Adobe StandardEncoding letters above 127 that
// Danish and English text uses.
var standardHigh = map[int]rune{
	0xA7: '§', 0xB1: '–', 0xD0: '—', 0xE1: 'Æ', 0xE9: 'Ø', 0xF1: 'æ', 0xF9: 'ø', 0xFB: 'ß',
	0xAA: '“', 0xBA: '”', 0xB7: '•', 0xC8: '¨', 0xC2: '´',
}

func winAnsi() *[256]rune { return fromCharmap(charmap.Windows1252) }

func fromCharmap(cm *charmap.Charmap) *[256]rune {
	var t [256]rune
	for c := 0; c < 256; c++ {
		if r := cm.DecodeByte(byte(c)); r != '\uFFFD' {
			t[c] = r
		}
	}
	return &t
}

// glyphRune maps an Adobe glyph name to its character: the names of the
// ASCII and Danish letters, and the uniXXXX and uXXXX forms.
func glyphRune(n string) rune {
	if r, ok := glyphNames[n]; ok {
		return r
	}
	if len(n) == 1 {
		return rune(n[0])
	}
	if h, ok := strings.CutPrefix(n, "uni"); ok && len(h) >= 4 {
		if v, err := strconv.ParseUint(h[:4], 16, 32); err == nil {
			return rune(v)
		}
	}
	if h, ok := strings.CutPrefix(n, "u"); ok && len(h) >= 4 && len(h) <= 6 {
		if v, err := strconv.ParseUint(h, 16, 32); err == nil && v <= unicode.MaxRune {
			return rune(v)
		}
	}
	return 0
}

var glyphNames = map[string]rune{
	"space": ' ', "exclam": '!', "quotedbl": '"', "numbersign": '#', "dollar": '$', "percent": '%',
	"ampersand": '&', "quotesingle": '\'', "quoteright": '’', "quoteleft": '‘', "parenleft": '(',
	"parenright": ')', "asterisk": '*', "plus": '+', "comma": ',', "hyphen": '-', "period": '.',
	"slash": '/', "zero": '0', "one": '1', "two": '2', "three": '3', "four": '4', "five": '5',
	"six": '6', "seven": '7', "eight": '8', "nine": '9', "colon": ':', "semicolon": ';',
	"less": '<', "equal": '=', "greater": '>', "question": '?', "at": '@', "bracketleft": '[',
	"backslash": '\\', "bracketright": ']', "asciicircum": '^', "underscore": '_', "grave": '`',
	"braceleft": '{', "bar": '|', "braceright": '}', "asciitilde": '~', "aring": 'å', "Aring": 'Å',
	"ae": 'æ', "AE": 'Æ', "oslash": 'ø', "Oslash": 'Ø', "eacute": 'é', "Eacute": 'É',
	"adieresis": 'ä', "Adieresis": 'Ä', "odieresis": 'ö', "Odieresis": 'Ö', "udieresis": 'ü',
	"Udieresis": 'Ü', "germandbls": 'ß', "section": '§', "endash": '–', "emdash": '—',
	"quotedblleft": '“', "quotedblright": '”', "bullet": '•', "degree": '°', "nbspace": '\u00a0',
}

// parseCMap reads a CMap's code-space ranges and its code → text
// mappings (bfchar and bfrange). Malformed entries are skipped.
func parseCMap(b []byte) (*cmap, []codespace) {
	m := &cmap{chars: map[uint32]string{}}
	var codes []codespace
	l := lexer{b: b}
	var args []object
	for t := l.next(); t != nil; t = l.next() {
		o, isOp := t.(op)
		if !isOp {
			if len(args) < maxArrayLen {
				args = append(args, t)
			}
			continue
		}
		switch o {
		case "endcodespacerange":
			for i := 0; i+1 < len(args) && len(codes) < maxRanges; i += 2 {
				lo, ok1 := args[i].(string)
				hi, ok2 := args[i+1].(string)
				if ok1 && ok2 && len(lo) == len(hi) && len(lo) >= 1 && len(lo) <= 4 {
					codes = append(codes, codespace{len(lo), codeOf(lo), codeOf(hi)})
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(args) && len(m.chars) < maxCMapEntries; i += 2 {
				src, ok1 := args[i].(string)
				dst, ok2 := args[i+1].(string)
				if ok1 && ok2 && len(src) <= 4 {
					m.chars[codeOf(src)] = utf16Text(dst)
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(args) && len(m.ranges) < maxRanges; i += 3 {
				m.bfrange(args[i], args[i+1], args[i+2])
			}
		}
		args = args[:0]
	}
	return m, codes
}

func (m *cmap) bfrange(loO, hiO, dst object) {
	lo, ok1 := loO.(string)
	hi, ok2 := hiO.(string)
	if !ok1 || !ok2 || len(lo) > 4 || len(hi) > 4 {
		return
	}
	a, z := codeOf(lo), codeOf(hi)
	if z < a || z-a >= maxRange {
		return
	}
	switch v := dst.(type) {
	case string:
		if units := utf16Units(v); len(units) > 0 {
			m.ranges = append(m.ranges, cmapRange{lo: a, hi: z, base: units})
		}
	case []object:
		r := cmapRange{lo: a, hi: z, list: []string{}}
		for k, x := range v {
			if s, ok := x.(string); ok && a+uint32(k) <= z {
				r.list = append(r.list, utf16Text(s))
			}
		}
		m.ranges = append(m.ranges, r)
	}
}

func codeOf(s string) uint32 {
	var v uint32
	for _, c := range []byte(s) {
		v = v<<8 | uint32(c)
	}
	return v
}

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return u
}

func utf16Text(s string) string {
	if len(s) == 1 { // some writers give a single byte
		return string(rune(s[0]))
	}
	return string(utf16.Decode(utf16Units(s)))
}
