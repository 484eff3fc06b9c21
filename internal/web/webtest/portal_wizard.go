package webtest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Wizard implements domain.PortalService.
func (p *Portal) Wizard(ctx context.Context, token string) (*domain.Wizard, error) {
	if err := p.call("Portal.Wizard"); err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	c, err := p.bySession(token)
	if err != nil {
		return nil, err
	}
	return c.wizard(), nil
}

// wizard derives the steps from the package as the real service does;
// the caller holds mu.
func (c *portalCase) wizard() *domain.Wizard {
	d := c.pc.Definition
	w := &domain.Wizard{Data: copyData(c.data), UpdatedAt: portalNow}
	add := func(key string, cat domain.Category) {
		for _, pc := range d.Categories {
			if pc.Category == cat {
				w.Steps = append(w.Steps, domain.WizardStep{Key: key, Category: cat, Documents: pc.Documents, Done: slices.Contains(c.data.Done, key)})
			}
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
	for _, doc := range c.docs {
		m := doc.meta
		w.Documents = append(w.Documents, &m)
	}
	if len(c.data.Activities) == 0 && !slices.Contains(c.data.Done, domain.StepEmployment) && len(c.suggested) > 0 {
		w.Data.Activities, w.CVSuggestedFrom = slices.Clone(c.suggested), c.suggestedFrom
	}
	return w
}

// SuggestCV makes the case's CV step open with rows as if read from an
// uploaded document of kind, until a CV is saved.
func (p *Portal) SuggestCV(link string, kind domain.DocumentKind, rows []domain.Activity) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := p.cases[link]
	c.suggested, c.suggestedFrom = slices.Clone(rows), kind
}

func copyData(d domain.WizardData) domain.WizardData {
	d.Residences, d.Activities, d.Educations = slices.Clone(d.Residences), slices.Clone(d.Activities), slices.Clone(d.Educations)
	d.Roles, d.Done = slices.Clone(d.Roles), slices.Clone(d.Done)
	d.Licence.Categories = slices.Clone(d.Licence.Categories)
	d.Licence.CategoryExpiry = maps.Clone(d.Licence.CategoryExpiry)
	return d
}

// Data returns the wizard data saved for the case behind link.
func (p *Portal) Data(link string) domain.WizardData {
	p.mu.Lock()
	defer p.mu.Unlock()
	return copyData(p.cases[link].data)
}

// SetData replaces the wizard data of the case behind link.
func (p *Portal) SetData(link string, d domain.WizardData) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cases[link].data = copyData(d)
}

// SaveStep implements domain.PortalService. It checks dates the way the
// real service does (DD/MM/YY, in order, not in the future) and keys its
// field errors like "activities.2.from".
func (p *Portal) SaveStep(ctx context.Context, token, step string, data domain.WizardData) ([]string, error) {
	if err := p.call("Portal.SaveStep"); err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	c, err := p.bySession(token)
	if err != nil {
		return nil, err
	}
	if !c.pc.Status.Open() {
		return nil, domain.Errorf(domain.EConflict, "error.case_not_editable")
	}
	if !slices.ContainsFunc(c.wizard().Steps, func(s domain.WizardStep) bool { return s.Key == step }) {
		return nil, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	if fields := checkStep(step, data); len(fields) > 0 {
		return nil, domain.Invalid(fields)
	}
	merge(step, &c.data, data)
	return slices.Clone(p.Warnings), nil
}

func checkStep(step string, d domain.WizardData) map[string]string {
	f := map[string]string{}
	period := func(prefix, from, to string) {
		checkDate(f, prefix+".from", from, true)
		checkDate(f, prefix+".to", to, false)
		if f[prefix+".from"] == "" && f[prefix+".to"] == "" && to != "" && parseDate(to).Before(parseDate(from)) {
			f[prefix+".to"] = "error.date_range"
		}
	}
	switch step {
	case domain.StepPersonal:
		if d.Personal.Address == "" {
			f["personal.address"] = "error.required"
		}
	case domain.StepResidence:
		for i, r := range d.Residences {
			period(fmt.Sprintf("residences.%d", i), r.From, r.To)
		}
	case domain.StepEmployment:
		for i, a := range d.Activities {
			period(fmt.Sprintf("activities.%d", i), a.From, a.To)
		}
	case domain.StepEducation:
		for i, e := range d.Educations {
			period(fmt.Sprintf("educations.%d", i), e.From, e.To)
		}
	case domain.StepBusinessRoles:
		for i, r := range d.Roles {
			period(fmt.Sprintf("roles.%d", i), r.From, r.To)
		}
		if len(d.Roles) == 0 && !d.NoRoles {
			f["roles"] = "error.roles_declare"
		}
	}
	return f
}

func parseDate(s string) time.Time {
	for _, layout := range []string{"02/01/06", "2/1/06", "02/01/2006", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

func checkDate(f map[string]string, key, s string, required bool) {
	switch t := parseDate(s); {
	case s == "" && required:
		f[key] = "error.required"
	case s != "" && t.IsZero():
		f[key] = "error.date"
	case t.After(portalNow):
		f[key] = "error.date_future"
	}
}

func merge(step string, dst *domain.WizardData, in domain.WizardData) {
	switch step {
	case domain.StepPersonal:
		dst.Personal = in.Personal
	case domain.StepResidence:
		dst.Residences = slices.Clone(in.Residences)
	case domain.StepEmployment:
		dst.Activities = slices.Clone(in.Activities)
	case domain.StepEducation:
		dst.Educations = slices.Clone(in.Educations)
	case domain.StepLicence:
		dst.Licence = in.Licence
	case domain.StepBusinessRoles:
		dst.Roles, dst.NoRoles = slices.Clone(in.Roles), in.NoRoles
	}
	if !slices.Contains(dst.Done, step) {
		dst.Done = append(dst.Done, step)
	}
}

// MarkDone marks every step of the case behind link as done.
func (p *Portal) MarkDone(link string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := p.cases[link]
	for _, s := range c.wizard().Steps {
		if !slices.Contains(c.data.Done, s.Key) {
			c.data.Done = append(c.data.Done, s.Key)
		}
	}
}

// Submit implements domain.PortalService: every step must be done.
func (p *Portal) Submit(ctx context.Context, token string) error {
	if err := p.call("Portal.Submit"); err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	c, err := p.bySession(token)
	if err != nil {
		return err
	}
	fields := map[string]string{}
	for _, s := range c.wizard().Steps {
		if !s.Done {
			fields["step_"+s.Key] = "error.step_incomplete"
		}
	}
	if len(fields) > 0 {
		return &domain.Error{Code: domain.EInvalid, Message: "error.steps_incomplete", Fields: fields}
	}
	c.pc.Status, c.pc.SubmittedAt = domain.CaseSubmitted, portalNow
	return nil
}

// WithdrawConsent implements domain.PortalService.
func (p *Portal) WithdrawConsent(ctx context.Context, token string, cat domain.Category) error {
	if err := p.call("Portal.WithdrawConsent"); err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	c, err := p.bySession(token)
	if err != nil {
		return err
	}
	cons := c.pc.Consents[cat]
	if cons == nil || !cons.Given || !cons.WithdrawnAt.IsZero() {
		return notFound()
	}
	cons.WithdrawnAt = portalNow
	if p.CloseOnWithdraw {
		c.pc.Status = domain.CaseConsentWithdrawn
	}
	return nil
}
