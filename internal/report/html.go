package report

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io"
)

//go:embed assets/report.html.tmpl assets/style.css
var assets embed.FS

var (
	htmlTemplate = template.Must(template.ParseFS(assets, "assets/report.html.tmpl"))
	style        = mustRead("assets/style.css")
)

// HTMLContentSecurityPolicy is the Content-Security-Policy to serve an
// HTML report with: nothing may load, no script may run, and only the
// report's own style sheet (pinned by its hash) applies.
var HTMLContentSecurityPolicy = "default-src 'none'; style-src 'sha256-" + styleHash() + "'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

func mustRead(name string) string {
	b, err := assets.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func styleHash() string {
	sum := sha256.Sum256([]byte(style))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// HTML writes r as one self-contained, printable HTML page (A4 print
// styles, no external resources), labels translated with t. Every text
// from r is escaped by html/template. The page carries the document id and
// content checksum, also as <meta name="bgcheck-document-id"> and
// <meta name="bgcheck-content-sha256">. Nothing is written when r is
// invalid.
func HTML(w io.Writer, r Report, t Translator) error {
	if t == nil {
		return errors.New("report: HTML: no translator")
	}
	if err := validate(&r); err != nil {
		return err
	}
	data := struct {
		view
		Style template.CSS
	}{build(r, t), template.CSS(style)}
	// Rendered into a buffer so that a template error never leaves half a
	// page in w.
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, data); err != nil {
		return fmt.Errorf("report: HTML: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
