package certificate

import (
	"strconv"
)

// A content stream is a sequence of operands followed by an operator
// (ISO 32000-1 §7.8.2). The lexer reads it without trusting it: strings,
// arrays and dictionaries are bounded, and every malformed token is
// skipped rather than stopping the page, as viewers do.

// object is an operand: float64, string (a PDF string's raw bytes), name,
// []object or map[string]object.
type object any

// name is a PDF name without its slash.
type name string

// op is an operator keyword.
type op string

const (
	maxArrayLen   = 1 << 14 // elements in one array operand (TJ arrays are long, not this long)
	maxNesting    = 16      // arrays and dictionaries inside each other
	maxStringLen  = 1 << 16 // bytes in one string operand
	maxOperandLen = 64      // operands kept before an operator; the rest are dropped
)

type lexer struct {
	b   []byte
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// next returns the next token: an operand, an op, or nil at the end.
func (l *lexer) next() object {
	return l.token(0)
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		switch {
		case isSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

func (l *lexer) token(depth int) object {
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return nil
		}
		c := l.b[l.pos]
		switch {
		case c == '(':
			l.pos++
			return l.literal()
		case c == '<' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '<':
			l.pos += 2
			return l.dict(depth + 1)
		case c == '<':
			l.pos++
			return l.hex()
		case c == '/':
			l.pos++
			return name(l.regular())
		case c == '[':
			l.pos++
			return l.array(depth + 1)
		case c == ']', c == ')', c == '>', c == '{', c == '}':
			// Stray delimiters: a closing one is handled by the caller
			// that opened it; here it is noise.
			l.pos++
			if depth > 0 && (c == ']' || c == '>') {
				l.pos--
				return nil
			}
			continue
		}
		word := l.regular()
		if word == "" {
			l.pos++ // cannot happen after skipSpace, but never loop forever
			continue
		}
		if f, err := strconv.ParseFloat(word, 64); err == nil && (word[0] == '-' || word[0] == '+' || word[0] == '.' || (word[0] >= '0' && word[0] <= '9')) {
			return f
		}
		return op(word)
	}
}

// regular reads a run of regular characters.
func (l *lexer) regular() string {
	start := l.pos
	for l.pos < len(l.b) && !isSpace(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	return string(l.b[start:l.pos])
}

func (l *lexer) literal() string {
	var out []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if l.pos >= len(l.b) {
				return string(out)
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		if len(out) < maxStringLen {
			out = append(out, c)
		}
	}
	return string(out)
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (l *lexer) hex() string {
	var out []byte
	var hi byte
	half := false
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v, ok := unhex(c)
		if !ok {
			continue
		}
		if half {
			if len(out) < maxStringLen {
				out = append(out, hi<<4|v)
			}
		} else {
			hi = v
		}
		half = !half
	}
	if half && len(out) < maxStringLen {
		out = append(out, hi<<4)
	}
	return string(out)
}

func (l *lexer) array(depth int) object {
	var out []object
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return out
		}
		if l.b[l.pos] == ']' {
			l.pos++
			return out
		}
		start := l.pos
		t := l.token(depth)
		if t == nil {
			if l.pos == start {
				l.pos++ // a stray '>' inside an array
			}
			continue
		}
		if depth <= maxNesting && len(out) < maxArrayLen {
			out = append(out, t)
		}
	}
}

func (l *lexer) dict(depth int) object {
	out := map[string]object{}
	var key name
	haveKey := false
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return out
		}
		if l.b[l.pos] == '>' {
			l.pos++
			if l.pos < len(l.b) && l.b[l.pos] == '>' {
				l.pos++
			}
			return out
		}
		start := l.pos
		t := l.token(depth)
		if t == nil {
			if l.pos == start {
				l.pos++
			}
			continue
		}
		if !haveKey {
			key, haveKey = t.(name)
			continue
		}
		if depth <= maxNesting && len(out) < maxArrayLen {
			out[string(key)] = t
		}
		haveKey = false
	}
}

// skipInlineImage moves past the data of an inline image, which follows
// the ID operator and ends with EI between white space. Its bytes are not
// tokens.
func (l *lexer) skipInlineImage() {
	if l.pos < len(l.b) && isSpace(l.b[l.pos]) {
		l.pos++
	}
	for l.pos+2 <= len(l.b) {
		if l.b[l.pos] == 'E' && l.b[l.pos+1] == 'I' && (l.pos == 0 || isSpace(l.b[l.pos-1])) &&
			(l.pos+2 == len(l.b) || isSpace(l.b[l.pos+2]) || isDelim(l.b[l.pos+2])) {
			l.pos += 2
			return
		}
		l.pos++
	}
	l.pos = len(l.b)
}
