package certificate

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/bgcheck/bgcheck/internal/rules"
)

func TestReadCleanCertificate(t *testing.T) {
	rd := read(t, standard().pdf(t))
	if rd.Kind != rules.RecordCriminal || rd.Name != "Karen Prøvesen" || !rd.CPR.Matches("0101901234") ||
		rd.Issued != rules.MustDate("2026-11-16") || rd.Outcome != rules.OutcomeClean || rd.Issuer != "Rigspolitiet" ||
		rd.Generator != "Test Register System" || rd.Pages != 1 {
		t.Errorf("reading %+v", rd)
	}
	wantSigns(t, rd)
}

func TestReadRecognisesTheOutcome(t *testing.T) {
	tests := []struct {
		name    string
		outcome []string
		want    rules.Outcome
		signs   []Sign
	}{
		{"no registrations", []string{"Der er ingen registreringer i Kriminalregistret."}, rules.OutcomeClean, nil},
		{"registrations listed", []string{"Der er følgende registreringer i Kriminalregistret:",
			"Dom afsagt 04.10.2025 af Retten i Aarhus: bøde."}, rules.OutcomeHasEntries, nil},
		{"phrase over a line break", []string{"Der er ingen", "registreringer."}, rules.OutcomeClean, nil},
		{"English", []string{"There are no entries in the Central Criminal Register."}, rules.OutcomeClean, nil},
		{"both stated", []string{"Der er ingen registreringer.", "Der er følgende registreringer:"}, OutcomeUnknown,
			[]Sign{rules.SignOutcomeContradictory}},
		{"neither stated", []string{"Se vedlagte bilag."}, OutcomeUnknown, []Sign{rules.SignMissingOutcome}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := standard()
			c.outcome = tt.outcome
			rd := read(t, c.pdf(t))
			if rd.Outcome != tt.want {
				t.Errorf("outcome %q, want %q", rd.Outcome, tt.want)
			}
			wantSigns(t, rd, tt.signs...)
		})
	}
}

func TestReadRecognisesTheKind(t *testing.T) {
	tests := []struct {
		title string
		want  rules.RecordKind
	}{
		{"Privat straffeattest", rules.RecordCriminal},
		{"Børneattest", rules.RecordChild},
		{"BOERNEATTEST", rules.RecordChild},
		{"Criminal record certificate (private)", rules.RecordCriminal},
		{"Child certificate", rules.RecordChild},
		{"Kvittering", ""},
	}
	for _, tt := range tests {
		c := standard()
		c.title = tt.title
		rd := read(t, c.pdf(t))
		if rd.Kind != tt.want {
			t.Errorf("%q: kind %q, want %q", tt.title, rd.Kind, tt.want)
		}
		if (tt.want == "") != rd.Has(rules.SignMissingKind) {
			t.Errorf("%q: signs %v", tt.title, rd.Signs)
		}
	}
}

func TestReadMissingFields(t *testing.T) {
	c := standard()
	c.name, c.cpr, c.issued = "", "", ""
	rd := read(t, c.pdf(t))
	wantSigns(t, rd, rules.SignMissingName, rules.SignMissingCPR, rules.SignMissingIssued)
	if rd.Outcome != rules.OutcomeClean {
		t.Errorf("outcome %q", rd.Outcome)
	}
}

