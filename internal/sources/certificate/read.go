package certificate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// Errors for uploads that are not a certificate PDF at all. Anything that
// starts like a PDF is read as far as it goes and what failed becomes a
// sign instead, so the handler sees it with the rest.
var (
	ErrEmpty    = errors.New("certificate: the file is empty")
	ErrTooLarge = errors.New("certificate: the file is larger than a certificate can be")
	ErrNotPDF   = errors.New("certificate: the file is not a PDF")
)

// Config tunes the reader. The zero value of a field means its default.
type Config struct {
	// MaxBytes is the largest file read (default 10 MiB; a certificate
	// is a few hundred kilobytes at most).
	MaxBytes int64
	// MaxDecodedBytes bounds the decompressed streams of one file
	// (default 64 MiB), against compression bombs.
	MaxDecodedBytes int64
	// MaxPages is how many pages are read (default 10).
	MaxPages int
	// Generators are the producer or creator names of the software that
	// writes genuine certificates, matched without regard to case as
	// parts of the file's producer, creator or XMP creator tool. A file
	// written by anything else gets rules.SignGeneratorUnexpected. Empty
	// means the check is off: the police's software is not known from
	// here, so it must be configured from a genuine certificate.
	Generators []string
	// ModifiedTolerance is how much later than the creation date a
	// modification date may be before it counts as an edit (default two
	// minutes: a generator may stamp the two a moment apart).
	ModifiedTolerance time.Duration
	// Phrases are the wordings looked for; zero means DefaultPhrases.
	Phrases *Phrases
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{MaxBytes: 10 << 20, MaxDecodedBytes: 64 << 20, MaxPages: 10, ModifiedTolerance: 2 * time.Minute}
}

func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.MaxBytes <= 0 {
		c.MaxBytes = d.MaxBytes
	}
	if c.MaxDecodedBytes <= 0 {
		c.MaxDecodedBytes = d.MaxDecodedBytes
	}
	if c.MaxPages <= 0 {
		c.MaxPages = d.MaxPages
	}
	if c.ModifiedTolerance <= 0 {
		c.ModifiedTolerance = d.ModifiedTolerance
	}
	if c.Phrases == nil {
		p := DefaultPhrases()
		c.Phrases = &p
	}
	return c
}

// Read reads a certificate with the default configuration.
func Read(r io.ReaderAt, size int64) (Reading, error) {
	return DefaultConfig().Read(r, size)
}

// Read reads the certificate PDF in r (size bytes). It returns an error
// only when the file is empty, too large or not a PDF; a PDF that is
// damaged, encrypted, scanned or altered gives a Reading whose Signs say
// so. It never panics on bad input.
func (c Config) Read(r io.ReaderAt, size int64) (Reading, error) {
	c = c.withDefaults()
	switch {
	case size <= 0:
		return Reading{}, ErrEmpty
	case size > c.MaxBytes:
		return Reading{}, ErrTooLarge
	}
	data := make([]byte, size)
	if n, err := r.ReadAt(data, 0); n < len(data) {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return Reading{}, fmt.Errorf("certificate: reading the file: %w", err)
	}
	if !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")) {
		return Reading{}, ErrNotPDF
	}
	return c.read(data), nil
}

