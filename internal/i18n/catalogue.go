// Package i18n is bgcheck's message catalogue: every text a person reads,
// in Danish (the default) and English, looked up by a stable message id
// such as "error.password_common". Message files are embedded, so a binary
// always carries a complete catalogue.
package i18n

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// Default is the language used when nothing else is asked for.
const Default = "da"

// Languages lists the supported languages, default first.
var Languages = []string{"da", "en"}

// MissingPrefix starts the text returned for an unknown message id, so a
// missing translation is visible on the page and easy to find in tests.
const MissingPrefix = "!missing:"

//go:embed locales/*.toml
var locales embed.FS

// Catalogue holds every message in every supported language.
type Catalogue struct {
	bundle     *goi18n.Bundle
	ids        map[string]bool
	localizers map[string]*Localizer
}

// New parses the embedded message files. It fails when a file is malformed,
// a message is empty, or the languages do not define exactly the same ids,
// so an incomplete catalogue never reaches users.
func New() (*Catalogue, error) {
	c := &Catalogue{
		bundle:     goi18n.NewBundle(language.Danish),
		localizers: map[string]*Localizer{},
	}
	perLang := map[string]map[string]string{}
	for _, lang := range Languages {
		msgs, err := load(lang)
		if err != nil {
			return nil, err
		}
		perLang[lang] = msgs
		if err := c.add(lang, msgs); err != nil {
			return nil, err
		}
	}
	if err := sameIDs(perLang); err != nil {
		return nil, err
	}
	c.ids = map[string]bool{}
	for id := range perLang[Default] {
		c.ids[id] = true
	}
	for _, lang := range Languages {
		c.localizers[lang] = &Localizer{lang: lang, cat: c, loc: goi18n.NewLocalizer(c.bundle, lang)}
	}
	return c, nil
}

// load reads one language's flat TOML files: the product's own catalogue
// and the screening rules' help texts, which live with the rules. "id" =
// "text" only; nested tables are refused so that every id is greppable in
// the file as written, and an id defined twice is an error.
func load(lang string) (map[string]string, error) {
	msgs := map[string]string{}
	for _, src := range []struct {
		fsys fs.FS
		name string
	}{{locales, "locales/" + lang + ".toml"}, {rules.HelpFiles(), lang + ".toml"}} {
		buf, err := fs.ReadFile(src.fsys, src.name)
		if err != nil {
			return nil, fmt.Errorf("i18n: read %s: %w", src.name, err)
		}
		part := map[string]string{}
		if _, err := toml.NewDecoder(bytes.NewReader(buf)).Decode(&part); err != nil {
			return nil, fmt.Errorf("i18n: parse %s: %w", src.name, err)
		}
		for id, text := range part {
			if strings.TrimSpace(text) == "" {
				return nil, fmt.Errorf("i18n: %s: message %q is empty", src.name, id)
			}
			if _, dup := msgs[id]; dup {
				return nil, fmt.Errorf("i18n: %s: message %q is defined twice", src.name, id)
			}
			msgs[id] = text
		}
	}
	return msgs, nil
}

func (c *Catalogue) add(lang string, msgs map[string]string) error {
	tag := language.MustParse(lang)
	for _, id := range slices.Sorted(maps.Keys(msgs)) {
		m := &goi18n.Message{ID: id, Other: msgs[id]}
		if err := c.bundle.AddMessages(tag, m); err != nil {
			return fmt.Errorf("i18n: add %s %q: %w", lang, id, err)
		}
	}
	return nil
}

// sameIDs reports the first id one language has and another lacks.
func sameIDs(perLang map[string]map[string]string) error {
	base := perLang[Default]
	for _, lang := range Languages {
		for _, pair := range [][2]map[string]string{{base, perLang[lang]}, {perLang[lang], base}} {
			for _, id := range slices.Sorted(maps.Keys(pair[0])) {
				if _, ok := pair[1][id]; !ok {
					return fmt.Errorf("i18n: message %q is not defined in every language (%s, %s)", id, Default, lang)
				}
			}
		}
	}
	return nil
}

// Has reports whether id is a message in the catalogue.
func (c *Catalogue) Has(id string) bool { return c.ids[id] }

// IDs returns every message id, sorted.
func (c *Catalogue) IDs() []string { return slices.Sorted(maps.Keys(c.ids)) }

// Localizer returns the localizer for lang, or for Default when lang is
// not supported.
func (c *Catalogue) Localizer(lang string) *Localizer {
	if l, ok := c.localizers[lang]; ok {
		return l
	}
	return c.localizers[Default]
}

// T renders message id in lang with data; it lets the application layer
// compose e-mails without holding a Localizer.
func (c *Catalogue) T(lang, id string, data map[string]any) string {
	return c.Localizer(lang).T(id, data)
}