func TestReadHiddenText(t *testing.T) {
	hide := func(draw func(*fpdf.Fpdf)) cert {
		c := standard()
		c.after = draw
		return c
	}
	entries := "Der er følgende registreringer: dom for vold."
	tests := []struct {
		name  string
		c     cert
		signs []Sign
	}{
		{"invisible render mode", hide(func(p *fpdf.Fpdf) {
			p.SetTextRenderingMode(3)
			p.Text(20, 120, entries)
			p.SetTextRenderingMode(0)
		}), []Sign{rules.SignTextInvisible, rules.SignOutcomeContradictory}},
		{"white", hide(func(p *fpdf.Fpdf) {
			p.SetTextColor(255, 255, 255)
			p.Text(20, 120, entries)
		}), []Sign{rules.SignTextWhite, rules.SignOutcomeContradictory}},
		{"outside the page", hide(func(p *fpdf.Fpdf) { p.Text(20, 400, entries) }),
			[]Sign{rules.SignTextOffPage, rules.SignOutcomeContradictory}},
		{"covered by a white box", hide(func(p *fpdf.Fpdf) {
			p.Text(20, 120, entries)
			p.SetFillColor(255, 255, 255)
			p.Rect(15, 112, 180, 12, "F")
		}), []Sign{rules.SignTextCovered, rules.SignOutcomeContradictory}},
		{"covered by an image", hide(func(p *fpdf.Fpdf) {
			p.Text(20, 120, entries)
			drawImage(t, p, 15, 112, 180, 12)
		}), []Sign{rules.SignTextCovered, rules.SignOutcomeContradictory}},
		{"too small to read", hide(func(p *fpdf.Fpdf) {
			p.SetFontSize(0.5)
			p.Text(20, 120, entries)
		}), []Sign{rules.SignTextTiny, rules.SignOutcomeContradictory}},
		{"fully transparent", hide(func(p *fpdf.Fpdf) {
			p.SetAlpha(0, "Normal")
			p.Text(20, 120, entries)
		}), []Sign{rules.SignTextInvisible, rules.SignOutcomeContradictory}},
		{"clipped away", hide(func(p *fpdf.Fpdf) {
			p.ClipRect(150, 250, 10, 10, false)
			p.Text(20, 120, entries)
			p.ClipEnd()
		}), []Sign{rules.SignTextInvisible, rules.SignOutcomeContradictory}},
		{"hidden text without an outcome", hide(func(p *fpdf.Fpdf) {
			p.SetTextRenderingMode(3)
			p.Text(20, 120, "Karen")
		}), []Sign{rules.SignTextInvisible}},
		{"hidden spaces hide nothing", hide(func(p *fpdf.Fpdf) {
			p.SetTextRenderingMode(3)
			p.Text(20, 120, "   ")
		}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd := read(t, tt.c.pdf(t))
			wantSigns(t, rd, tt.signs...)
		})
	}
}

// Lawful layouts that look like tricks must not be flagged: white text
// on a dark band, a box filled before the text written on it, text that
// only starts outside a clipping area it runs into.
func TestReadVisibleTextIsNotHidden(t *testing.T) {
	tests := []struct {
		name string
		draw func(*fpdf.Fpdf)
	}{
		{"white on a dark band", func(p *fpdf.Fpdf) {
			p.SetFillColor(0, 40, 100)
			p.Rect(15, 112, 180, 12, "F")
			p.SetTextColor(255, 255, 255)
			p.Text(20, 120, "Attesten er sendt via Digital Post.")
		}},
		{"light box behind text", func(p *fpdf.Fpdf) {
			p.SetFillColor(230, 230, 230)
			p.Rect(15, 112, 180, 12, "F")
			p.Text(20, 120, "Attesten er sendt via Digital Post.")
		}},
		{"underlined and struck through", func(p *fpdf.Fpdf) {
			p.Text(20, 120, "Attesten er sendt via Digital Post.")
			p.Rect(20, 120.5, 60, 0.3, "F")
			p.Rect(20, 118.8, 60, 0.3, "F")
		}},
		{"text beside a box drawn later", func(p *fpdf.Fpdf) {
			p.Text(20, 120, "Attesten er sendt via Digital Post.")
			p.SetFillColor(0, 0, 0)
			p.Rect(15, 130, 180, 12, "F")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := standard()
			c.after = tt.draw
			wantSigns(t, read(t, c.pdf(t)))
		})
	}
}

func TestReadModifiedAfterCreation(t *testing.T) {
	tests := []struct {
		modified time.Time
		want     []Sign
	}{
		{created, nil},
		{created.Add(time.Minute), nil}, // stamped a moment apart by the generator
		{created.Add(3 * time.Minute), []Sign{rules.SignModifiedAfterCreation}},
		{created.Add(48 * time.Hour), []Sign{rules.SignModifiedAfterCreation}},
		{created.Add(-time.Hour), nil},
	}
	for _, tt := range tests {
		c := standard()
		c.modified = tt.modified
		rd := read(t, c.pdf(t))
		if !equalSigns(rd.Signs, tt.want) {
			t.Errorf("modified %s: signs %v, want %v", tt.modified, rd.Signs, tt.want)
		}
	}
}

func equalSigns(a, b []Sign) bool {
	return len(a) == len(b) && (len(a) == 0 || string(a[0]) == string(b[0]) && equalSigns(a[1:], b[1:]))
}

func TestReadGenerator(t *testing.T) {
	b := standard().pdf(t)
	tests := []struct {
		name       string
		generators []string
		want       []Sign
	}{
		{"not configured", nil, nil},
		{"expected, any case", []string{"test register"}, nil},
		{"one of several", []string{"Other", "Register System"}, nil},
		{"other software", []string{"Police PDF Service"}, []Sign{rules.SignGeneratorUnexpected}},
	}
	for _, tt := range tests {
		c := DefaultConfig()
		c.Generators = tt.generators
		if rd := readWith(t, c, b); !equalSigns(rd.Signs, tt.want) {
			t.Errorf("%s: signs %v, want %v", tt.name, rd.Signs, tt.want)
		}
	}
}

