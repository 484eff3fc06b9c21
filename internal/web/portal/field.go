package portal

import (
	"strconv"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Kinds of form control.
const (
	kindText     = "text"
	kindTextarea = "textarea"
	kindDate     = "date"
	kindCVR      = "cvr"
	kindCountry  = "country"
	kindChoice   = "choice"
	kindCheck    = "check"
	kindCode     = "code"
)

// fieldSpec describes one wizard field: its control, label and help. Row
// fields are keyed "list.field", the others by their form name.
type fieldSpec struct {
	kind    string
	label   string // message id
	help    string // message id or ""
	auto    string // autocomplete token
	choices []string
	prefix  string // message id prefix of the choices' labels
	arg     string // the label's {{.Category}}, for fields made per category
}

func init() {
	for _, c := range domain.LicenceShortCategories {
		fieldSpecs["licence.expiry."+c] = fieldSpec{kind: kindDate, label: "field.portal.licence_category_expiry", arg: c}
	}
}

var (
	activityKinds = []string{"employment", "self_employed", "unemployed", "leave", "other"}
	roleKinds     = []string{"director", "board_member", "owner", "founder", "sole_proprietor"}
)

var (
	dateFrom = fieldSpec{kind: kindDate, label: "field.portal.from", help: "help.portal.date"}
	dateTo   = fieldSpec{kind: kindDate, label: "field.portal.to", help: "help.portal.date_to"}
	cvr      = fieldSpec{kind: kindCVR, label: "field.portal.cvr", help: "help.portal.cvr"}
	country  = fieldSpec{kind: kindCountry, label: "field.portal.country"}
)

var fieldSpecs = map[string]fieldSpec{
	"personal.address":        {kind: kindText, label: "field.portal.address", auto: "street-address"},
	"personal.postcode":       {kind: kindText, label: "field.portal.postcode", auto: "postal-code"},
	"personal.city":           {kind: kindText, label: "field.portal.city", auto: "address-level2"},
	"personal.country":        {kind: kindCountry, label: "field.portal.home_country", auto: "country"},
	"personal.citizenship":    {kind: kindCountry, label: "field.portal.citizenship"},
	"personal.permit_expires": {kind: kindDate, label: "field.portal.permit_expires", help: "help.portal.permit"},

	"residences.country": country,
	"residences.from":    dateFrom,
	"residences.to":      dateTo,

	"activities.kind":     {kind: kindChoice, label: "field.portal.activity_kind", choices: activityKinds, prefix: "page.portal.activity."},
	"activities.employer": {kind: kindText, label: "field.portal.employer", auto: "organization"},
	"activities.cvr":      cvr,
	"activities.country":  country,
	"activities.role":     {kind: kindText, label: "field.portal.job_title", auto: "organization-title"},
	"activities.from":     dateFrom,
	"activities.to":       dateTo,
	"activities.note":     {kind: kindTextarea, label: "field.portal.note", help: "help.portal.note"},

	"educations.institution": {kind: kindText, label: "field.portal.institution"},
	"educations.programme":   {kind: kindText, label: "field.portal.programme"},
	"educations.from":        dateFrom,
	"educations.to":          dateTo,
	"educations.completed":   {kind: kindCheck, label: "field.portal.completed"},

	"licence.number":  {kind: kindText, label: "field.portal.licence_number", help: "help.portal.licence_number"},
	"licence.issued":  {kind: kindDate, label: "field.portal.licence_issued", help: "help.portal.licence_issued"},
	"licence.expires": {kind: kindDate, label: "field.portal.licence_expires", help: "help.portal.licence_expires"},
	"licence.source":  {kind: kindChoice, label: "field.portal.licence_source", choices: []string{domain.LicenceFromCard, domain.LicenceFromApp}, prefix: "page.portal.licence_source."},

	"roles.company": {kind: kindText, label: "field.portal.company"},
	"roles.cvr":     cvr,
	"roles.role":    {kind: kindChoice, label: "field.portal.company_role", choices: roleKinds, prefix: "page.portal.role."},
	"roles.from":    dateFrom,
	"roles.to":      dateTo,
	"no_roles":      {kind: kindCheck, label: "field.portal.no_roles"},
}

// rowLegends name one row of each list, e.g. "Job or activity 2".
var rowLegends = map[string]string{
	"residences": "page.portal.row.residences",
	"activities": "page.portal.row.activities",
	"educations": "page.portal.row.educations",
	"roles":      "page.portal.row.roles",
}

// splitRowName splits "activities.2.from" into its list, row and field.
func splitRowName(name string) (list string, row int, field string, ok bool) {
	parts := strings.Split(name, ".")
	if len(parts) != 3 {
		return "", 0, "", false
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil || n < 0 {
		return "", 0, "", false
	}
	return parts[0], n, parts[2], true
}

// specOf returns the spec of a form name.
func specOf(name string) (fieldSpec, bool) {
	if list, _, field, ok := splitRowName(name); ok {
		spec, found := fieldSpecs[list+"."+field]
		return spec, found
	}
	spec, found := fieldSpecs[name]
	return spec, found
}

// fieldID is the element id of a form name: dots are not welcome in
// fragment links.
func fieldID(name string) string { return "f-" + strings.ReplaceAll(name, ".", "-") }

// option is one choice of a select or checkbox group.
type option struct {
	Value, Label string
	Selected     bool
}

// field is what the "field" partial renders: a labelled control with its
// help text and error message tied to it by aria-describedby.
type field struct {
	ID, Name, Kind, Label, Value, Autocomplete string
	Help, HelpID, Error, ErrorID               string
	Checked                                    bool
	Options                                    []option
}

// DescribedBy is the aria-describedby value: help text, then error.
func (f field) DescribedBy() string {
	var ids []string
	if f.Help != "" {
		ids = append(ids, f.HelpID)
	}
	if f.Error != "" {
		ids = append(ids, f.ErrorID)
	}
	return strings.Join(ids, " ")
}

// F describes the wizard field with form name name, e.g.
// "personal.address" or "activities.2.from", with its value and error.
func (p *page) F(name string) field {
	spec, _ := specOf(name)
	id := fieldID(name)
	f := field{
		ID: id, Name: name, Kind: spec.kind, Label: p.T(spec.label, "Category", spec.arg), Value: p.Form[name],
		Autocomplete: spec.auto, Error: p.Fields[name], ErrorID: id + "-error", HelpID: id + "-help",
	}
	if spec.help != "" {
		f.Help = p.loc.T(spec.help)
	}
	switch spec.kind {
	case kindCheck:
		f.Checked = f.Value == "yes"
	case kindChoice:
		f.Options = append(f.Options, option{Label: p.loc.T("field.portal.choose")})
		for _, c := range spec.choices {
			f.Options = append(f.Options, option{Value: c, Label: p.loc.T(spec.prefix + c), Selected: c == f.Value})
		}
	case kindCountry:
		f.Options = p.countryOptions(f.Value)
	}
	return f
}

// Row is the form name of field in row i of list, for templates.
func (p *page) Row(list string, i int, field string) string {
	return list + "." + strconv.Itoa(i) + "." + field
}

// RowLegend names row i (counted from 0) of list.
func (p *page) RowLegend(list string, i int) string {
	return p.loc.T(rowLegends[list], map[string]any{"N": i + 1})
}

// RowID is the element id of row i of list, the target of "add another".
func (p *page) RowID(list string, i int) string { return "r-" + list + "-" + strconv.Itoa(i) }

// fieldLabel is how the error summary names a form field: the row, then
// the field's label. Names without a spec (a whole list, a step) are
// named by what the page calls them, if anything.
func (p *page) fieldLabel(name string) string {
	if c, found := strings.CutPrefix(name, consentPrefix); found {
		return p.Category(domain.Category(c))
	}
	if key, found := strings.CutPrefix(name, stepFieldPrefix); found {
		return p.StepTitle(key)
	}
	spec, ok := specOf(name)
	if !ok {
		if id, found := listLabels[name]; found {
			return p.loc.T(id)
		}
		return ""
	}
	label := p.loc.T(spec.label)
	if list, row, _, isRow := splitRowName(name); isRow {
		return p.RowLegend(list, row) + ": " + label
	}
	return label
}

// listLabels name the lists and other fields without a spec, for errors
// that concern them as a whole.
var listLabels = map[string]string{
	"residences":         "page.portal.step.residence.title",
	"activities":         "page.portal.step.employment.title",
	"educations":         "page.portal.step.education.title",
	"roles":              "page.portal.step.business_roles.title",
	"licence.categories": "field.portal.licence_categories",
	"file":               "field.portal.file",
	"kind":               "field.portal.document_kind",
	"code":               "field.portal.code",
	"confirm":            "field.portal.confirm",
}

// Plain describes a form control outside the wizard's table (the e-mail
// code): a text input of kind, labelled labelID, with help helpID.
func (p *page) Plain(name, kind, labelID, helpID, autocomplete string) field {
	id := fieldID(name)
	f := field{
		ID: id, Name: name, Kind: kind, Label: p.loc.T(labelID), Value: p.Form[name], Autocomplete: autocomplete,
		Error: p.Fields[name], ErrorID: id + "-error", HelpID: id + "-help",
	}
	if helpID != "" {
		f.Help = p.loc.T(helpID)
	}
	return f
}

// ID is the element id of a form name, for controls written out in a
// template.
func (p *page) ID(name string) string { return fieldID(name) }

// ListFields are the fields of one row of list, in page order.
func (p *page) ListFields(list string) []string { return listFields[list] }
