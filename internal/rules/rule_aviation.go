package rules

// Aviation card limits (guidance §5.1 and §8).
const (
	GuestCardMaxDays    = 21 // guest card days within any 12 months
	AirportCardMaxYears = 5  // longest validity of an airport ID card
)

// ruleGuestCardLimitExceeded: guest airport ID cards may cover at most 21
// days within any 12 months; a longer need calls for an ordinary card and
// thus a full background check, started at once. Every 12-month window
// ending on a card's last day is examined and the worst reported.
func ruleGuestCardLimitExceeded(c *checkCtx) []Finding {
	var worst Period
	worstDays := 0
	for _, g := range c.in.Evidence.GuestCards {
		if !g.Period.Valid() {
			continue
		}
		end := g.Period.End(c.check)
		w := Period{From: end.AddMonths(-12).AddDays(1), To: end}
		days := 0
		for _, o := range c.in.Evidence.GuestCards {
			if ov, ok := o.Period.Close(c.check).Intersect(w); ok && o.Period.Valid() {
				days += ov.Days()
			}
		}
		if days > worstDays {
			worst, worstDays = w, days
		}
	}
	if worstDays <= GuestCardMaxDays {
		return nil
	}
	var ev []EvidenceRef
	for _, g := range c.in.Evidence.GuestCards {
		if g.Period.Valid() && g.Period.Close(c.check).Overlaps(worst) {
			ev = append(ev, ref(SourceAirport, g.ID))
		}
	}
	return []Finding{mk(RuleGuestCardLimitExceeded, CategoryGeneral, ActionRequired, "", ev,
		"From", worst.From.String(), "To", worst.To.String(), "Days", itoa(worstDays))}
}

// ruleAirportCardValidityTooLong: an airport ID card is issued for at most
// five years.
func ruleAirportCardValidityTooLong(c *checkCtx) []Finding {
	var out []Finding
	for _, a := range c.in.Evidence.AirportCards {
		if a.Issued.IsZero() || a.Expiry.Before(a.Issued) || !a.Expiry.After(a.Issued.AddYears(AirportCardMaxYears)) {
			continue
		}
		out = append(out, mk(RuleAirportCardValidityTooLong, CategoryGeneral, Warning, a.ID,
			[]EvidenceRef{ref(SourceAirport, a.ID)}, "Item", a.ID, "Issued", a.Issued.String(), "Expiry", a.Expiry.String()))
	}
	return out
}

// ruleAirportCardHolderNotPassing: a valid airport ID card presupposes a
// satisfactory check, and the airport must catch at once when its holder
// no longer passes (guidance §5.1). It runs after the other rules and
// reports when they found something that must be acted on.
func ruleAirportCardHolderNotPassing(c *checkCtx) []Finding {
	worst := Info
	for _, f := range c.findings {
		worst = max(worst, f.Severity)
	}
	if worst < ActionRequired {
		return nil
	}
	var out []Finding
	for _, a := range c.in.Evidence.AirportCards {
		if a.Issued.After(c.check) || a.Expiry.Before(c.check) {
			continue
		}
		out = append(out, mk(RuleAirportCardHolderNotPassing, CategoryGeneral, worst, a.ID,
			[]EvidenceRef{ref(SourceAirport, a.ID), ref(SourceFindings, "")}, "Item", a.ID, "Expiry", a.Expiry.String()))
	}
	return out
}

// phaseOneCategories are the employer's part of the extended background
// check: the ID and CV checks.
var phaseOneCategories = map[Category]bool{
	CategoryIdentity: true, CategoryIDDocument: true, CategoryCV: true, CategoryEducation: true,
}

// rulePoliceApplicationReady: the police phase may only be applied for once
// the ID and CV checks are satisfactory (guidance §2.3). It runs last and
// says so when nothing in those categories needs action.
func rulePoliceApplicationReady(c *checkCtx) []Finding {
	if !c.pkg.PoliceVetting {
		return nil
	}
	for _, f := range c.findings {
		if phaseOneCategories[f.Category] && f.Severity >= ActionRequired {
			return nil
		}
	}
	return []Finding{mk(RulePoliceApplicationReady, CategoryGeneral, Info, "", []EvidenceRef{ref(SourceFindings, "")})}
}
