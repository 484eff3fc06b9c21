package sandbox

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// CertificateGenerator is the producer and creator written into the
// sandbox's certificate PDFs. Give it to the certificate reader as the
// expected generator to see a doctored copy flagged as written by other
// software as well.
const CertificateGenerator = "bgcheck sandbox certificates"

// Certificate variants CertificatePDF produces.
const (
	// CertificateCriminal is the person's private criminal record
	// certificate as the police would send it; it agrees with
	// Certificates(key).
	CertificateCriminal = "criminal"
	// CertificateChild is a child certificate (børneattest).
	CertificateChild = "child"
	// CertificateEntries is a criminal record certificate listing a
	// registration.
	CertificateEntries = "entries"
	// CertificateTampered is the certificate with entries, doctored the
	// way a forger would: a PDF editor saved an incremental update that
	// paints a white box over the registration and writes "no
	// registrations" on top, with a later modification date.
	CertificateTampered = "tampered"
	// CertificateScanned is the criminal record certificate printed and
	// scanned: a picture of the page with no text in it.
	CertificateScanned = "scanned"
)

// certSpec describes one fictitious certificate.
type certSpec struct {
	kind     rules.RecordKind
	english  bool
	daysAgo  int
	cpr      string // when the person's CPR number is not in Person
	entries  bool
	tampered bool
	scanned  bool
	number   int
}

// certificateSpecs are the certificates each person can upload; the
// variant names are in the order CertificateVariants lists them.
var certificateSpecs = map[string][]struct {
	variant string
	spec    certSpec
}{
	"karen": {
		{CertificateCriminal, certSpec{kind: rules.RecordCriminal, daysAgo: 7, number: 101}},
		{CertificateChild, certSpec{kind: rules.RecordChild, daysAgo: 7, number: 102}},
	},
	"lars": {
		{CertificateCriminal, certSpec{kind: rules.RecordCriminal, daysAgo: 20, number: 201}},
		{CertificateEntries, certSpec{kind: rules.RecordCriminal, daysAgo: 20, entries: true, number: 202}},
		{CertificateTampered, certSpec{kind: rules.RecordCriminal, daysAgo: 20, entries: true, tampered: true, number: 202}},
	},
	"mette": {
		{CertificateCriminal, certSpec{kind: rules.RecordCriminal, daysAgo: 3, number: 301}},
		{CertificateScanned, certSpec{kind: rules.RecordCriminal, daysAgo: 3, scanned: true, number: 301}},
	},
	"sofie": {
		{CertificateCriminal, certSpec{kind: rules.RecordCriminal, daysAgo: 10, english: true, cpr: "0505951238", number: 401}},
	},
	"ole": {
		{CertificateCriminal, certSpec{kind: rules.RecordCriminal, daysAgo: 5, number: 501}},
	},
}

// CertificateVariants returns the certificate variants the person has.
func (s *Sandbox) CertificateVariants(key string) []string {
	var out []string
	for _, v := range certificateSpecs[key] {
		out = append(out, v.variant)
	}
	return out
}

// CertificatePDF returns one of the person's fictitious certificates as
// the PDF they would upload (see docs/sandbox.md). The same sandbox
// always gives the same bytes. Every page says it is fictitious.
func (s *Sandbox) CertificatePDF(key, variant string) ([]byte, error) {
	p, ok := s.Person(key)
	if !ok {
		return nil, fmt.Errorf("sandbox: no person %q", key)
	}
	for _, v := range certificateSpecs[key] {
		if v.variant == variant {
			return s.certificatePDF(p, v.spec)
		}
	}
	return nil, fmt.Errorf("sandbox: %s has no %q certificate", key, variant)
}

func (s *Sandbox) certificatePDF(p Person, spec certSpec) ([]byte, error) {
	issued := s.asOf.AddDays(-spec.daysAgo)
	created := time.Date(issued.Year(), issued.Month(), issued.Day(), 9, 14, 0, 0, time.UTC)
	doc := s.certificateText(p, spec, issued)
	if spec.scanned {
		scan, err := scanImage(doc.items)
		if err != nil {
			return nil, err
		}
		return writePDF(nil, scan, "Sandbox Scanner 1.0", created, doc.title)
	}
	b, err := writePDF(doc.items, nil, CertificateGenerator, created, doc.title)
	if err != nil || !spec.tampered {
		return b, err
	}
	return forge(b, doc, created.Add(53*time.Hour+49*time.Minute))
}

