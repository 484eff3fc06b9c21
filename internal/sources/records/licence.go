package records

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/rules"
)

// LicenceSource says how the licence was shown.
type LicenceSource string

// Licence sources: the card (both sides uploaded) or the official
// licence app (a screenshot).
const (
	FromCard LicenceSource = "card"
	FromApp  LicenceSource = "app"
)

// Categories are the driving-licence categories a Danish licence can
// show (EU directive 2006/126 plus the national tractor category).
var Categories = []string{"AM", "A1", "A2", "A", "B1", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE", "T"}

// NormaliseCategory returns a category in the register's spelling
// ("c1e", "C1+E" and "C1 E" are C1E), or ok false.
func NormaliseCategory(s string) (string, bool) {
	c := strings.ToUpper(strings.NewReplacer(" ", "", "+", "", "/", "").Replace(strings.TrimSpace(s)))
	return c, slices.Contains(Categories, c)
}

// LicenceCategory is one category with its own validity, from the back
// of the card (columns 10 and 11).
type LicenceCategory struct {
	Code   string     `json:"code"`
	Issued rules.Date `json:"issued,omitzero"`
	// Expiry is the category's own expiry; zero means the card's (4b).
	Expiry rules.Date `json:"expiry,omitzero"`
}

// Licence is a driving licence as recorded from the card or the app.
type Licence struct {
	Number     string            `json:"number,omitempty"` // field 5
	Issued     rules.Date        `json:"issued,omitzero"`  // field 4a
	Expiry     rules.Date        `json:"expiry"`           // field 4b
	Categories []LicenceCategory `json:"categories"`       // field 9 and the back
	Source     LicenceSource     `json:"source"`
	// Recorded is when the licence was seen; the next check is counted
	// from it.
	Recorded rules.Date `json:"recorded"`
}

// Validate checks a licence as the subject or handler entered it. It
// returns a *domain.Error whose Fields name the wrong fields.
func (l Licence) Validate() error {
	f := map[string]string{}
	if l.Expiry.IsZero() {
		f["expiry"] = "error.required"
	}
	if !l.Issued.IsZero() && !l.Expiry.IsZero() && l.Expiry.Before(l.Issued) {
		f["expiry"] = "error.date_range"
	}
	if len(l.Categories) == 0 {
		f["categories"] = "error.required"
	}
	for i, c := range l.Categories {
		if _, ok := NormaliseCategory(c.Code); !ok {
			f[fmt.Sprintf("categories[%d]", i)] = "error.licence_category"
		}
	}
	if l.Source != FromCard && l.Source != FromApp {
		f["source"] = "error.required"
	}
	if l.Recorded.IsZero() {
		f["recorded"] = "error.required"
	}
	if len(f) > 0 {
		return domain.Invalid(f)
	}
	return nil
}

// Permits returns the licence as rules evidence: one permit per distinct
// expiry, so a category that expires early (e.g. C, renewed every five
// years) is warned about on its own. IDs are prefix-1, prefix-2, … in
// order of expiry.
func (l Licence) Permits(prefix string) []rules.Permit {
	byExpiry := map[rules.Date][]string{}
	for _, c := range l.Categories {
		code, ok := NormaliseCategory(c.Code)
		if !ok {
			continue
		}
		exp := c.Expiry
		if exp.IsZero() {
			exp = l.Expiry
		}
		byExpiry[exp] = append(byExpiry[exp], code)
	}
	expiries := make([]rules.Date, 0, len(byExpiry))
	for d := range byExpiry {
		expiries = append(expiries, d)
	}
	slices.SortFunc(expiries, func(a, b rules.Date) int { return a.Compare(b) })
	out := make([]rules.Permit, len(expiries))
	for i, d := range expiries {
		cats := byExpiry[d]
		slices.SortFunc(cats, func(a, b string) int {
			return cmp.Compare(slices.Index(Categories, a), slices.Index(Categories, b))
		})
		out[i] = rules.Permit{ID: fmt.Sprintf("%s-%d", prefix, i+1), Kind: rules.PermitDrivingLicence,
			Categories: slices.Compact(cats), Issued: l.Issued, Expiry: d}
	}
	return out
}

// NextCheck returns when the licence should be seen again: every months
// months from Recorded, or the earliest expiry if that comes first.
func (l Licence) NextCheck(months int) rules.Date {
	next := l.Recorded.AddMonths(months)
	for _, p := range l.Permits("x") {
		if !p.Expiry.IsZero() && p.Expiry.Before(next) {
			next = p.Expiry
		}
	}
	return next
}
