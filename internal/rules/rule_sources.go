package rules

import (
	"slices"
	"strings"
)

// periodClaim is one source's statement of an activity's period.
type periodClaim struct {
	src     Source
	ids     []string
	span    Period // what the source says, for the finding
	differs bool
}

// ruleActivityPeriodDiffers: the period must be verified as well as the
// place (guidance §2.3). When a source gives other dates than the subject,
// both are kept and the difference shown. It is a warning when another
// source confirms the declared dates, otherwise action is required.
func ruleActivityPeriodDiffers(c *checkCtx) []Finding {
	var out []Finding
	for _, a := range c.toVerify() {
		claims := c.periodClaims(a, c.verify(a))
		sev := ActionRequired
		for _, cl := range claims {
			if !cl.differs {
				sev = Warning
			}
		}
		for _, cl := range claims {
			if !cl.differs {
				continue
			}
			ev := []EvidenceRef{ref(SourceDeclared, a.ID)}
			for _, id := range cl.ids {
				ev = append(ev, ref(cl.src, id))
			}
			out = append(out, mk(RuleActivityPeriodDiffers, activityCategory(a), sev, a.ID+":"+cl.ids[0], ev,
				"Item", a.ID, "Name", a.Name, "From", a.Period.From.String(), "To", a.Period.To.String(),
				"Source", string(cl.src), "SourceFrom", cl.span.From.String(), "SourceTo", cl.span.To.String()))
		}
	}
	return out
}

func (c *checkCtx) periodClaims(a Activity, v verification) []periodClaim {
	var out []periodClaim
	if len(v.income) > 0 {
		out = append(out, c.incomeClaim(a, v.income))
	}
	for _, x := range v.contacts {
		out = append(out, c.closedClaim(a, SourceEmployerContact, x.ID, x.Confirmed))
	}
	for _, d := range v.docs {
		if d.Attests.Valid() {
			out = append(out, c.closedClaim(a, SourceDocument, d.ID, d.Attests))
		}
	}
	for _, r := range v.roles {
		out = append(out, c.closedClaim(a, SourceCVR, r.ID, r.Period))
	}
	return out
}

// closedClaim compares a stated period with the declared one inside the
// part of the window being verified.
func (c *checkCtx) closedClaim(a Activity, src Source, id string, p Period) periodClaim {
	scope := Period{From: c.recentFrom, To: c.window.To}
	da, okA := a.Period.Close(c.window.To).Intersect(scope)
	db, okB := p.Close(c.window.To).Intersect(scope)
	same := okA && okB && within(da.From, db.From) && within(da.To, db.To)
	return periodClaim{src: src, ids: []string{id}, span: p, differs: !same && (okA || okB)}
}

func within(a, b Date) bool {
	d := a.DaysUntil(b)
	return d >= -PeriodToleranceDays && d <= PeriodToleranceDays
}

// incomeClaim checks that the employer's income rows cover the declared
// period, apart from breaks up to the tolerance and the register's
// reporting lag at the end.
func (c *checkCtx) incomeClaim(a Activity, rows []IncomeRow) periodClaim {
	cl := periodClaim{src: rows[0].Source, span: rows[0].Period.Close(c.check)}
	var cover []Period
	for _, r := range rows {
		p := r.Period.Close(c.check)
		cover = append(cover, p)
		cl.ids = append(cl.ids, r.ID)
		cl.span = Period{From: minDate(cl.span.From, p.From), To: maxDate(cl.span.To, p.To)}
		if r.Source != cl.src {
			cl.src = SourceIncomeRegister
		}
	}
	scope := Period{From: c.recentFrom, To: minDate(c.window.To, c.check.AddDays(-IncomeReportingLagDays-1))}
	d, ok := a.Period.Close(c.window.To).Intersect(scope)
	if !ok {
		return cl
	}
	for _, hole := range subtract(d, cover) {
		if hole.Days() > PeriodToleranceDays {
			cl.differs = true
		}
	}
	return cl
}

// ruleEmployerContactIncomplete: a record of contacting a former employer
// counts only with the date of contact, the company, the contact person and
// the confirmed employment and period (guidance §2.3).
func ruleEmployerContactIncomplete(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryCV) && !c.pkg.Has(CategoryEducation) {
		return nil
	}
	names := map[string]string{}
	for _, a := range c.in.Declared.Activities {
		names[a.ID] = a.Name
	}
	var out []Finding
	for _, x := range c.in.Evidence.EmployerContacts {
		miss := contactMissing(x)
		if len(miss) == 0 {
			continue
		}
		name := x.Company
		if isBlank(name) {
			name = names[x.For]
		}
		ev := []EvidenceRef{ref(SourceEmployerContact, x.ID)}
		if x.For != "" {
			ev = append(ev, ref(SourceDeclared, x.For))
		}
		out = append(out, mk(RuleEmployerContactIncomplete, CategoryCV, ActionRequired, x.ID, ev,
			"Item", x.ID, "Name", name, "Missing", strings.Join(miss, ",")))
	}
	return out
}

// ruleIncomeEmployerUndeclared: income from an employer, or in a period,
// that the CV does not mention points to an undisclosed side job or
// employment, or to wrong dates.
func ruleIncomeEmployerUndeclared(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryCV) {
		return nil
	}
	type part struct {
		p   Period
		ref EvidenceRef
	}
	type group struct {
		name, cvr string
		parts     []part
	}
	groups := map[string]*group{}
	var order []string
	for _, r := range c.in.Evidence.Income {
		k := digits(r.CVR)
		if k == "" {
			k = "name:" + companyKey(r.EmployerName)
		}
		for _, p := range c.undeclaredPart(r) {
			g := groups[k]
			if g == nil {
				g = &group{name: r.EmployerName, cvr: r.CVR}
				groups[k] = g
				order = append(order, k)
			}
			g.parts = append(g.parts, part{p, ref(r.Source, r.ID)})
		}
	}
	var out []Finding
	for _, k := range order {
		g := groups[k]
		var ps []Period
		for _, x := range g.parts {
			ps = append(ps, x.p)
		}
		for _, span := range mergePeriods(ps, PeriodToleranceDays) {
			var ev []EvidenceRef
			for _, x := range g.parts {
				if x.p.Overlaps(span) && !slices.Contains(ev, x.ref) {
					ev = append(ev, x.ref)
				}
			}
			out = append(out, mk(RuleIncomeEmployerUndeclared, CategoryCV, Warning, k+":"+span.From.String(), ev,
				"Employer", g.name, "CVR", g.cvr, "From", span.From.String(), "To", span.To.String()))
		}
	}
	return out
}

// undeclaredPart returns the days of an income row, inside the part of the
// window being verified, that no job or business with the same employer
// covers (with the tolerance).
func (c *checkCtx) undeclaredPart(r IncomeRow) []Period {
	if !r.Period.Valid() {
		return nil
	}
	p, ok := r.Period.Close(c.check).Intersect(Period{From: c.recentFrom, To: c.window.To})
	if !ok {
		return nil
	}
	var cuts []Period
	for _, a := range c.acts {
		if a.Kind != KindEducation && sameCompany(a.Name, a.CVR, r.EmployerName, r.CVR) {
			cuts = append(cuts, a.Period.Close(c.check).Widen(PeriodToleranceDays))
		}
	}
	return subtract(p, cuts)
}
