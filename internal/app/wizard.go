package app

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/rules"
)

// maxRows bounds every list of the wizard, so a hostile client cannot make
// the case data grow without limit.
const maxRows = 60

// wizardSteps derives the subject's steps from the package's categories.
func wizardSteps(d domain.PackageDefinition) []domain.WizardStep {
	var steps []domain.WizardStep
	docs := func(c domain.Category) []domain.DocumentKind {
		for _, pc := range d.Categories {
			if pc.Category == c {
				return pc.Documents
			}
		}
		return nil
	}
	add := func(key string, c domain.Category) {
		if d.Has(c) {
			steps = append(steps, domain.WizardStep{Key: key, Category: c, Documents: docs(c)})
		}
	}
	add(domain.StepPersonal, domain.CatIdentity)
	add(domain.StepResidence, domain.CatCriminalRecord)
	add(domain.StepEmployment, domain.CatCV)
	add(domain.StepEducation, domain.CatEducation)
	add(domain.StepLicence, domain.CatDrivingLicence)
	add(domain.StepBusinessRoles, domain.CatBusinessRoles)
	add(domain.StepIDDocument, domain.CatIDDocument)
	add(domain.StepCriminalRecord, domain.CatCriminalRecord)
	add(domain.StepChildCertificate, domain.CatChildCertificate)
	return steps
}

// stepValidator checks one step's part of the data, collecting field
// errors keyed like "activities.2.from" and warnings.
type stepValidator struct {
	today    rules.Date
	fields   map[string]string
	warnings []string
}

func (v *stepValidator) text(key, s string, required bool, max int) {
	switch {
	case strings.TrimSpace(s) == "" && required:
		v.fields[key] = "error.required"
	case utf8.RuneCountInString(s) > max:
		v.fields[key] = "error.too_long"
	}
}

func (v *stepValidator) country(key, s string, required bool) {
	if s == "" && !required {
		return
	}
	if len(s) != 2 || strings.ToUpper(s) != s || strings.IndexFunc(s, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0 {
		v.fields[key] = "error.country"
	}
}

func (v *stepValidator) date(key, s string, required bool) rules.Date {
	if strings.TrimSpace(s) == "" {
		if required {
			v.fields[key] = "error.required"
		}
		return rules.Date{}
	}
	d, err := rules.ParseDate(s)
	if err != nil {
		v.fields[key] = "error.date"
	}
	return d
}

// period checks a from/to pair: both valid dates, in order, not in the
// future; an empty To means ongoing.
func (v *stepValidator) period(prefix, from, to string) (rules.Period, bool) {
	f := v.date(prefix+".from", from, true)
	t := v.date(prefix+".to", to, false)
	if _, bad := v.fields[prefix+".from"]; bad {
		return rules.Period{}, false
	}
	if _, bad := v.fields[prefix+".to"]; bad {
		return rules.Period{}, false
	}
	switch {
	case f.After(v.today):
		v.fields[prefix+".from"] = "error.date_future"
	case !t.IsZero() && t.After(v.today):
		v.fields[prefix+".to"] = "error.date_future"
	case !t.IsZero() && t.Before(f):
		v.fields[prefix+".to"] = "error.date_range"
	default:
		return rules.Period{From: f, To: t}, true
	}
	return rules.Period{}, false
}

// overlaps adds a warning when any two periods of a list overlap; a CV may
// legitimately hold a side job, so it does not stop saving.
func (v *stepValidator) overlaps(ps []rules.Period, warning string) {
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			if ps[i].Close(v.today).Overlaps(ps[j].Close(v.today)) {
				v.warnings = append(v.warnings, warning)
				return
			}
		}
	}
}

func (v *stepValidator) rows(key string, n int) bool {
	if n > maxRows {
		v.fields[key] = "error.too_many_rows"
		return false
	}
	return true
}

var activityKinds = []string{domain.ActivityEmployment, domain.ActivitySelfEmployed, domain.ActivityUnemployed, domain.ActivityLeave, domain.ActivityOther}
var roleKinds = []string{"director", "board_member", "owner", "founder", "sole_proprietor"}

