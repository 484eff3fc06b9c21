package rules

import (
	"slices"
	"strings"
)

// latestPermits returns, per kind asked for, the permit that runs longest
// (no expiry counts as longest): an old expired permit replaced by a new
// one is no finding.
func (c *checkCtx) latestPermits(kinds ...PermitKind) []Permit {
	best := map[PermitKind]Permit{}
	for _, p := range c.in.Evidence.Permits {
		if !slices.Contains(kinds, p.Kind) {
			continue
		}
		if b, ok := best[p.Kind]; !ok || expiresLater(p, b) {
			best[p.Kind] = p
		}
	}
	var out []Permit
	for _, k := range kinds {
		if p, ok := best[k]; ok {
			out = append(out, p)
		}
	}
	return out
}

func expiresLater(a, b Permit) bool {
	switch {
	case b.Expiry.IsZero():
		return false
	case a.Expiry.IsZero():
		return true
	}
	return a.Expiry.After(b.Expiry)
}

// expiryFindings reports, as rule, the permits that have expired (when
// expired is set; action required) or that expire within the package's
// warning period (otherwise; a warning).
func (c *checkCtx) expiryFindings(ps []Permit, cat Category, rule string, expired bool) []Finding {
	var out []Finding
	for _, p := range ps {
		if p.Expiry.IsZero() {
			continue
		}
		ev := []EvidenceRef{ref(SourcePermit, p.ID)}
		days := c.check.DaysUntil(p.Expiry)
		switch {
		case expired && days < 0:
			out = append(out, mk(rule, cat, ActionRequired, p.ID, ev, "Item", p.ID, "Expiry", p.Expiry.String()))
		case !expired && days >= 0 && days <= c.pkg.expiryWarningDays():
			out = append(out, mk(rule, cat, Warning, p.ID, ev,
				"Item", p.ID, "Expiry", p.Expiry.String(), "Days", itoa(days)))
		}
	}
	return out
}

// rulePermitExpired: a residence or work permit that has expired no longer
// gives the right to stay or work.
func rulePermitExpired(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryIdentity) {
		return nil
	}
	return c.expiryFindings(c.latestPermits(PermitResidence, PermitWork), CategoryIdentity, RulePermitExpired, true)
}

// rulePermitExpiring: a permit running out soon must be renewed in time;
// the company should diarise it.
func rulePermitExpiring(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryIdentity) {
		return nil
	}
	return c.expiryFindings(c.latestPermits(PermitResidence, PermitWork), CategoryIdentity, RulePermitExpiring, false)
}

// ruleDrivingLicenceMissing: no employer register of driving licences
// exists, so the card (both sides) or the official app is the evidence.
func ruleDrivingLicenceMissing(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryDrivingLicence) || len(c.latestPermits(PermitDrivingLicence)) > 0 {
		return nil
	}
	return []Finding{mk(RuleDrivingLicenceMissing, CategoryDrivingLicence, ActionRequired, "", nil)}
}

// ruleDrivingLicenceExpired: an expired licence does not entitle the
// holder to drive. Each category has its own validity (C and D are
// renewed every five years, B every fifteen), so each is judged by the
// newest evidence for it.
func ruleDrivingLicenceExpired(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryDrivingLicence) {
		return nil
	}
	return c.licenceExpiryFindings(RuleDrivingLicenceExpired, true)
}

// ruleDrivingLicenceExpiring: a licence category running out soon must be
// renewed before the holder's next drive in that category after that date.
func ruleDrivingLicenceExpiring(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryDrivingLicence) {
		return nil
	}
	return c.licenceExpiryFindings(RuleDrivingLicenceExpiring, false)
}

// licenceExpiryFindings is expiryFindings over the newest driving-licence
// evidence of every category, with the categories each finding concerns.
func (c *checkCtx) licenceExpiryFindings(rule string, expired bool) []Finding {
	newest := map[string]Permit{} // by category; "" for a licence without categories
	for _, p := range c.in.Evidence.Permits {
		if p.Kind != PermitDrivingLicence {
			continue
		}
		cats := p.Categories
		if len(cats) == 0 {
			cats = []string{""}
		}
		for _, cat := range cats {
			cat = strings.ToUpper(strings.TrimSpace(cat))
			if b, ok := newest[cat]; !ok || expiresLater(p, b) {
				newest[cat] = p
			}
		}
	}
	byPermit := map[string][]string{}
	var ps []Permit
	for cat, p := range newest {
		if _, ok := byPermit[p.ID]; !ok {
			ps = append(ps, p)
		}
		if cat != "" {
			byPermit[p.ID] = append(byPermit[p.ID], cat)
		} else if byPermit[p.ID] == nil {
			byPermit[p.ID] = []string{}
		}
	}
	slices.SortFunc(ps, func(a, b Permit) int { return strings.Compare(a.ID, b.ID) })
	out := c.expiryFindings(ps, CategoryDrivingLicence, rule, expired)
	for i := range out {
		cats := byPermit[out[i].Params["Item"]]
		slices.Sort(cats)
		out[i].Params["Categories"] = strings.Join(cats, ",")
	}
	return out
}

// ruleLicenceCategoryMissing: the position's required licence categories
// must be on a licence that is valid at the check date.
func ruleLicenceCategoryMissing(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryDrivingLicence) || len(c.pkg.RequiredLicenceCategories) == 0 {
		return nil
	}
	held := map[string]bool{}
	var ev []EvidenceRef
	for _, p := range c.in.Evidence.Permits {
		if p.Kind != PermitDrivingLicence || (!p.Expiry.IsZero() && p.Expiry.Before(c.check)) {
			continue
		}
		ev = append(ev, ref(SourcePermit, p.ID))
		for _, cat := range p.Categories {
			held[strings.ToUpper(strings.TrimSpace(cat))] = true
		}
	}
	var missing []string
	for _, cat := range c.pkg.RequiredLicenceCategories {
		cat = strings.ToUpper(strings.TrimSpace(cat))
		if !held[cat] && !slices.Contains(missing, cat) {
			missing = append(missing, cat)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	slices.Sort(missing)
	return []Finding{mk(RuleLicenceCategoryMissing, CategoryDrivingLicence, ActionRequired, "", ev,
		"Categories", strings.Join(missing, ","))}
}
