package rules

// periodItem is any input item with a period, for the rules that check
// periods as such.
type periodItem struct {
	id       string
	src      Source
	cat      Category
	period   Period
	declared bool // stated by the subject, who can correct it
}

func (c *checkCtx) declaredPeriods() []periodItem {
	var out []periodItem
	d := c.in.Declared
	for _, a := range d.Activities {
		out = append(out, periodItem{a.ID, SourceDeclared, activityCategory(a), a.Period, true})
	}
	for _, e := range d.GapExplanations {
		out = append(out, periodItem{e.ID, SourceDeclared, CategoryCV, e.Period, true})
	}
	for _, r := range d.Residences {
		out = append(out, periodItem{r.ID, SourceDeclared, CategoryCriminalRecord, r.Period, true})
	}
	for _, r := range d.BusinessRoles {
		if r.Period != (Period{}) {
			out = append(out, periodItem{r.ID, SourceDeclared, CategoryBusinessRoles, r.Period, true})
		}
	}
	return out
}

func (c *checkCtx) evidencePeriods() []periodItem {
	var out []periodItem
	e := c.in.Evidence
	for _, r := range e.Income {
		out = append(out, periodItem{r.ID, r.Source, CategoryCV, r.Period, false})
	}
	for _, r := range e.RegisterRoles {
		out = append(out, periodItem{r.ID, SourceCVR, CategoryBusinessRoles, r.Period, false})
	}
	for _, x := range e.EmployerContacts {
		if x.Confirmed != (Period{}) {
			out = append(out, periodItem{x.ID, SourceEmployerContact, CategoryCV, x.Confirmed, false})
		}
	}
	for _, g := range e.GuestCards {
		out = append(out, periodItem{g.ID, SourceAirport, CategoryGeneral, g.Period, false})
	}
	for _, a := range e.AirportCards {
		out = append(out, periodItem{a.ID, SourceAirport, CategoryGeneral, Period{From: a.Issued, To: a.Expiry}, false})
	}
	return out
}

func activityCategory(a Activity) Category {
	if a.Kind == KindEducation {
		return CategoryEducation
	}
	return CategoryCV
}

// rulePeriodInvalid points out periods without a start or ending before
// they start. Such items take no part in the other rules: the subject must
// correct a declaration (action required); a malformed register row is
// left out and shown (warning), never silently used.
func rulePeriodInvalid(c *checkCtx) []Finding {
	var out []Finding
	items := append(c.declaredPeriods(), c.evidencePeriods()...)
	for _, it := range items {
		if it.period.Valid() {
			continue
		}
		sev := Warning
		if it.declared {
			sev = ActionRequired
		}
		out = append(out, mk(RulePeriodInvalid, it.cat, sev, it.id, []EvidenceRef{ref(it.src, it.id)},
			"Item", it.id, "Source", string(it.src), "From", it.period.From.String(), "To", it.period.To.String()))
	}
	return out
}

// ruleDateInFuture points out declared periods that start after the check
// date (a warning: the CV describes the past) or end after it (for
// information: e.g. a notice period running out).
func ruleDateInFuture(c *checkCtx) []Finding {
	var out []Finding
	for _, it := range c.declaredPeriods() {
		p := it.period
		if !p.Valid() {
			continue
		}
		ev := []EvidenceRef{ref(it.src, it.id)}
		switch {
		case p.From.After(c.check):
			out = append(out, mk(RuleDateInFuture, it.cat, Warning, it.id+":from", ev,
				"Item", it.id, "Field", "from", "Date", p.From.String()))
		case !p.IsOpen() && p.To.After(c.check):
			out = append(out, mk(RuleDateInFuture, it.cat, Info, it.id+":to", ev,
				"Item", it.id, "Field", "to", "Date", p.To.String()))
		}
	}
	return out
}

// ruleOverlappingPeriods points out CV entries that overlap inside the
// look-back window (for information: a side job or study job is normal,
// but the company should see it) and residence periods in different
// countries that overlap (a warning: nobody lives in two places at once,
// so one of the dates is probably wrong).
func ruleOverlappingPeriods(c *checkCtx) []Finding {
	var out []Finding
	for i, a := range c.acts {
		for _, b := range c.acts[i+1:] {
			out = c.appendOverlap(out, a.ID, b.ID, a.Period, b.Period, activityCategory(a), Info)
		}
	}
	for i, a := range c.residences {
		for _, b := range c.residences[i+1:] {
			if normCountry(a.Country) != normCountry(b.Country) {
				out = c.appendOverlap(out, a.ID, b.ID, a.Period, b.Period, CategoryCriminalRecord, Warning)
			}
		}
	}
	return out
}

func (c *checkCtx) appendOverlap(out []Finding, idA, idB string, pa, pb Period, cat Category, sev Severity) []Finding {
	ca, okA := c.clip(pa)
	cb, okB := c.clip(pb)
	if !okA || !okB {
		return out
	}
	ov, ok := ca.Intersect(cb)
	if !ok {
		return out
	}
	if idB < idA {
		idA, idB = idB, idA
	}
	ev := []EvidenceRef{ref(SourceDeclared, idA), ref(SourceDeclared, idB)}
	return append(out, mk(RuleOverlappingPeriods, cat, sev, idA+":"+idB, ev,
		"Item", idA, "OtherItem", idB, "From", ov.From.String(), "To", ov.To.String(), "Days", itoa(ov.Days())))
}
