package company

import "strings"

// inputField is what the "input" partial renders: a labelled control with
// its help text and error message tied to it by aria-describedby.
type inputField struct {
	ID, Name, Type, Label, Value, Autocomplete string
	Help, HelpID, Error, ErrorID               string
	Required                                   bool
}

// DescribedBy is the aria-describedby value: help text, then error.
func (f inputField) DescribedBy() string {
	var ids []string
	if f.Help != "" {
		ids = append(ids, f.HelpID)
	}
	if f.Error != "" {
		ids = append(ids, f.ErrorID)
	}
	return strings.Join(ids, " ")
}

// Input describes a form control for the "input" partial. typ "textarea"
// makes a text area. Passwords are never filled in again.
func (p *page) Input(name, typ, labelID, autocomplete string, required bool, helpID string) inputField {
	f := inputField{
		ID:           "f-" + name,
		Name:         name,
		Type:         typ,
		Label:        p.loc.T(labelID),
		Autocomplete: autocomplete,
		Required:     required,
		Error:        p.Fields[name],
		ErrorID:      "f-" + name + "-error",
		HelpID:       "f-" + name + "-help",
	}
	if typ != "password" {
		f.Value = p.Form[name]
	}
	if helpID != "" {
		f.Help = p.loc.T(helpID)
	}
	return f
}

// FieldError is the translated message for a field, for controls the
// "input" partial does not cover (selects, code inputs).
func (p *page) FieldError(name string) string { return p.Fields[name] }
