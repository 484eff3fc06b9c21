package portal

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Limits of a wizard form. The service enforces its own; these keep a
// hostile form (10,000 rows, megabytes in one field) from costing more
// than reading it.
const (
	maxRows       = 100  // filled rows per list
	maxRowIndex   = 1000 // highest row number a form may use
	maxFieldRunes = 2000
	defaultBlank  = 1 // blank rows under saved ones
	emptyBlank    = 2 // blank rows when nothing is saved yet
	maxBlank      = 10
)

// listFields are each section's fields in page order; the error summary
// follows it.
var listFields = map[string][]string{
	"personal":   {"address", "postcode", "city", "country", "citizenship", "permit_expires"},
	"residences": {"country", "from", "to"},
	"activities": {"kind", "employer", "cvr", "country", "role", "from", "to", "note"},
	"educations": {"institution", "programme", "from", "to", "completed"},
	"licence": {"source", "number", "issued", "expires", "categories",
		"expiry.C1", "expiry.C1E", "expiry.C", "expiry.CE", "expiry.D1", "expiry.D1E", "expiry.D", "expiry.DE"},
	"roles": {"company", "cvr", "role", "from", "to"},
}

// sectionOrder ranks the sections for the error summary.
var sectionOrder = []string{"consent", "personal", "residences", "activities", "educations", "licence", "roles", "no_roles", "kind", "file", "confirm"}

// stepLists maps the steps with repeatable rows to their list.
var stepLists = map[string]string{
	domain.StepResidence:     "residences",
	domain.StepEmployment:    "activities",
	domain.StepEducation:     "educations",
	domain.StepBusinessRoles: "roles",
}

// licenceCategories are the categories of a Danish (EU) driving licence.
var licenceCategories = []string{"AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE"}

// formValues flattens d into form names and values, for showing it again.
func formValues(d domain.WizardData) map[string]string {
	f := map[string]string{}
	put := func(prefix string, kv ...string) {
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] != "" {
				f[prefix+kv[i]] = kv[i+1]
			}
		}
	}
	pe := d.Personal
	put("personal.", "address", pe.Address, "postcode", pe.Postcode, "city", pe.City, "country", pe.Country,
		"citizenship", pe.Citizenship, "permit_expires", pe.PermitExpires)
	for i, r := range d.Residences {
		put(rowPrefix("residences", i), "country", r.Country, "from", r.From, "to", r.To)
	}
	for i, a := range d.Activities {
		put(rowPrefix("activities", i), "kind", a.Kind, "employer", a.Employer, "cvr", a.CVR, "country", a.Country,
			"role", a.Role, "from", a.From, "to", a.To, "note", a.Note)
	}
	for i, e := range d.Educations {
		put(rowPrefix("educations", i), "institution", e.Institution, "programme", e.Programme, "from", e.From, "to", e.To,
			"completed", yes(e.Completed))
	}
	l := d.Licence
	put("licence.", "source", l.Source, "number", l.Number, "issued", l.Issued, "expires", l.Expires, "categories", strings.Join(l.Categories, ","))
	for c, exp := range l.CategoryExpiry {
		put("licence.expiry.", c, exp)
	}
	for i, r := range d.Roles {
		put(rowPrefix("roles", i), "company", r.Company, "cvr", r.CVR, "role", r.Role, "from", r.From, "to", r.To)
	}
	put("", "no_roles", yes(d.NoRoles))
	return f
}

func rowPrefix(list string, i int) string { return list + "." + strconv.Itoa(i) + "." }

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

