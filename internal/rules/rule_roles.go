package rules

import (
	"fmt"
	"slices"
)

// Match confidences for CVR roles, which are found by name and address
// because the CVR register holds no CPR numbers. Below RoleMatchMinimum a
// match is too weak to show; below RoleMatchHigh it is shown for
// information only, since it may be somebody else.
const (
	RoleMatchMinimum = 0.5
	RoleMatchHigh    = 0.8
)

// ruleBusinessRoleUndisclosed: a role in a company found in the CVR
// register that the subject did not declare (DOMAIN §3). A role in a
// company the subject did mention, in the CV or as another role, is a
// smaller matter (warning) than a company never mentioned (action
// required). Roles that ended before the look-back window are left out.
func ruleBusinessRoleUndisclosed(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryBusinessRoles) {
		return nil
	}
	relevant := Period{From: c.window.From, To: c.check}
	var out []Finding
	for _, r := range c.in.Evidence.RegisterRoles {
		if !r.Period.Valid() || r.Confidence < RoleMatchMinimum || !r.Period.Close(c.check).Overlaps(relevant) {
			continue
		}
		company, role := c.disclosed(r)
		if role {
			continue
		}
		sev := Info
		switch {
		case r.Confidence >= RoleMatchHigh && !company:
			sev = ActionRequired
		case r.Confidence >= RoleMatchHigh:
			sev = Warning
		}
		out = append(out, mk(RuleBusinessRoleUndisclosed, CategoryBusinessRoles, sev, r.ID,
			[]EvidenceRef{ref(SourceCVR, r.ID)},
			"Company", r.Company, "CVR", r.CVR, "Role", string(r.Role),
			"From", r.Period.From.String(), "To", r.Period.To.String(),
			"Confidence", fmt.Sprintf("%.0f", r.Confidence*100)))
	}
	return out
}

// disclosed reports whether the subject mentioned the register role's
// company anywhere, and whether they declared this very role in it.
func (c *checkCtx) disclosed(r RegisterRole) (company, role bool) {
	for _, d := range c.in.Declared.BusinessRoles {
		if sameCompany(d.Company, d.CVR, r.Company, r.CVR) {
			company = true
			role = role || d.Role == r.Role
		}
	}
	company = company || slices.ContainsFunc(c.acts, func(a Activity) bool {
		return a.Kind != KindEducation && sameCompany(a.Name, a.CVR, r.Company, r.CVR)
	})
	return company, role
}
