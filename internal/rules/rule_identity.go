package rules

import (
	"slices"
	"strings"
)

// ruleNameMismatch compares the declared name with the names registers
// hold for the person (MitID, CPR), and those two with each other when
// nothing was declared. Names are compared leniently (see namesMatch), so
// a finding means a real difference: another surname, a different person,
// a name change not carried through. The names themselves stay out of the
// finding: the case shows them.
func ruleNameMismatch(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryIdentity) {
		return nil
	}
	e := c.in.Evidence
	cpr := ""
	if e.CPR != nil {
		cpr = e.CPR.Name
	}
	base, baseSrc := c.in.Declared.Name, SourceDeclared
	if isBlank(base) {
		base, baseSrc = e.MitIDName, SourceMitID
	}
	var out []Finding
	for _, reg := range []struct {
		src  Source
		name string
	}{{SourceMitID, e.MitIDName}, {SourceCPR, cpr}} {
		if reg.src == baseSrc || isBlank(reg.name) || isBlank(base) || namesMatch(base, reg.name) {
			continue
		}
		out = append(out, mk(RuleNameMismatch, CategoryIdentity, Warning, string(reg.src),
			[]EvidenceRef{ref(baseSrc, ""), ref(reg.src, "")}, "Source", string(reg.src)))
	}
	return out
}

// ruleCPRAddressMismatch: the current address in the CPR register should be
// the one the subject gave; missing floor or door, case, diacritics and
// punctuation are not differences.
func ruleCPRAddressMismatch(c *checkCtx) []Finding {
	cpr := c.in.Evidence.CPR
	decl := c.in.Declared.Address
	if !c.pkg.Has(CategoryIdentity) || cpr == nil || cpr.Address.IsZero() || decl.IsZero() {
		return nil
	}
	if addressesMatch(cpr.Address, decl) {
		return nil
	}
	return []Finding{mk(RuleCPRAddressMismatch, CategoryIdentity, Warning, "",
		[]EvidenceRef{ref(SourceDeclared, ""), ref(SourceCPR, "")})}
}

// ruleCPRStatusNotActive: a CPR number of a deceased person cannot belong
// to a living applicant (blocking); other non-active statuses (emigrated,
// missing, discontinued) need explaining.
func ruleCPRStatusNotActive(c *checkCtx) []Finding {
	cpr := c.in.Evidence.CPR
	if !c.pkg.Has(CategoryIdentity) || cpr == nil || cpr.Status == "" || cpr.Status == CPRActive {
		return nil
	}
	sev := Warning
	if cpr.Status == CPRDeceased {
		sev = Blocking
	}
	return []Finding{mk(RuleCPRStatusNotActive, CategoryIdentity, sev, "",
		[]EvidenceRef{ref(SourceCPR, "")}, "Status", string(cpr.Status))}
}

// ruleResidencePermitMissing: a person with no EU/EFTA citizenship needs a
// residence or work permit to work in Denmark (DOMAIN §3).
func ruleResidencePermitMissing(c *checkCtx) []Finding {
	cs := c.in.Declared.Citizenships
	if !c.pkg.Has(CategoryIdentity) || len(cs) == 0 || slices.ContainsFunc(cs, isEUEFTA) {
		return nil
	}
	for _, p := range c.in.Evidence.Permits {
		if p.Kind == PermitResidence || p.Kind == PermitWork {
			return nil
		}
	}
	norm := make([]string, len(cs))
	for i, x := range cs {
		norm[i] = normCountry(x)
	}
	slices.Sort(norm)
	return []Finding{mk(RuleResidencePermitMissing, CategoryIdentity, ActionRequired, "",
		[]EvidenceRef{ref(SourceDeclared, "")}, "Citizenships", strings.Join(norm, ","))}
}