// readStep reads one step's part of the wizard from a posted form into d.
// Blank rows are dropped and the rest renumbered from 0, so that the
// service's field errors ("activities.2.from") point at rows as they are
// shown again. fields holds problems found before asking the service.
func readStep(step string, v url.Values, d *domain.WizardData) (fields map[string]string) {
	fields = map[string]string{}
	r := formReader{v: v, fields: fields}
	switch step {
	case domain.StepPersonal:
		g := r.getter("personal.")
		d.Personal = domain.Personal{Address: g("address"), Postcode: g("postcode"), City: g("city"),
			Country: strings.ToUpper(g("country")), Citizenship: strings.ToUpper(g("citizenship")), PermitExpires: g("permit_expires")}
	case domain.StepResidence:
		d.Residences = nil
		r.rows("residences", func(g func(string) string) {
			d.Residences = append(d.Residences, domain.Residence{Country: strings.ToUpper(g("country")), From: g("from"), To: g("to")})
		})
	case domain.StepEmployment:
		d.Activities = nil
		r.rows("activities", func(g func(string) string) {
			d.Activities = append(d.Activities, domain.Activity{Kind: g("kind"), Employer: g("employer"), CVR: g("cvr"),
				Country: strings.ToUpper(g("country")), Role: g("role"), From: g("from"), To: g("to"), Note: g("note")})
		})
	case domain.StepEducation:
		d.Educations = nil
		r.rows("educations", func(g func(string) string) {
			d.Educations = append(d.Educations, domain.Education{Institution: g("institution"), Programme: g("programme"),
				From: g("from"), To: g("to"), Completed: g("completed") != ""})
		})
	case domain.StepLicence:
		g := r.getter("licence.")
		d.Licence = domain.Licence{Source: g("source"), Number: g("number"), Issued: g("issued"), Expires: g("expires"),
			Categories: r.licenceCategories(), CategoryExpiry: r.categoryExpiry()}
	case domain.StepBusinessRoles:
		d.Roles = nil
		r.rows("roles", func(g func(string) string) {
			d.Roles = append(d.Roles, domain.BusinessRole{Company: g("company"), CVR: g("cvr"), Role: g("role"), From: g("from"), To: g("to")})
		})
		d.NoRoles = v.Get("no_roles") != ""
	}
	return fields
}

// formReader reads trimmed, bounded values from a posted form.
type formReader struct {
	v      url.Values
	fields map[string]string
}

func (r formReader) value(name string) string {
	s := strings.TrimSpace(strings.ToValidUTF8(r.v.Get(name), ""))
	if utf8.RuneCountInString(s) > maxFieldRunes {
		r.fields[name] = "error.too_long"
		s = string([]rune(s)[:maxFieldRunes])
	}
	return s
}

func (r formReader) getter(prefix string) func(string) string {
	return func(field string) string { return r.value(prefix + field) }
}

// rows calls add for every row of list that is not blank, in row order.
func (r formReader) rows(list string, add func(g func(string) string)) {
	idx := rowIndexes(r.v, list)
	if idx == nil {
		r.fields[list] = "error.portal.too_many_rows"
		return
	}
	n := 0
	for _, i := range idx {
		prefix := rowPrefix(list, i)
		if r.blank(list, prefix) {
			continue
		}
		if n == maxRows {
			r.fields[list] = "error.portal.too_many_rows"
			return
		}
		add(r.getter(prefix))
		n++
	}
}

// blank reports whether a row has no text and no choice; a ticked
// checkbox alone does not make a row.
func (r formReader) blank(list, prefix string) bool {
	for _, f := range listFields[list] {
		if spec := fieldSpecs[list+"."+f]; spec.kind != kindCheck && strings.TrimSpace(r.v.Get(prefix+f)) != "" {
			return false
		}
	}
	return true
}

func (r formReader) licenceCategories() []string {
	var out []string
	for _, c := range r.v["licence.categories"] {
		if slices.Contains(licenceCategories, c) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// categoryExpiry reads the own expiry dates given for the categories that
// usually expire before the card.
func (r formReader) categoryExpiry() map[string]string {
	var out map[string]string
	for _, c := range domain.LicenceShortCategories {
		if v := r.getter("licence.expiry.")(c); v != "" {
			if out == nil {
				out = map[string]string{}
			}
			out[c] = v
		}
	}
	return out
}

// rowIndexes returns the sorted row numbers of list in a form, or nil
// when the form uses row numbers no page of ours renders.
func rowIndexes(v url.Values, list string) []int {
	seen := map[int]bool{}
	idx := []int{}
	for name := range v {
		l, i, _, ok := splitRowName(name)
		if !ok || l != list || seen[i] {
			continue
		}
		if i > maxRowIndex {
			return nil
		}
		seen[i] = true
		idx = append(idx, i)
	}
	slices.Sort(idx)
	return idx
}

// listLen is the number of saved rows of list in d.
func listLen(d domain.WizardData, list string) int {
	switch list {
	case "residences":
		return len(d.Residences)
	case "activities":
		return len(d.Activities)
	case "educations":
		return len(d.Educations)
	case "roles":
		return len(d.Roles)
	}
	return 0
}

// blankRows is how many blank rows to show under n filled ones; asked
// is the number the "add another" button asked for, 0 for the default.
func blankRows(n, asked int) int {
	def := defaultBlank
	if n == 0 {
		def = emptyBlank
	}
	return min(max(asked, def), maxBlank)
}

// splitList splits a comma-separated form value, dropping empty parts.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
