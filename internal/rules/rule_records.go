package rules

// ruleResidenceHistoryIncomplete: to know which countries' records are
// needed, the residence history must account for the whole look-back
// window. Unaccounted stretches longer than GapToleranceDays are pointed
// out (a shorter one cannot hide a six-month residence).
func ruleResidenceHistoryIncomplete(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryCriminalRecord) {
		return nil
	}
	var cover []Period
	for _, r := range c.residences {
		cover = append(cover, r.Period.Close(c.window.To))
	}
	var out []Finding
	for _, hole := range subtract(c.window, cover) {
		if hole.Days() > GapToleranceDays {
			out = append(out, mk(RuleResidenceHistoryIncomplete, CategoryCriminalRecord, ActionRequired,
				hole.From.String(), nil, "From", hole.From.String(), "To", hole.To.String(), "Days", itoa(hole.Days())))
		}
	}
	return out
}

func recordCategory(r CriminalRecord) Category {
	if r.Kind == RecordChild {
		return CategoryChildCert
	}
	return CategoryCriminalRecord
}

func (c *checkCtx) checksRecords() bool {
	return c.pkg.Has(CategoryCriminalRecord) || c.pkg.Has(CategoryChildCert)
}

// ruleCriminalRecordHasEntries: a certificate with entries is not in
// itself a rejection; the handler must judge whether the entries matter
// for the position (or, in the aviation police phase, await the police's
// decision).
func ruleCriminalRecordHasEntries(c *checkCtx) []Finding {
	if !c.checksRecords() {
		return nil
	}
	var out []Finding
	for _, r := range c.in.Evidence.CriminalRecords {
		if r.Outcome == OutcomeHasEntries {
			out = append(out, mk(RuleCriminalRecordHasEntries, recordCategory(r), Warning, r.ID,
				[]EvidenceRef{ref(SourceCriminalRecord, r.ID)}, "Country", normCountry(r.Country)))
		}
	}
	return out
}

// ruleCriminalRecordOutdated: a certificate only describes the day it was
// issued; one older than the package accepts must be renewed.
func ruleCriminalRecordOutdated(c *checkCtx) []Finding {
	if !c.checksRecords() {
		return nil
	}
	maxAge := c.pkg.certificateMaxAgeDays()
	var out []Finding
	for _, r := range c.in.Evidence.CriminalRecords {
		if r.Outcome == OutcomeUnobtainable || r.Issued.IsZero() || r.Issued.DaysUntil(c.check) <= maxAge {
			continue
		}
		out = append(out, mk(RuleCriminalRecordOutdated, recordCategory(r), Warning, r.ID,
			[]EvidenceRef{ref(SourceCriminalRecord, r.ID)},
			"Country", normCountry(r.Country), "Issued", r.Issued.String(), "MaxAgeDays", itoa(maxAge)))
	}
	return out
}

// ruleChildCertificateMissing: work in direct contact with children under
// 15 requires a child certificate (børneattest).
func ruleChildCertificateMissing(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryChildCert) {
		return nil
	}
	for _, r := range c.in.Evidence.CriminalRecords {
		if r.Kind == RecordChild && r.Outcome != OutcomeUnobtainable {
			return nil
		}
	}
	return []Finding{mk(RuleChildCertificateMissing, CategoryChildCert, ActionRequired, "", nil)}
}

// ruleForeignResidentYearly: the police cannot keep people living abroad
// under continuous control, so their check is repeated every year and the
// repeat applied for at least eight weeks before the current check
// expires (guidance §4.2). The expiry is taken as 12 months after this
// check; the police's decision states the actual date.
func ruleForeignResidentYearly(c *checkCtx) []Finding {
	if !c.pkg.PoliceVetting {
		return nil
	}
	var abroad *Residence
	for i, r := range c.residences {
		if !r.Period.Close(c.check).Contains(c.window.To) {
			continue
		}
		if normCountry(r.Country) == "DK" {
			return nil // a Danish address: the police's continuous control applies
		}
		if abroad == nil {
			abroad = &c.residences[i]
		}
	}
	if abroad == nil {
		return nil
	}
	next := c.check.AddMonths(12)
	apply := next.AddDays(-7 * ForeignResidentApplyWeeks)
	return []Finding{mk(RuleForeignResidentYearly, CategoryCriminalRecord, Info, "",
		[]EvidenceRef{ref(SourceDeclared, abroad.ID)},
		"Country", normCountry(abroad.Country), "ApplyBy", apply.String(), "NextRecheck", next.String())}
}
