package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestVerifyGenuineFile(t *testing.T) {
	r := realisticReport()
	file := mustPDF(t, r)
	id, err := Verify(file)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	want := Identification{DocumentID: r.DocumentID, ContentChecksum: ContentChecksum(r), FileSHA256: sha256Hex(file)}
	if id != want {
		t.Errorf("Verify = %+v, want %+v", id, want)
	}
}

func TestVerifyFileWithOneByteChanged(t *testing.T) {
	r := realisticReport()
	file := mustPDF(t, r)
	tampered := bytes.Clone(file)
	// A byte in the middle of the page content, far from the metadata.
	tampered[len(tampered)/3] ^= 0x01
	id, err := Verify(tampered)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if id.DocumentID != r.DocumentID {
		t.Errorf("document id = %q, want %q: a tampered copy must still say which record to compare with", id.DocumentID, r.DocumentID)
	}
	if id.FileSHA256 == sha256Hex(file) {
		t.Error("the file hash did not change with the file")
	}
	if id.FileSHA256 != sha256Hex(tampered) {
		t.Error("the file hash is not the SHA-256 of the bytes given")
	}
}

func TestVerifyRefusesWhatIsNotAReport(t *testing.T) {
	plain := fpdf.New("P", "mm", "A4", "")
	plain.AddPage()
	var noKeywords bytes.Buffer
	if err := plain.Output(&noKeywords); err != nil {
		t.Fatal(err)
	}
	genuine := mustPDF(t, realisticReport())
	tests := []struct {
		name string
		file []byte
		want error
	}{
		{"empty file", nil, ErrNotPDF},
		{"text file", []byte("Rapport over baggrundstjek BGC-7K3M-9QX2-AB4D-HT6R\n"), ErrNotPDF},
		{"PNG image", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrNotPDF},
		{"PDF from elsewhere", noKeywords.Bytes(), ErrNoDocumentID},
		{"keywords without an id", []byte("%PDF-1.4\n1 0 obj <</Keywords (invoice August)>> endobj\n%%EOF\n"), ErrNoDocumentID},
		{"keywords with an id that could not have been written", []byte("%PDF-1.4\n<</Keywords (bgcheck-document-id=a\\(b)>>\n%%EOF"), ErrNoDocumentID},
		{"truncated before the metadata", genuine[:len(genuine)/2], ErrNoDocumentID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, err := Verify(tc.file)
			if !errors.Is(err, tc.want) {
				t.Errorf("Verify: err %v, want %v", err, tc.want)
			}
			if id.FileSHA256 != sha256Hex(tc.file) {
				t.Error("the file hash is missing from the answer")
			}
		})
	}
}

func TestVerifyRefusesTwoDifferentIDs(t *testing.T) {
	file := mustPDF(t, realisticReport())
	// An incremental update appended by another tool that names another
	// document.
	file = append(file, []byte("\n9 0 obj <</Keywords (bgcheck-document-id=BGC-AAAA-BBBB-CCCC-DDDD)>> endobj\n%%EOF\n")...)
	if _, err := Verify(file); err == nil || errors.Is(err, ErrNoDocumentID) {
		t.Errorf("Verify: err %v, want an error naming both ids", err)
	}
}

func TestVerifyReadsKeywordsRewrittenAsUTF16(t *testing.T) {
	// A tool saving a copy may store the Keywords as UTF-16 text.
	f := fpdf.New("P", "mm", "A4", "")
	f.SetKeywords(keywords("BGC-1111-2222-3333-4444", "ab12"), true)
	f.AddPage()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	id, err := Verify(buf.Bytes())
	if err != nil || id.DocumentID != "BGC-1111-2222-3333-4444" || id.ContentChecksum != "ab12" {
		t.Errorf("Verify = %+v, %v", id, err)
	}
}

func TestPDFStringDecoding(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain literal", `(abc) trailing`, "abc"},
		{"escaped parentheses and backslash", `(a\(b\)c\\d)`, `a(b)c\d`},
		{"balanced nested parentheses", `(a(b)c)`, "a(b)c"},
		{"octal escapes", `(\101\102\0103)`, "AB\b3"},
		{"line continuation", "(ab\\\ncd)", "abcd"},
		{"named escapes", `(a\nb\tc)`, "a\nb\tc"},
		{"leading white space", " \n (x)", "x"},
		{"hexadecimal", `<48 65 6C6C6F>`, "Hello"},
		{"hexadecimal with odd digits", `<414>`, "A@"},
		{"UTF-16 literal", "(\xfe\xff\x00\xc5\x00s\x00e)", "Åse"},
		{"UTF-16 hexadecimal", `<FEFF00C5007300650020>`, "Åse "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := pdfString([]byte(tc.in))
			if !ok || got != tc.want {
				t.Errorf("pdfString(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
			}
		})
	}
	for _, bad := range []string{`(unterminated`, `(ends in escape\`, `<4G>`, `<<dict>>`, `name`, ``} {
		if got, ok := pdfString([]byte(bad)); ok {
			t.Errorf("pdfString(%q) = %q, want a refusal", bad, got)
		}
	}
}
