package certificate

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"slices"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/goregular"
)

// cert describes a test certificate drawn with fpdf: the standard layout
// of docs/sandbox.md, with hooks to draw the tricks a forger would use.
type cert struct {
	title, name, cpr, issued string
	outcome                  []string
	producer                 string
	created, modified        time.Time
	before, after            func(*fpdf.Fpdf) // drawn before and after the text
	userPassword             string
	ownerPassword            string
	protect                  bool
	noText                   bool
}

var created = time.Date(2026, 11, 16, 9, 14, 0, 0, time.UTC)

func standard() cert {
	return cert{
		title: "Privat straffeattest", name: "Karen Prøvesen", cpr: "010190-1234", issued: "16.11.2026",
		outcome:  []string{"Der er ingen registreringer i Kriminalregistret vedrørende ovennævnte person."},
		producer: "Test Register System", created: created, modified: created,
	}
}

func (c cert) pdf(t testing.TB) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(c.created)
	pdf.SetModificationDate(c.modified)
	pdf.SetProducer(c.producer, false)
	if c.protect {
		pdf.SetProtection(0, c.userPassword, c.ownerPassword)
	}
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.AddPage()
	pdf.SetFont("go", "", 11)
	if c.before != nil {
		c.before(pdf)
	}
	if !c.noText {
		y := 20.0
		line := func(x float64, s string) {
			if s != "" {
				pdf.Text(x, y, s)
			}
		}
		line(20, "RIGSPOLITIET")
		y += 15
		line(20, c.title)
		for _, f := range [][2]string{{"Navn:", c.name}, {"CPR-nr.:", c.cpr}, {"Udstedt:", c.issued}} {
			y += 7
			if f[1] != "" {
				line(20, f[0])
				line(60, f[1])
			}
		}
		y += 10
		for _, o := range c.outcome {
			line(20, o)
			y += 6
		}
	}
	if c.after != nil {
		c.after(pdf)
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func read(t testing.TB, b []byte) Reading {
	t.Helper()
	return readWith(t, DefaultConfig(), b)
}

func readWith(t testing.TB, c Config, b []byte) Reading {
	t.Helper()
	rd, err := c.Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return rd
}

func wantSigns(t *testing.T, rd Reading, want ...Sign) {
	t.Helper()
	if !slices.Equal(rd.Signs, want) {
		t.Errorf("signs %v, want %v", rd.Signs, want)
	}
}

// pngImage is a plain grey picture, as a scanner would give.
func pngImage(t testing.TB) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 40, 40))
	for i := range img.Pix {
		img.Pix[i] = 200
	}
	img.Set(3, 3, color.Black)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func drawImage(t testing.TB, pdf *fpdf.Fpdf, x, y, w, h float64) {
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	pdf.RegisterImageOptionsReader("picture", opt, bytes.NewReader(pngImage(t)))
	pdf.ImageOptions("picture", x, y, w, h, false, opt, 0, "")
}
