package certificate

import (
	"bytes"
	"errors"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// FuzzRead feeds the reader damaged and hostile variations of real
// certificates: it must return a reading or one of its errors, never
// panic or hang.
func FuzzRead(f *testing.F) {
	f.Add(standard().pdf(f))
	hidden := standard()
	hidden.after = func(p *fpdf.Fpdf) {
		p.SetTextRenderingMode(3)
		p.Text(20, 120, "Der er følgende registreringer")
	}
	f.Add(hidden.pdf(f))
	enc := standard()
	enc.protect, enc.userPassword = true, "x"
	f.Add(enc.pdf(f))
	f.Add(onePage("<</Font <</F1 5 0 R>>>>", certificateText("F1", standardLines...), "", helvetica))
	f.Add(onePage("<<>>", "q 1 0 0 1 0 0 cm BI /W 1 /H 1 ID x EI Q [(a) 1] TJ", "/Annots [5 0 R]",
		"<</Subtype /Square /Rect [0 0 1 1] /AP <</N 6 0 R>>>>", "<</Subtype /Form /BBox [0 0 1 1]>>\n---\n0 0 1 1 re f"))
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj trailer<</Root 1 0 R>>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := Read(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrNotPDF) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if rd.Outcome != OutcomeUnknown && rd.Has("outcome_contradictory") {
			t.Fatalf("outcome %q despite a contradiction", rd.Outcome)
		}
	})
}