func (c Config) read(data []byte) Reading {
	signs := signSet{}
	st := scanStructure(data)
	doc, err := open(context.Background(), data, c.MaxDecodedBytes)
	if err != nil {
		if errors.Is(err, errWrongPassword) || st.encrypted {
			signs.add(rules.SignEncrypted)
		} else {
			signs.add(rules.SignUnreadable)
		}
		return Reading{Signs: signs.list()}
	}
	rd := Reading{Pages: doc.x.PageCount}
	meta := doc.metadata()
	rd.Generator = strings.Join(uniqueNonEmpty(meta.producer, meta.creator, meta.xmpTool), "; ")
	c.historySigns(meta, st, signs)

	p := newPainter(doc)
	for n := 1; n <= min(doc.x.PageCount, c.MaxPages); n++ {
		if pg, ok := doc.page(n); ok {
			p.paintPage(n, pg)
		}
	}
	if p.overflow {
		// More drawing than any certificate has: what lies beyond the
		// bounds was not read.
		signs.add(rules.SignUnreadable)
	}
	visible, hidden := split(p.runs)
	if !anyWords(visible) {
		// Only a picture of the text, perhaps with an invisible OCR
		// layer over it as scanners make: nothing here was issued as
		// text, so nothing is read, and the handler reads the picture.
		// Without a picture, hidden text is all there is: say so.
		signs.add(rules.SignNoTextLayer)
		if !p.sawImage {
			for _, r := range hidden {
				hiddenSigns(r, signs)
			}
		}
		rd.Signs = signs.list()
		return rd
	}
	var hiddenText []string
	for _, r := range hidden {
		hiddenSigns(r, signs)
		hiddenText = append(hiddenText, r.text)
	}
	c.Phrases.compile().fields(lines(visible), strings.Join(hiddenText, "\n"), &rd, signs.add)
	missingSigns(rd, signs)
	if signs[rules.SignOutcomeContradictory] {
		rd.Outcome = OutcomeUnknown // the handler reads what the police wrote
	}
	rd.Signs = signs.list()
	return rd
}

// historySigns are what the file's metadata and structure say about
// edits after it was written.
func (c Config) historySigns(meta metadata, st structure, signs signSet) {
	if later(meta.modified, meta.created, c.ModifiedTolerance) || later(meta.xmpModified, meta.xmpCreated, c.ModifiedTolerance) {
		signs.add(rules.SignModifiedAfterCreation)
	}
	if st.damaged {
		// Read on: the parser rebuilt the structure, but the handler
		// must check the file against what they see.
		signs.add(rules.SignUnreadable)
	}
	if st.edited() {
		signs.add(rules.SignIncrementalUpdate)
	}
	if len(c.Generators) > 0 && !knownGenerator(c.Generators, meta.producer, meta.creator, meta.xmpTool) {
		signs.add(rules.SignGeneratorUnexpected)
	}
}

// split separates the runs a reader of the page sees from hidden runs
// with words in them.
func split(runs []run) (visible, hidden []run) {
	for _, r := range runs {
		switch {
		case !r.hidden():
			visible = append(visible, r)
		case r.hasWords():
			hidden = append(hidden, r)
		}
	}
	return visible, hidden
}

func missingSigns(rd Reading, signs signSet) {
	for _, m := range []struct {
		missing bool
		sign    Sign
	}{
		{rd.Kind == "", rules.SignMissingKind},
		{rd.Name == "", rules.SignMissingName},
		{rd.CPR.IsZero(), rules.SignMissingCPR},
		{rd.Issued.IsZero(), rules.SignMissingIssued},
		{rd.Outcome == OutcomeUnknown && !signs[rules.SignOutcomeContradictory], rules.SignMissingOutcome},
	} {
		if m.missing {
			signs.add(m.sign)
		}
	}
}

func hiddenSigns(r run, signs signSet) {
	switch {
	case r.invisible:
		signs.add(rules.SignTextInvisible)
	case r.offPage:
		signs.add(rules.SignTextOffPage)
	case r.covered:
		signs.add(rules.SignTextCovered)
	case r.white:
		signs.add(rules.SignTextWhite)
	case r.tiny:
		signs.add(rules.SignTextTiny)
	}
}

func anyWords(rs []run) bool {
	for _, r := range rs {
		if r.hasWords() {
			return true
		}
	}
	return false
}

func later(a, b time.Time, tolerance time.Duration) bool {
	return !a.IsZero() && !b.IsZero() && a.Sub(b) > tolerance
}

func knownGenerator(known []string, names ...string) bool {
	for _, n := range names {
		for _, k := range known {
			if k != "" && strings.Contains(strings.ToLower(n), strings.ToLower(k)) {
				return true
			}
		}
	}
	return false
}

func uniqueNonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		s = strings.TrimSpace(s)
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
