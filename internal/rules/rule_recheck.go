package rules

// ruleRecheckDue states when the ID/CV check must be repeated: intervals
// of at most 12 months in aviation (guidance §2.3). A check on 1 July 2022
// covers 1 July 2017 – 30 June 2022, is valid to 30 June 2023 and must be
// repeated by 1 July 2023.
func ruleRecheckDue(c *checkCtx) []Finding {
	if c.nextRecheck.IsZero() {
		return nil
	}
	return []Finding{mk(RuleRecheckDue, CategoryGeneral, Info, "", []EvidenceRef{ref(SourcePackage, "")},
		"NextRecheck", c.nextRecheck.String(), "ValidUntil", c.validUntil.String(),
		"CoverageFrom", c.window.From.String(), "CoverageTo", c.window.To.String())}
}

// ruleRecheckOverdue: the previous check lapsed before this one was made,
// so for a while the person held the function without a valid check, and
// this check cannot rely on the previous one's documentation.
func ruleRecheckOverdue(c *checkCtx) []Finding {
	prev := c.in.PreviousCheck
	if c.pkg.RecurrenceMonths == 0 || prev.IsZero() || !prev.Before(c.check) {
		return nil
	}
	due := c.recheckDueAfter(prev)
	if !due.Before(c.check) {
		return nil
	}
	return []Finding{mk(RuleRecheckOverdue, CategoryGeneral, Warning, "", []EvidenceRef{ref(SourcePackage, "")},
		"PreviousCheck", prev.String(), "DueBy", due.String())}
}