// textItem is one line of text on the page.
type textItem struct {
	x, y float64 // baseline start in millimetres from the top-left corner
	size float64 // points
	bold bool
	grey uint8 // 0 is black
	text string
}

// certDoc is a laid-out certificate.
type certDoc struct {
	title string
	items []textItem
	// outcome is where the outcome statement (and any registrations)
	// stands: its first and last baseline, in millimetres.
	outcomeTop, outcomeBottom float64
	cleanText                 []string // the forger's replacement lines
}

const (
	labelX = 20.0
	valueX = 62.0
	wrapAt = 82 // characters per line of running text at 11 pt
)

func (s *Sandbox) certificateText(p Person, spec certSpec, issued rules.Date) certDoc {
	t := danishText
	if spec.english {
		t = englishText
	}
	cpr := p.CPR
	if spec.cpr != "" {
		cpr = spec.cpr
	}
	title := t.criminalTitle
	if spec.kind == rules.RecordChild {
		title = t.childTitle
	}
	d := certDoc{title: title}
	add := func(x, y, size float64, bold bool, grey uint8, text string) {
		d.items = append(d.items, textItem{x, y, size, bold, grey, text})
	}
	add(labelX, 20, 11, true, 0, t.issuer)
	add(labelX, 25, 9, false, 80, t.register)
	add(labelX, 45, 18, true, 0, strings.ToUpper(title))
	fields := [][2]string{
		{t.name, p.Name},
		{t.cpr, cpr[:6] + "-" + cpr[6:]},
		{t.issued, t.date(issued)},
		{t.number, fmt.Sprintf("SBX-%d-%06d", issued.Year(), spec.number)},
	}
	for i, f := range fields {
		y := 62 + 7*float64(i)
		add(labelX, y, 11, true, 0, f[0])
		add(valueX, y, 11, false, 0, f[1])
	}
	y := 100.0
	d.outcomeTop = y
	paragraph := func(text string, x float64) {
		for _, l := range wrap(text, wrapAt) {
			add(x, y, 11, false, 0, l)
			d.outcomeBottom = y
			y += 6
		}
	}
	clean := t.clean
	if spec.kind == rules.RecordChild {
		clean = t.childClean
	}
	d.cleanText = wrap(clean, wrapAt)
	if spec.entries {
		paragraph(t.entries, labelX)
		y += 2
		paragraph(t.entry(s.asOf.AddMonths(-14).AddDays(11)), labelX+5)
	} else {
		paragraph(clean, labelX)
	}
	y = max(y+10, 140)
	for _, l := range wrap(t.boilerplate, 100) {
		add(labelX, y, 9, false, 60, l)
		y += 5
	}
	add(labelX, 282, 8, false, 110, t.footer)
	return d
}

// certWords are a certificate's fixed texts in one language.
type certWords struct {
	issuer, register, criminalTitle, childTitle string
	name, cpr, issued, number                   string
	clean, childClean, entries                  string
	boilerplate, footer                         string
	date                                        func(rules.Date) string
	entry                                       func(rules.Date) string
}

var danishText = certWords{
	issuer: "RIGSPOLITIET", register: "Det Centrale Kriminalregister",
	criminalTitle: "Privat straffeattest", childTitle: "Børneattest",
	name: "Navn:", cpr: "CPR-nr.:", issued: "Udstedt:", number: "Attestnummer:",
	clean:      "Der er ingen registreringer i Kriminalregistret vedrørende ovennævnte person.",
	childClean: "Der er ingen registreringer i Kriminalregistret om domme for seksuelle krænkelser af børn under 15 år vedrørende ovennævnte person.",
	entries:    "Der er følgende registreringer i Kriminalregistret vedrørende ovennævnte person:",
	boilerplate: "Attesten viser de oplysninger i Det Centrale Kriminalregister, som efter reglerne om private " +
		"straffeattester må videregives, som de var på attestens dato.",
	footer: "Fiktiv attest fra bgchecks sandkasse – ikke fra politiet og uden retsvirkning.",
	date: func(d rules.Date) string {
		return fmt.Sprintf("%02d.%02d.%04d", d.Day(), int(d.Month()), d.Year())
	},
	entry: func(d rules.Date) string {
		return fmt.Sprintf("– Dom afsagt %02d.%02d.%04d af Retten i Aarhus: Overtrædelse af færdselslovens § 53, stk. 1 "+
			"(spirituskørsel). Bøde og betinget frakendelse af førerretten.", d.Day(), int(d.Month()), d.Year())
	},
}

