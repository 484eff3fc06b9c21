package cvr

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// orgSpans returns the roles a list of memberships describes, merged per
// role. Parts that cannot be read are reported in problems, prefixed with
// where, and left out.
func orgSpans(orgs []Organisation, where string, problems *[]string) []RoleSpan {
	var out []RoleSpan
	for _, o := range orgs {
		fallback, hasFallback := organisationRole(o)
		for _, md := range o.MedlemsData {
			out = append(out, memberSpans(md, fallback, hasFallback, where, problems)...)
		}
	}
	return mergeSpans(out)
}

// memberSpans reads one membership: a span per FUNKTION value, or, when
// there is none, one span of the organisation's role over the period its
// other attributes cover.
func memberSpans(md MedlemsData, fallback rules.RoleKind, hasFallback bool, where string, problems *[]string) []RoleSpan {
	var out []RoleSpan
	functions := false
	for _, a := range md.Attributter {
		if !strings.EqualFold(a.Type, "FUNKTION") {
			continue
		}
		for _, v := range a.Vaerdier {
			functions = true
			role, ok := functionRole(v.Vaerdi)
			if !ok {
				continue
			}
			if role == rules.RoleOther && hasFallback {
				role = fallback
			}
			p, err := period(v.Periode)
			if err != nil {
				*problems = append(*problems, fmt.Sprintf("%s: function %q: %v", where, v.Vaerdi, err))
				continue
			}
			out = append(out, RoleSpan{Role: role, Functions: []string{strings.TrimSpace(v.Vaerdi)}, Period: p})
		}
	}
	if functions || !hasFallback {
		return out
	}
	p, err := membershipPeriod(md)
	if err != nil {
		*problems = append(*problems, fmt.Sprintf("%s: %s membership: %v", where, fallback, err))
		return out
	}
	return append(out, RoleSpan{Role: fallback, Period: p})
}

var errNoPeriod = errors.New("no period")

// membershipPeriod spans the periods of every attribute value: from the
// earliest start to the latest end, open when any value is open.
func membershipPeriod(md MedlemsData) (rules.Period, error) {
	var span rules.Period
	open := false
	for _, a := range md.Attributter {
		for _, v := range a.Vaerdier {
			p, err := period(v.Periode)
			if err != nil {
				return rules.Period{}, err
			}
			if span.From.IsZero() || p.From.Before(span.From) {
				span.From = p.From
			}
			open = open || p.IsOpen()
			if !p.IsOpen() && p.To.After(span.To) {
				span.To = p.To
			}
		}
	}
	if span.From.IsZero() {
		return rules.Period{}, errNoPeriod
	}
	if open {
		span.To = rules.Date{}
	}
	return span, nil
}

// mergeSpans joins spans of the same role that overlap or follow each
// other (a board member who becomes chair stays on the board), and sorts
// them by role and start.
func mergeSpans(in []RoleSpan) []RoleSpan {
	s := slices.Clone(in)
	slices.SortFunc(s, func(a, b RoleSpan) int {
		return cmp.Or(cmp.Compare(a.Role, b.Role), a.Period.From.Compare(b.Period.From))
	})
	var out []RoleSpan
	for _, x := range s {
		if n := len(out); n > 0 && out[n-1].Role == x.Role && touches(out[n-1].Period, x.Period) {
			last := &out[n-1]
			if last.Period.IsOpen() || x.Period.IsOpen() {
				last.Period.To = rules.Date{}
			} else if x.Period.To.After(last.Period.To) {
				last.Period.To = x.Period.To
			}
			for _, f := range x.Functions {
				if !slices.Contains(last.Functions, f) {
					last.Functions = append(last.Functions, f)
				}
			}
			continue
		}
		out = append(out, x)
	}
	return out
}

// touches reports whether b, starting no earlier than a, overlaps a or
// starts the day after it ends.
func touches(a, b rules.Period) bool {
	return a.IsOpen() || !b.From.After(a.To.AddDays(1))
}

// period reads a register period. The start is required; an end before
// the start is refused.
func period(p Periode) (rules.Period, error) {
	if strings.TrimSpace(p.GyldigFra) == "" {
		return rules.Period{}, errors.New("no start date")
	}
	from, err := parseDate(p.GyldigFra)
	if err != nil {
		return rules.Period{}, err
	}
	var to rules.Date
	if strings.TrimSpace(p.GyldigTil) != "" {
		if to, err = parseDate(p.GyldigTil); err != nil {
			return rules.Period{}, err
		}
	}
	out := rules.Period{From: from, To: to}
	if !out.Valid() {
		return rules.Period{}, fmt.Errorf("ends %s before it starts %s", to, from)
	}
	return out, nil
}

// parseDate reads a register date, also when it comes as a timestamp.
func parseDate(s string) (rules.Date, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10]
	}
	return rules.ParseDate(s)
}

// current returns the value whose period is open, else the one that
// started last; "" when there is none.
func current[T any](xs []T, per func(T) Periode, val func(T) string) string {
	best, bestFrom, open := "", "", false
	for _, x := range xs {
		p := per(x)
		isOpen := strings.TrimSpace(p.GyldigTil) == ""
		if (isOpen && !open) || (isOpen == open && p.GyldigFra >= bestFrom) {
			best, bestFrom, open = val(x), p.GyldigFra, isOpen
		}
	}
	return best
}
