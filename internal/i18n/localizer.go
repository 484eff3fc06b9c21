package i18n

import (
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// Localizer renders messages in one language.
type Localizer struct {
	lang string
	cat  *Catalogue
	loc  *goi18n.Localizer
}

// Lang returns the localizer's language code, e.g. "da".
func (l *Localizer) Lang() string { return l.lang }

// Has reports whether id is a message in the catalogue.
func (l *Localizer) Has(id string) bool { return l.cat.Has(id) }

// T renders message id with the template data in data (fields such as
// {{.Name}}). An unknown id yields MissingPrefix followed by the id rather
// than an empty string, so the gap shows.
func (l *Localizer) T(id string, data ...map[string]any) string {
	if !l.cat.Has(id) {
		return MissingPrefix + id
	}
	cfg := &goi18n.LocalizeConfig{MessageID: id}
	if len(data) > 0 && data[0] != nil {
		cfg.TemplateData = data[0]
	}
	s, err := l.loc.Localize(cfg)
	if err != nil {
		return MissingPrefix + id
	}
	return s
}

// Message renders id when it is a catalogue id and the generic
// "error.internal" text otherwise. Use it for messages that come from
// elsewhere (such as a domain error's Message), so that raw text never
// reaches the page.
func (l *Localizer) Message(id string) string {
	if !l.cat.Has(id) {
		id = "error.internal"
	}
	return l.T(id)
}