var englishText = certWords{
	issuer: "DANISH NATIONAL POLICE", register: "Central Criminal Register",
	criminalTitle: "Criminal record certificate (private)", childTitle: "Child certificate",
	name: "Name:", cpr: "CPR number:", issued: "Date of issue:", number: "Certificate no.:",
	clean:      "There are no entries in the Central Criminal Register concerning the person named above.",
	childClean: "There are no entries in the Central Criminal Register of convictions for sexual offences against children under 15 concerning the person named above.",
	entries:    "The Central Criminal Register holds the following entries concerning the person named above:",
	boilerplate: "The certificate shows the information in the Central Criminal Register that the rules on " +
		"private certificates allow to be disclosed, as it stood on the date of the certificate.",
	footer: "Fictitious certificate from the bgcheck sandbox – not from the police and of no legal effect.",
	date: func(d rules.Date) string {
		return fmt.Sprintf("%d %s %04d", d.Day(), d.Month(), d.Year())
	},
	entry: func(d rules.Date) string {
		return fmt.Sprintf("– Judgment of %d %s %04d, Aarhus District Court: drink-driving (Road Traffic Act § 53(1)). "+
			"Fine and suspended disqualification from driving.", d.Day(), d.Month(), d.Year())
	},
}

// wrap breaks text into lines of at most n characters at spaces.
func wrap(text string, n int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > n {
			out = append(out, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// writePDF writes an A4 page of text items or, for a scan, of one image.
// The dates and catalogue order are fixed, so the bytes are the same on
// every run.
func writePDF(items []textItem, scan []byte, producer string, created time.Time, title string) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetProducer(producer, false)
	pdf.SetCreator(producer, false)
	pdf.SetTitle(title, true)
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	pdf.AddPage()
	if scan != nil {
		opt := fpdf.ImageOptions{ImageType: "PNG"}
		pdf.RegisterImageOptionsReader("scan", opt, bytes.NewReader(scan))
		pdf.ImageOptions("scan", 0, 0, 210, 297, false, opt, 0, "")
	}
	for _, it := range items {
		style := ""
		if it.bold {
			style = "B"
		}
		pdf.SetFont("go", style, it.size)
		pdf.SetTextColor(int(it.grey), int(it.grey), int(it.grey))
		pdf.Text(it.x, it.y, it.text)
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("sandbox: writing certificate: %w", err)
	}
	return b.Bytes(), nil
}

// scanImage renders the page as a scanner would deliver it: a greyscale
// picture of the text.
func scanImage(items []textItem) ([]byte, error) {
	const dpi = 120.0
	px := func(mm float64) int { return int(mm / 25.4 * dpi) }
	img := image.NewGray(image.Rect(0, 0, px(210), px(297)))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.Gray{Y: 246}), image.Point{}, draw.Src)
	regular, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, err
	}
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		f := regular
		if it.bold {
			f = bold
		}
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: it.size, DPI: dpi, Hinting: font.HintingFull})
		if err != nil {
			return nil, err
		}
		dr := font.Drawer{Dst: img, Src: image.NewUniform(color.Gray{Y: it.grey}), Face: face,
			Dot: fixed.P(px(it.x), px(it.y))}
		dr.DrawString(it.text)
		_ = face.Close()
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

const (
	ptPerMM  = 72 / 25.4
	pageHigh = 297.0
	// forgerTool is the fictitious PDF editor the doctored copy was last
	// saved with.
	forgerTool = "RetuschPDF 2.1"
)

var (
	trailerSize = regexp.MustCompile(`/Size (\d+)`)
	trailerRoot = regexp.MustCompile(`/Root (\d+) 0 R`)
	firstKid    = regexp.MustCompile(`/Kids \[(\d+) 0 R`)
	pageRes     = regexp.MustCompile(`/Resources (\d+) 0 R`)
	pageContent = regexp.MustCompile(`/Contents (\d+) 0 R`)
	fontDict    = regexp.MustCompile(`/Font <<`)
)