// validateStep checks the part of d that step owns.
func validateStep(step string, d *domain.WizardData, today rules.Date) ([]string, error) {
	v := &stepValidator{today: today, fields: map[string]string{}}
	switch step {
	case domain.StepPersonal:
		p := &d.Personal
		v.text("personal.address", p.Address, true, 200)
		v.text("personal.postcode", p.Postcode, true, 20)
		v.text("personal.city", p.City, true, 100)
		v.country("personal.country", p.Country, true)
		v.country("personal.citizenship", p.Citizenship, true)
		v.date("personal.permit_expires", p.PermitExpires, false)
	case domain.StepResidence:
		if v.rows("residences", len(d.Residences)) {
			var ps []rules.Period
			for i, r := range d.Residences {
				k := fmt.Sprintf("residences.%d", i)
				v.country(k+".country", r.Country, true)
				if p, ok := v.period(k, r.From, r.To); ok {
					ps = append(ps, p)
				}
			}
			if len(d.Residences) == 0 {
				v.fields["residences"] = "error.required"
			}
			v.overlaps(ps, "warning.residence_overlap")
		}
	case domain.StepEmployment:
		if v.rows("activities", len(d.Activities)) {
			var ps []rules.Period
			for i, a := range d.Activities {
				k := fmt.Sprintf("activities.%d", i)
				if !slices.Contains(activityKinds, a.Kind) {
					v.fields[k+".kind"] = "error.invalid"
				}
				needsEmployer := a.Kind == domain.ActivityEmployment || a.Kind == domain.ActivitySelfEmployed
				v.text(k+".employer", a.Employer, needsEmployer, 200)
				v.text(k+".role", a.Role, false, 200)
				v.text(k+".note", a.Note, a.Kind == domain.ActivityOther || a.Kind == domain.ActivityLeave, 1000)
				if a.CVR != "" && !domain.PlausibleCVR(a.CVR) {
					v.fields[k+".cvr"] = "error.cvr"
				}
				v.country(k+".country", a.Country, false)
				if p, ok := v.period(k, a.From, a.To); ok {
					ps = append(ps, p)
				}
			}
			if len(d.Activities) == 0 {
				v.fields["activities"] = "error.required"
			}
			v.overlaps(ps, "warning.activity_overlap")
		}
	case domain.StepEducation:
		if v.rows("educations", len(d.Educations)) {
			for i, e := range d.Educations {
				k := fmt.Sprintf("educations.%d", i)
				v.text(k+".institution", e.Institution, true, 200)
				v.text(k+".programme", e.Programme, true, 200)
				v.period(k, e.From, e.To)
			}
		}
	case domain.StepLicence:
		l := &d.Licence
		v.text("licence.number", l.Number, false, 40)
		if len(l.Categories) == 0 || len(l.Categories) > 20 {
			v.fields["licence.categories"] = "error.required"
		}
		issued := v.date("licence.issued", l.Issued, true)
		expires := v.date("licence.expires", l.Expires, true)
		if issued.After(today) {
			v.fields["licence.issued"] = "error.date_future"
		}
		if !issued.IsZero() && !expires.IsZero() && expires.Before(issued) {
			v.fields["licence.expires"] = "error.date_range"
		}
		if l.Source != "" && l.Source != domain.LicenceFromCard && l.Source != domain.LicenceFromApp {
			v.fields["licence.source"] = "error.invalid"
		}
		for c, s := range l.CategoryExpiry {
			key := "licence.expiry." + c
			if !slices.Contains(domain.LicenceShortCategories, c) || !slices.Contains(l.Categories, c) {
				v.fields[key] = "error.licence_category_not_held"
				continue
			}
			if d := v.date(key, s, false); !d.IsZero() && !issued.IsZero() && d.Before(issued) {
				v.fields[key] = "error.date_range"
			}
		}
	case domain.StepBusinessRoles:
		if v.rows("roles", len(d.Roles)) {
			for i, r := range d.Roles {
				k := fmt.Sprintf("roles.%d", i)
				v.text(k+".company", r.Company, true, 200)
				if !slices.Contains(roleKinds, r.Role) {
					v.fields[k+".role"] = "error.invalid"
				}
				if r.CVR != "" && !domain.PlausibleCVR(r.CVR) {
					v.fields[k+".cvr"] = "error.cvr"
				}
				v.period(k, r.From, r.To)
			}
			if len(d.Roles) == 0 && !d.NoRoles {
				v.fields["roles"] = "error.roles_declare"
			}
		}
	case domain.StepIDDocument, domain.StepCriminalRecord, domain.StepChildCertificate:
		// Documents only; checked at submission.
	default:
		return nil, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	if len(v.fields) > 0 {
		return v.warnings, domain.Invalid(v.fields)
	}
	return v.warnings, nil
}

// mergeStep copies the part of in that step owns into dst.
func mergeStep(step string, dst *domain.WizardData, in domain.WizardData) {
	switch step {
	case domain.StepPersonal:
		dst.Personal = in.Personal
	case domain.StepResidence:
		dst.Residences = in.Residences
	case domain.StepEmployment:
		dst.Activities = in.Activities
	case domain.StepEducation:
		dst.Educations = in.Educations
	case domain.StepLicence:
		dst.Licence = in.Licence
	case domain.StepBusinessRoles:
		dst.Roles, dst.NoRoles = in.Roles, in.NoRoles
	}
	if !slices.Contains(dst.Done, step) {
		dst.Done = append(dst.Done, step)
	}
}
