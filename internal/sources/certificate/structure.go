package certificate

import (
	"bytes"
	"regexp"
	"strconv"
)

// A PDF editor that saves "incrementally" leaves the original bytes alone
// and appends the changed objects with a new cross-reference section that
// points back to the previous one (/Prev). Counting the sections on that
// chain counts the times the file was saved. These checks read the raw
// bytes, because a parser presents only the final state.

// structure is what the raw bytes show about the file's history.
type structure struct {
	revisions  int  // times the file was written
	damaged    bool // the cross-reference chain is broken: the parser had to rebuild it
	signatures int  // digital signatures (/ByteRange)
	signedEnd  bool // a signature covers the file to its end
	encrypted  bool // the trailer names an encryption dictionary
}

const (
	maxSignatures = 100     // signatures counted
	maxChain      = 100     // cross-reference sections followed
	maxXRefLen    = 4 << 20 // bytes searched for a section's trailer
)

var (
	prevEntry  = regexp.MustCompile(`/Prev\s+(\d+)`)
	byteRange  = regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`)
	objHeader  = regexp.MustCompile(`^\s*\d+\s+\d+\s+obj`)
	linearised = []byte("/Linearized")
)

func scanStructure(data []byte) structure {
	var s structure
	sections := xrefChain(data)
	s.damaged = sections == 0
	if sections == 0 {
		// The chain is broken (a damaged or hand-made file): fall back
		// to counting end-of-revision markers.
		sections = max(1, bytes.Count(data, []byte("startxref")))
	}
	// A linearised file opens with a cross-reference section for its
	// first page; that pair belongs to one revision.
	if sections > 1 && bytes.Contains(data[:min(len(data), 1024)], linearised) {
		sections--
	}
	s.revisions = sections
	end := len(bytes.TrimRight(data, " \t\r\n\x00"))
	for _, m := range byteRange.FindAllSubmatch(data, maxSignatures) {
		s.signatures++
		c, err1 := strconv.Atoi(string(m[3]))
		n, err2 := strconv.Atoi(string(m[4]))
		if err1 == nil && err2 == nil && c+n >= end {
			s.signedEnd = true
		}
	}
	s.encrypted = bytes.Contains(trailers(data), []byte("/Encrypt"))
	return s
}

// edited reports whether the file was saved again after it was first
// written, other than to sign it: a signature covering the whole file
// accounts for the revision that added it.
func (s structure) edited() bool {
	if s.revisions <= 1 {
		return false
	}
	return !(s.signedEnd && s.revisions-1 <= s.signatures)
}

// xrefChain counts the cross-reference sections reachable from the last
// startxref through /Prev, or 0 if the first cannot be found.
func xrefChain(data []byte) int {
	off, ok := lastStartxref(data)
	seen := map[int]bool{}
	n := 0
	for ok && n < maxChain && off >= 0 && off < len(data) && !seen[off] && isSection(data[off:]) {
		seen[off] = true
		n++
		off, ok = prevOf(data, off)
	}
	return n
}

// isSection reports whether b starts with a cross-reference section: a
// table ("xref") or a stream object ("12 0 obj").
func isSection(b []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(b[:min(len(b), 64)], " \t\r\n"), []byte("xref")) || objHeader.Match(b[:min(len(b), 64)])
}

func lastStartxref(data []byte) (int, bool) {
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return 0, false
	}
	return leadingInt(data[i+len("startxref"):])
}

// prevOf returns the /Prev offset of the cross-reference section at off:
// a classic table, whose trailer follows it, or a cross-reference stream,
// whose dictionary precedes its data.
func prevOf(data []byte, off int) (int, bool) {
	rest := data[off:]
	rest = rest[:min(len(rest), maxXRefLen)]
	var dict []byte
	switch {
	case bytes.HasPrefix(bytes.TrimLeft(rest, " \t\r\n"), []byte("xref")):
		t := bytes.Index(rest, []byte("trailer"))
		if t < 0 {
			return 0, false
		}
		dict = rest[t:]
		if e := bytes.Index(dict, []byte("startxref")); e >= 0 {
			dict = dict[:e]
		}
	case objHeader.Match(rest[:min(len(rest), 64)]):
		e := bytes.Index(rest[:min(len(rest), 1<<16)], []byte("stream"))
		if e < 0 {
			return 0, false
		}
		dict = rest[:e]
	default:
		return 0, false
	}
	m := prevEntry.FindSubmatch(dict)
	if m == nil {
		return 0, false
	}
	v, err := strconv.Atoi(string(m[1]))
	return v, err == nil
}

func leadingInt(b []byte) (int, bool) {
	b = bytes.TrimLeft(b, " \t\r\n")
	i := 0
	for i < len(b) && i < 12 && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, false
	}
	v, err := strconv.Atoi(string(b[:i]))
	return v, err == nil
}

// trailers returns the parts of the file where the last few trailer
// dictionaries (or cross-reference stream dictionaries) can be: the
// stretch before each of the last startxref keywords.
func trailers(data []byte) []byte {
	var out []byte
	rest := data
	for range 16 {
		i := bytes.LastIndex(rest, []byte("startxref"))
		if i < 0 {
			break
		}
		out = append(out, rest[max(0, i-4096):i]...)
		rest = rest[:i]
	}
	return out
}