// forge appends an incremental update to a certificate PDF the way a PDF
// editor saves an edit: the original bytes stay, and new versions of the
// page and its resources, a new content stream, a font and a new
// information dictionary follow with their own cross-reference section.
// The new content paints a white box over the registrations and writes
// the clean wording on top.
func forge(orig []byte, d certDoc, modified time.Time) ([]byte, error) {
	size, err1 := submatchInt(trailerSize, orig)
	root, err2 := submatchInt(trailerRoot, orig)
	pageNum, err3 := submatchInt(firstKid, orig)
	prev := bytes.LastIndex(orig, []byte("startxref"))
	if err := firstErr(err1, err2, err3); err != nil || prev < 0 {
		return nil, fmt.Errorf("sandbox: forging: unexpected PDF layout")
	}
	prevXref := strings.Fields(string(orig[prev+len("startxref"):]))[0]
	page, ok1 := objectBody(orig, pageNum)
	resNum, err4 := submatchInt(pageRes, []byte(page))
	res, ok2 := objectBody(orig, resNum)
	created := creationDate(orig)
	if !ok1 || !ok2 || err4 != nil || created == "" || !pageContent.MatchString(page) || !fontDict.MatchString(res) {
		return nil, fmt.Errorf("sandbox: forging: unexpected PDF layout")
	}
	fontNum, contentNum, infoNum := size, size+1, size+2
	const fontName = "/FRetusch"
	objs := map[int]string{
		fontNum: "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding>>",
		resNum:  fontDict.ReplaceAllString(res, "/Font <<\n"+fontName+" "+strconv.Itoa(fontNum)+" 0 R"),
		pageNum: pageContent.ReplaceAllString(page, "/Contents [$1 0 R "+strconv.Itoa(contentNum)+" 0 R]"),
		infoNum: fmt.Sprintf("<<\n/Producer (%s)\n/Creator (%s)\n/CreationDate (%s)\n/ModDate (D:%s)\n>>",
			forgerTool, forgerTool, created, modified.Format("20060102150405")),
	}
	var content strings.Builder
	top, bottom := d.outcomeTop-5, d.outcomeBottom+3
	fmt.Fprintf(&content, "q 1 g %.2f %.2f %.2f %.2f re f Q\n", 18*ptPerMM, (pageHigh-bottom)*ptPerMM,
		176*ptPerMM, (bottom-top)*ptPerMM)
	for i, l := range d.cleanText {
		fmt.Fprintf(&content, "BT %s 11 Tf 0 g %.2f %.2f Td (%s) Tj ET\n", fontName, labelX*ptPerMM,
			(pageHigh-d.outcomeTop-6*float64(i))*ptPerMM, winAnsiLiteral(l))
	}
	objs[contentNum] = fmt.Sprintf("<</Length %d>>\nstream\n%sendstream", content.Len(), content.String())

	var b bytes.Buffer
	b.Write(orig)
	if !bytes.HasSuffix(orig, []byte("\n")) {
		b.WriteByte('\n')
	}
	offsets := map[int]int{}
	nums := []int{resNum, pageNum, fontNum, contentNum, infoNum}
	for _, n := range nums {
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, objs[n])
	}
	xref := b.Len()
	b.WriteString("xref\n")
	for _, n := range nums {
		fmt.Fprintf(&b, "%d 1\n%010d 00000 n \n", n, offsets[n])
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/Prev %s\n>>\nstartxref\n%d\n%%%%EOF\n",
		infoNum+1, root, infoNum, prevXref, xref)
	return b.Bytes(), nil
}

func submatchInt(re *regexp.Regexp, b []byte) (int, error) {
	m := re.FindSubmatch(b)
	if m == nil {
		return 0, fmt.Errorf("no %s", re)
	}
	return strconv.Atoi(string(m[1]))
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// objectBody returns the text between "n 0 obj" and "endobj".
func objectBody(b []byte, n int) (string, bool) {
	start := bytes.Index(b, []byte("\n"+strconv.Itoa(n)+" 0 obj\n"))
	if start < 0 {
		return "", false
	}
	start += len(strconv.Itoa(n)) + len(" 0 obj\n") + 1
	end := bytes.Index(b[start:], []byte("\nendobj"))
	if end < 0 {
		return "", false
	}
	return string(b[start : start+end]), true
}

var creationEntry = regexp.MustCompile(`/CreationDate \((D:\d+)\)`)

func creationDate(b []byte) string {
	m := creationEntry.FindSubmatch(b)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// winAnsiLiteral writes s as a PDF string in WinAnsiEncoding, the Danish
// letters as octal escapes.
func winAnsiLiteral(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x80:
			b.WriteRune(r)
		case r <= 0xFF:
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}
