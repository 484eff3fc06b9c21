package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
)

// Keyword prefixes under which PDF writes the document id and content
// checksum into the document's Keywords. Both values are plain ASCII, so
// the Keywords string is stored as it reads.
const (
	keywordID       = "bgcheck-document-id="
	keywordChecksum = "bgcheck-content-sha256="
)

func keywords(id, checksum string) string {
	return "bgcheck background-check-report " + keywordID + id + " " + keywordChecksum + checksum
}

// Identification is what Verify reads from a report file.
type Identification struct {
	DocumentID string
	// ContentChecksum is the content checksum the file states about
	// itself; only FileSHA256 compared with the recorded value proves
	// anything.
	ContentChecksum string
	// FileSHA256 is the SHA-256 of the whole file, lower-case hex.
	FileSHA256 string
}

// Errors from Verify.
var (
	ErrNotPDF       = errors.New("report: not a PDF file")
	ErrNoDocumentID = errors.New("report: the PDF carries no bgcheck document id")
)

// Verify reads the document id from a report PDF's Keywords and hashes the
// file. The caller compares FileSHA256 with the file hash recorded for
// that document id when the report was issued: equal means the file is
// the one issued, byte for byte.
//
// It reads what PDF writes — a literal or hexadecimal /Keywords string,
// in PDFDocEncoding or UTF-16BE — in every information dictionary of the
// file, so a copy saved with an incremental update still names its id
// unless the update changed it, which is then an error.
func Verify(file []byte) (Identification, error) {
	sum := sha256.Sum256(file)
	id := Identification{FileSHA256: hex.EncodeToString(sum[:])}
	head := file[:min(len(file), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		return id, ErrNotPDF
	}
	for rest := file; ; {
		i := bytes.Index(rest, []byte("/Keywords"))
		if i < 0 {
			break
		}
		rest = rest[i+len("/Keywords"):]
		kw, ok := pdfString(rest)
		if !ok {
			continue
		}
		docID, checksum := parseKeywords(kw)
		if docID == "" {
			continue
		}
		if id.DocumentID != "" && (id.DocumentID != docID || id.ContentChecksum != checksum) {
			return id, fmt.Errorf("report: the PDF names two documents (%s and %s)", id.DocumentID, docID)
		}
		id.DocumentID, id.ContentChecksum = docID, checksum
	}
	if id.DocumentID == "" {
		return id, ErrNoDocumentID
	}
	return id, nil
}

// parseKeywords returns the document id and checksum named in a Keywords
// value, or "" when it names no valid id.
func parseKeywords(kw string) (docID, checksum string) {
	for _, word := range strings.Fields(kw) {
		if v, ok := strings.CutPrefix(word, keywordID); ok {
			docID = v
		}
		if v, ok := strings.CutPrefix(word, keywordChecksum); ok {
			checksum = v
		}
	}
	if !documentIDPattern.MatchString(docID) {
		return "", ""
	}
	return docID, checksum
}

// pdfString decodes the PDF string object at the start of b (after white
// space): a literal (…) with its escapes, or a hexadecimal <…>; a value
// starting with the UTF-16BE byte-order mark is decoded from UTF-16.
func pdfString(b []byte) (string, bool) {
	b = bytes.TrimLeft(b, " \t\r\n\f\x00")
	var raw []byte
	var ok bool
	switch {
	case len(b) > 0 && b[0] == '(':
		raw, ok = literalString(b[1:])
	case len(b) > 1 && b[0] == '<' && b[1] != '<':
		raw, ok = hexString(b[1:])
	}
	if !ok {
		return "", false
	}
	if len(raw) >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
		u := make([]uint16, 0, len(raw)/2)
		for i := 2; i+1 < len(raw); i += 2 {
			u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
		}
		return string(utf16.Decode(u)), true
	}
	return string(raw), true
}

// literalString decodes a literal string body up to its closing
// parenthesis (ISO 32000-1 §7.3.4.2).
func literalString(b []byte) ([]byte, bool) {
	var out []byte
	depth := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch c {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return out, true
			}
			depth--
		case '\\':
			i++
			if i >= len(b) {
				return nil, false
			}
			switch e := b[i]; e {
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
			case '\r', '\n': // a line continuation
				if e == '\r' && i+1 < len(b) && b[i+1] == '\n' {
					i++
				}
				continue
			default:
				if e >= '0' && e <= '7' {
					v := 0
					for k := 0; k < 3 && i < len(b) && b[i] >= '0' && b[i] <= '7'; k++ {
						v = v*8 + int(b[i]-'0')
						i++
					}
					i--
					c = byte(v)
				} else {
					c = e // \( \) \\ and unknown escapes stand for the character
				}
			}
		}
		out = append(out, c)
	}
	return nil, false
}

// hexString decodes a hexadecimal string body up to its closing '>'.
func hexString(b []byte) ([]byte, bool) {
	end := bytes.IndexByte(b, '>')
	if end < 0 {
		return nil, false
	}
	digits := make([]byte, 0, end)
	for _, c := range b[:end] {
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0:
		case (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'):
			digits = append(digits, c)
		default:
			return nil, false
		}
	}
	if len(digits)%2 == 1 {
		digits = append(digits, '0') // a missing final digit is 0
	}
	out, err := hex.DecodeString(string(digits))
	return out, err == nil
}