func TestReadEncrypted(t *testing.T) {
	c := standard()
	c.protect, c.userPassword, c.ownerPassword = true, "hemmelig", "ejer"
	rd := read(t, c.pdf(t))
	wantSigns(t, rd, rules.SignEncrypted)
	if rd.Name != "" || !rd.CPR.IsZero() || rd.Outcome != OutcomeUnknown {
		t.Errorf("read something from an encrypted file: %+v", rd)
	}

	// Restrictions without a password to open are no obstacle.
	c.userPassword = ""
	rd = read(t, c.pdf(t))
	wantSigns(t, rd)
	if rd.Outcome != rules.OutcomeClean || !rd.CPR.Matches("0101901234") {
		t.Errorf("owner-protected file: %+v", rd)
	}
}

func TestReadScan(t *testing.T) {
	scan := standard()
	scan.noText = true
	scan.before = func(p *fpdf.Fpdf) { drawImage(t, p, 0, 0, 210, 297) }
	rd := read(t, scan.pdf(t))
	wantSigns(t, rd, rules.SignNoTextLayer)

	// Scanners that recognise the text lay it invisibly over the picture:
	// still a scan, not hidden text.
	ocr := standard()
	ocr.before = func(p *fpdf.Fpdf) {
		drawImage(t, p, 0, 0, 210, 297)
		p.SetTextRenderingMode(3)
	}
	rd = read(t, ocr.pdf(t))
	wantSigns(t, rd, rules.SignNoTextLayer)
	if rd.Outcome != OutcomeUnknown || rd.Name != "" {
		t.Errorf("read the OCR layer: %+v", rd)
	}

	empty := standard()
	empty.noText = true
	wantSigns(t, read(t, empty.pdf(t)), rules.SignNoTextLayer)

	// All text white and no picture: the page shows nothing, and the
	// text is hidden, not scanned.
	blank := standard()
	blank.before = func(p *fpdf.Fpdf) { p.SetTextColor(255, 255, 255) }
	wantSigns(t, read(t, blank.pdf(t)), rules.SignNoTextLayer, rules.SignTextWhite)
}

func TestReadRefusesWhatIsNoPDF(t *testing.T) {
	good := standard().pdf(t)
	small := DefaultConfig()
	small.MaxBytes = int64(len(good)) - 1
	tests := []struct {
		name string
		c    Config
		data []byte
		want error
	}{
		{"empty", DefaultConfig(), nil, ErrEmpty},
		{"too large", small, good, ErrTooLarge},
		{"a picture", DefaultConfig(), pngImage(t), ErrNotPDF},
		{"text", DefaultConfig(), []byte("Der er ingen registreringer"), ErrNotPDF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.c.Read(bytes.NewReader(tt.data), int64(len(tt.data)))
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
}

type failingReader struct{}

func (failingReader) ReadAt([]byte, int64) (int, error) { return 0, io.ErrClosedPipe }

func TestReadReportsReadErrors(t *testing.T) {
	if _, err := Read(failingReader{}, 100); !errors.Is(err, io.ErrClosedPipe) {
		t.Errorf("error %v", err)
	}
	b := standard().pdf(t)
	if _, err := Read(bytes.NewReader(b[:100]), int64(len(b))); !errors.Is(err, io.EOF) {
		t.Errorf("short read: error %v", err)
	}
}

// A damaged file is read as far as it goes: the result is a sign, never
// an error or a panic.
func TestReadDamagedFiles(t *testing.T) {
	good := standard().pdf(t)
	tests := map[string][]byte{
		"header only":              []byte("%PDF-1.7\n"),
		"cut in half":              good[:len(good)/2],
		"cut before the end":       good[:len(good)-40],
		"garbage after the header": append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("obj << /Type ( [ "), 500)...),
		"cross-references zeroed":  zeroed(good, bytes.LastIndex(good, []byte("xref")), 200),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			rd, err := Read(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatalf("error %v", err)
			}
			if len(rd.Signs) == 0 {
				t.Errorf("no sign for a damaged file: %+v", rd)
			}
		})
	}
}

func zeroed(b []byte, at, n int) []byte {
	out := bytes.Clone(b)
	for i := at; i < at+n && i < len(out); i++ {
		out[i] = 0
	}
	return out
}

// Uploads are read in parallel by the job workers.
func TestReadConcurrently(t *testing.T) {
	b := standard().pdf(t)
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			rd, err := Read(bytes.NewReader(b), int64(len(b)))
			if err == nil && rd.Outcome != rules.OutcomeClean {
				err = errors.New("outcome " + string(rd.Outcome))
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func BenchmarkRead(b *testing.B) {
	data := standard().pdf(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), int64(len(data))); err != nil {
			b.Fatal(err)
		}
	}
}
