package portal

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/web/static"
)

// page is what every template receives. Texts are looked up with
// {{$.T "id"}}; a template never holds a user-visible string of its own.
type page struct {
	Lang      string
	Title     string // message id of the page title
	CSRF      string
	Path      string             // where the language switch returns to
	Case      *domain.PortalCase // nil on pages without a case
	Base      string             // the case's portal path, "" without a case
	Link      string             // the case link, for the sign-out form
	SignedIn  bool               // a subject session that may act on this page
	Flash     string
	FlashErr  bool
	Warnings  []string     // translated warnings left by the previous request
	Error     string       // a message for the whole form or page
	Summary   []errorEntry // the error summary at the top of a form
	Form      map[string]string
	Fields    map[string]string // per-field messages, already translated
	RequestID string
	Data      any

	section   string // "personal" or "licence" on those steps: bare field keys belong there
	loc       *i18n.Localizer
	assets    *static.Assets
	css       *asset
	tz        *time.Location
	countries *countryNames
}

// errorEntry is one line of the error summary: the field's label and
// message, linking to the field.
type errorEntry struct {
	Href, Text string
}

// newPage starts a page: language, CSRF token, the case and any pending
// flash message and warnings. Call it before anything is written to w.
func (s *Server) newPage(w http.ResponseWriter, r *http.Request, title string) *page {
	st := s.stateOf(r)
	p := &page{
		Lang:      st.lang,
		Title:     title,
		CSRF:      s.csrfToken(w, r, st),
		Path:      r.URL.RequestURI(),
		SignedIn:  st.sess != nil && (st.pc == nil || st.bound()),
		RequestID: domain.RequestFrom(r.Context()).ID,
		Form:      map[string]string{},
		Fields:    map[string]string{},
		loc:       st.loc,
		assets:    s.assets,
		css:       s.css,
		tz:        s.cfg.Location,
		countries: s.countries,
	}
	if st.pc != nil {
		p.Case, p.Base, p.Link = st.pc, casePath(st.link, ""), st.link
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		// The switch must return to a page that can be fetched.
		p.Path = p.Base
	}
	if ids := s.takeNotes(w, r, flashCookie); len(ids) > 0 {
		p.Flash, p.FlashErr = st.loc.T(ids[0]), strings.HasPrefix(ids[0], "error.")
	}
	for _, id := range s.takeNotes(w, r, warnCookie) {
		p.Warnings = append(p.Warnings, st.loc.T(id))
	}
	return p
}

// T renders a message; data are name/value pairs for the message's
// template fields, e.g. {{$.T "page.portal.landing.heading" "Org" .Case.Org.Name}}.
func (p *page) T(id string, pairs ...any) string {
	if len(pairs) == 0 {
		return p.loc.T(id)
	}
	data := make(map[string]any, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		if k, ok := pairs[i].(string); ok {
			data[k] = pairs[i+1]
		}
	}
	return p.loc.T(id, data)
}

// Asset is the versioned URL of a shared static file.
func (p *page) Asset(name string) string { return p.assets.Path(name) }

// Stylesheet is the versioned URL of the portal's own style sheet.
func (p *page) Stylesheet() string { return p.css.path() }

// daMonths are the Danish month names; Go formats only English ones.
var daMonths = [12]string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"}

// Day formats the date of t in words, e.g. "2. januar 2026" or
// "2 January 2026"; the zero time is "".
func (p *page) Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(p.tz)
	if p.Lang == "en" {
		return t.Format("2 January 2006")
	}
	return strconv.Itoa(t.Day()) + ". " + daMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// Time formats t as date and time of day; the zero time is "".
func (p *page) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if p.Lang == "en" {
		return p.Day(t) + " at " + t.In(p.tz).Format("15:04")
	}
	return p.Day(t) + " kl. " + t.In(p.tz).Format("15.04")
}

// ISOTime formats t for a <time datetime> attribute.
func (p *page) ISOTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Href joins the case's portal path and sub.
func (p *page) Href(sub string) string { return p.Base + sub }

// ShowError reports whether the page has a form error to summarise.
func (p *page) ShowError() bool { return p.Error != "" || len(p.Summary) > 0 }
