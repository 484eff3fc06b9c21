package rules

// GapToleranceDays is the longest break in work and study that needs no
// investigation (guidance §2.3: "over 28 days" must be documented, "less
// than 28 days" need not be; DOMAIN §5 settles 28 itself as tolerated).
const GapToleranceDays = 28

// AnnualLeaveDaysPerYear is how much declared annual leave per calendar
// year counts as the "ordinary annual leave" the guidance excepts from the
// gap rule: the five weeks of the Danish Holiday Act, in calendar days.
// Leave beyond it is treated as any other unexplained time.
const AnnualLeaveDaysPerYear = 35

// Day flags used while laying the CV over the look-back window.
const (
	dayWork      = 1 << iota // covered by a job, own business or education
	dayLeave                 // declared annual leave
	dayExplained             // covered by another gap explanation
	dayLeaveOK               // annual leave within the yearly allowance
)

// interruption is a break in work and study that lasts longer than the
// tolerance once ordinary annual leave is left out.
type interruption struct {
	period      Period
	days        int // days that are not ordinary annual leave
	unexplained int // of those, days no gap explanation covers
	atStart     bool
	expls       []GapExplanation // other than annual leave
}

// interruptions lays the CV over the look-back window day by day and
// returns the breaks that need looking into. The result is computed once
// per evaluation and shared by the gap rules.
func (c *checkCtx) interruptions() []interruption {
	if c.gapsDone {
		return c.gaps
	}
	c.gapsDone = true
	days := c.dayMap()
	for s := 0; s < len(days); {
		if days[s]&dayWork != 0 {
			s++
			continue
		}
		e := s
		for e+1 < len(days) && days[e+1]&dayWork == 0 {
			e++
		}
		if it, ok := c.interruptionAt(days, s, e); ok {
			c.gaps = append(c.gaps, it)
		}
		s = e + 1
	}
	return c.gaps
}

func (c *checkCtx) dayMap() []uint8 {
	days := make([]uint8, c.window.Days())
	mark := func(p Period, flag uint8) {
		if q, ok := c.clip(p); ok {
			for i := c.window.From.DaysUntil(q.From); i <= c.window.From.DaysUntil(q.To); i++ {
				days[i] |= flag
			}
		}
	}
	for _, a := range c.acts {
		mark(a.Period, dayWork)
	}
	for _, e := range c.expls {
		if e.Reason == ReasonAnnualLeave {
			mark(e.Period, dayLeave)
		} else {
			mark(e.Period, dayExplained)
		}
	}
	c.allowLeave(days)
	return days
}

// allowLeave marks the annual-leave days outside work that fit in each
// calendar year's allowance, earliest first.
func (c *checkCtx) allowLeave(days []uint8) {
	d := c.window.From
	year, used := d.Year(), 0
	nextYear := NewDate(year+1, 1, 1)
	for i := range days {
		if d == nextYear {
			year, used = year+1, 0
			nextYear = NewDate(year+1, 1, 1)
		}
		if days[i]&(dayWork|dayLeave) == dayLeave && used < AnnualLeaveDaysPerYear {
			days[i] |= dayLeaveOK
			used++
		}
		d = d.AddDays(1)
	}
}

func (c *checkCtx) interruptionAt(days []uint8, s, e int) (interruption, bool) {
	it := interruption{
		period:  Period{From: c.window.From.AddDays(s), To: c.window.From.AddDays(e)},
		atStart: s == 0,
	}
	if it.period.To.Before(c.recentFrom) {
		return it, false // verified by the previous check
	}
	for i := s; i <= e; i++ {
		if days[i]&dayLeaveOK != 0 {
			continue
		}
		it.days++
		if days[i]&dayExplained == 0 {
			it.unexplained++
		}
	}
	if it.days <= GapToleranceDays {
		return it, false
	}
	for _, x := range c.expls {
		if x.Reason != ReasonAnnualLeave && x.Period.Close(c.window.To).Overlaps(it.period) {
			it.expls = append(it.expls, x)
		}
	}
	return it, true
}

func (c *checkCtx) documentsFor(id string) []Document {
	var out []Document
	for _, d := range c.in.Evidence.Documents {
		if d.For == id {
			out = append(out, d)
		}
	}
	return out
}

// ruleCVCoverageIncomplete: the CV must account for the whole look-back
// window (guidance §2.3, at least five years). A break of more than 28
// unexplained days at the start of the window means the CV does not
// reach back far enough.
func ruleCVCoverageIncomplete(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryCV) {
		return nil
	}
	var out []Finding
	for _, it := range c.interruptions() {
		if it.atStart && it.unexplained > GapToleranceDays {
			out = append(out, mk(RuleCVCoverageIncomplete, CategoryCV, ActionRequired, it.period.From.String(), nil,
				"From", it.period.From.String(), "To", it.period.To.String(),
				"Days", itoa(it.days), "CoverageFrom", c.window.From.String()))
		}
	}
	return out
}

// ruleGapUnexplained: a break of more than 28 days, ordinary annual leave
// not counted, must be explained (guidance §2.3). Unexplained days within
// an otherwise explained break are tolerated up to 28 in total, the same
// allowance a stand-alone break has.
func ruleGapUnexplained(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryCV) {
		return nil
	}
	var out []Finding
	for _, it := range c.interruptions() {
		if !it.atStart && it.unexplained > GapToleranceDays {
			out = append(out, mk(RuleGapUnexplained, CategoryCV, ActionRequired, it.period.From.String(), explRefs(it.expls),
				"From", it.period.From.String(), "To", it.period.To.String(),
				"Days", itoa(it.days), "UnexplainedDays", itoa(it.unexplained)))
		}
	}
	return out
}

// ruleGapUndocumented: an explained break of more than 28 days must also
// be documented, whether or not salary was paid (guidance §2.3), e.g. a
// birth certificate for parental leave.
func ruleGapUndocumented(c *checkCtx) []Finding {
	return c.explainedGaps(RuleGapUndocumented, ActionRequired, false)
}

// ruleGapDocumented records an explained and documented break, so the
// handler knows which documents to look at.
func ruleGapDocumented(c *checkCtx) []Finding {
	return c.explainedGaps(RuleGapDocumented, Info, true)
}

func (c *checkCtx) explainedGaps(rule string, sev Severity, documented bool) []Finding {
	if !c.pkg.Has(CategoryCV) {
		return nil
	}
	var out []Finding
	for _, it := range c.interruptions() {
		if it.unexplained > GapToleranceDays {
			continue
		}
		var ev []EvidenceRef
		allDocumented := true
		for _, x := range it.expls {
			ev = append(ev, ref(SourceDeclared, x.ID))
			docs := c.documentsFor(x.ID)
			allDocumented = allDocumented && len(docs) > 0
			for _, d := range docs {
				ev = append(ev, ref(SourceDocument, d.ID))
			}
		}
		if allDocumented == documented {
			out = append(out, mk(rule, CategoryCV, sev, it.period.From.String(), ev,
				"From", it.period.From.String(), "To", it.period.To.String(), "Days", itoa(it.days)))
		}
	}
	return out
}

func explRefs(xs []GapExplanation) []EvidenceRef {
	var out []EvidenceRef
	for _, x := range xs {
		out = append(out, ref(SourceDeclared, x.ID))
	}
	return out
}
