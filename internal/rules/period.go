package rules

import "slices"

// Period is a span of whole days, both ends included: a job "from
// 01/02/20 to 31/01/21" covers both of those days. A zero To means the
// period is open (ongoing).
type Period struct {
	From Date `json:"from"`
	To   Date `json:"to,omitzero"`
}

// IsOpen reports whether the period has no end.
func (p Period) IsOpen() bool { return p.To.IsZero() }

// Valid reports whether the period has a start and does not end before
// it starts.
func (p Period) Valid() bool {
	return !p.From.IsZero() && (p.To.IsZero() || !p.To.Before(p.From))
}

// End returns To, or asOf when the period is open.
func (p Period) End(asOf Date) Date {
	if p.IsOpen() {
		return asOf
	}
	return p.To
}

// Close returns p with an open end replaced by asOf.
func (p Period) Close(asOf Date) Period { return Period{From: p.From, To: p.End(asOf)} }

// Days returns the number of days in a closed period (both ends counted),
// 0 when the period is open or invalid.
func (p Period) Days() int {
	if p.IsOpen() || !p.Valid() {
		return 0
	}
	return p.From.DaysUntil(p.To) + 1
}

// Contains reports whether d lies in the period.
func (p Period) Contains(d Date) bool {
	return !d.Before(p.From) && (p.IsOpen() || !d.After(p.To))
}

// Intersect returns the days two closed periods share and whether there
// are any.
func (p Period) Intersect(o Period) (Period, bool) {
	r := Period{From: maxDate(p.From, o.From), To: minDate(p.To, o.To)}
	if r.To.Before(r.From) {
		return Period{}, false
	}
	return r, true
}

// Overlaps reports whether two closed periods share at least one day.
func (p Period) Overlaps(o Period) bool {
	_, ok := p.Intersect(o)
	return ok
}

// Widen returns the closed period p extended by n days at both ends.
func (p Period) Widen(n int) Period {
	return Period{From: p.From.AddDays(-n), To: p.To.AddDays(n)}
}

// AtLeastMonths reports whether the closed period lasts at least n whole
// calendar months: 1 January to 30 June is six months, 2 January to 30
// June is not.
func (p Period) AtLeastMonths(n int) bool {
	return !p.From.AddMonths(n).After(p.To.AddDays(1))
}

// subtract returns the parts of the closed period p that none of cuts
// covers, in order.
func subtract(p Period, cuts []Period) []Period {
	cs := slices.Clone(cuts)
	slices.SortFunc(cs, func(a, b Period) int { return a.From.Compare(b.From) })
	var out []Period
	cur := p.From
	for _, k := range cs {
		if k.To.Before(cur) || k.From.After(p.To) {
			continue
		}
		if k.From.After(cur) {
			out = append(out, Period{From: cur, To: k.From.AddDays(-1)})
		}
		cur = maxDate(cur, k.To.AddDays(1))
		if cur.After(p.To) {
			return out
		}
	}
	return append(out, Period{From: cur, To: p.To})
}

// mergePeriods joins closed periods that overlap or lie at most gap days
// apart, returning them in order.
func mergePeriods(ps []Period, gap int) []Period {
	cs := slices.Clone(ps)
	slices.SortFunc(cs, func(a, b Period) int { return a.From.Compare(b.From) })
	var out []Period
	for _, p := range cs {
		if n := len(out); n > 0 && !p.From.After(out[n-1].To.AddDays(gap+1)) {
			out[n-1].To = maxDate(out[n-1].To, p.To)
			continue
		}
		out = append(out, p)
	}
	return out
}
