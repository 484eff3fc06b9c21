package certificate

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/internal/norm"
)

// lines arranges runs into lines of text as a reader sees them: top to
// bottom, left to right, pieces on one baseline joined, with a space
// where they stand apart.
func lines(runs []run) []string {
	rs := slices.Clone(runs)
	slices.SortStableFunc(rs, func(a, b run) int {
		if a.page != b.page {
			return a.page - b.page
		}
		switch {
		case a.y0 > b.y0:
			return -1
		case a.y0 < b.y0:
			return 1
		}
		return 0
	})
	var out []string
	for i := 0; i < len(rs); {
		j := i + 1
		tol := math.Max(rs[i].size, 1) * 0.35
		for j < len(rs) && rs[j].page == rs[i].page && math.Abs(rs[j].y0-rs[i].y0) <= tol {
			j++
		}
		line := rs[i:j]
		slices.SortStableFunc(line, func(a, b run) int {
			switch {
			case a.x0 < b.x0:
				return -1
			case a.x0 > b.x0:
				return 1
			}
			return 0
		})
		var b strings.Builder
		for k, r := range line {
			if k > 0 && r.x0-line[k-1].x1 > 0.15*math.Max(r.size, 1) {
				b.WriteByte(' ')
			}
			b.WriteString(r.text)
		}
		if s := strings.Join(strings.Fields(b.String()), " "); s != "" {
			out = append(out, s)
		}
		i = j
	}
	return out
}

// phraseSet is a list of phrases in comparable form.
type phraseSet [][]string

func compile(ps []string) phraseSet {
	var out phraseSet
	for _, p := range ps {
		if t := norm.Tokens(p); len(t) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// find returns the first phrase occurring in toks, as an index into the
// set, or -1.
func (ps phraseSet) find(toks []string) int {
	for i, p := range ps {
		if indexTokens(toks, p) >= 0 {
			return i
		}
	}
	return -1
}

func indexTokens(toks, p []string) int {
	for i := 0; i+len(p) <= len(toks); i++ {
		if slices.Equal(toks[i:i+len(p)], p) {
			return i
		}
	}
	return -1
}

// labelled returns the first value accept takes that follows a label at
// the start of a line, or stands on the next line when the label stands
// alone. Running text that happens to begin with a label word ("Issued
// under the rules of …") is passed over.
func (ps phraseSet) labelled(ls []string, accept func(string) bool) (string, bool) {
	for i, l := range ls {
		v, ok := ps.after(l)
		if !ok {
			continue
		}
		if v == "" && i+1 < len(ls) {
			v = ls[i+1]
		}
		if accept(v) {
			return v, true
		}
	}
	return "", false
}

// after returns what follows a label that begins line l. The longest
// label wins, so "udstedt den" is not read as "udstedt" plus "den".
func (ps phraseSet) after(l string) (string, bool) {
	words := strings.Fields(l)
	best := -1
	for k := 1; k <= len(words) && k <= 6; k++ {
		t := norm.Tokens(strings.Join(words[:k], " "))
		for _, p := range ps {
			if slices.Equal(t, p) {
				best = k
			}
		}
	}
	if best < 0 {
		return "", false
	}
	v := strings.Join(words[best:], " ")
	return strings.TrimSpace(strings.TrimLeft(v, ":.- ")), true
}

// compiled holds Phrases in comparable form.
type compiled struct {
	criminal, child, issuers, name, cpr, issued, clean, entries phraseSet
	issuerNames                                                 []string
}

func (p Phrases) compile() compiled {
	c := compiled{
		criminal: compile(p.CriminalTitle), child: compile(p.ChildTitle),
		name: compile(p.NameLabels), cpr: compile(p.CPRLabels), issued: compile(p.IssuedLabels),
		clean: compile(p.NoEntries), entries: compile(p.Entries),
	}
	for _, s := range p.Issuers {
		if t := norm.Tokens(s); len(t) > 0 {
			c.issuers = append(c.issuers, t)
			c.issuerNames = append(c.issuerNames, s)
		}
	}
	return c
}

// fields reads the certificate's fields from its visible lines. The
// outcome is taken from the visible text; hiddenText only serves to spot
// a contradiction between what is shown and what lies beneath.
func (c compiled) fields(visible []string, hiddenText string, rd *Reading, add func(Sign)) {
	for _, l := range visible {
		t := norm.Tokens(l)
		if c.child.find(t) >= 0 {
			rd.Kind = rules.RecordChild
			break
		}
		if c.criminal.find(t) >= 0 {
			rd.Kind = rules.RecordCriminal
			break
		}
	}
	all := norm.Tokens(strings.Join(visible, "\n"))
	if i := c.issuers.find(all); i >= 0 {
		rd.Issuer = c.issuerNames[i]
	}
	if v, ok := c.name.labelled(visible, validName); ok {
		rd.Name = v
	}
	if v, ok := c.cpr.labelled(visible, func(v string) bool { return !findCPR(v).IsZero() }); ok {
		rd.CPR = findCPR(v)
	} else {
		rd.CPR = onlyCPR(strings.Join(visible, "\n"))
	}
	if v, ok := c.issued.labelled(visible, func(v string) bool { _, ok := parseDate(v); return ok }); ok {
		rd.Issued, _ = parseDate(v)
	}
	clean, entries := c.clean.find(all) >= 0, c.entries.find(all) >= 0
	switch {
	case clean && entries:
		add(rules.SignOutcomeContradictory)
	case clean:
		rd.Outcome = rules.OutcomeClean
	case entries:
		rd.Outcome = rules.OutcomeHasEntries
	}
	hidden := norm.Tokens(hiddenText)
	if hc, he := c.clean.find(hidden) >= 0, c.entries.find(hidden) >= 0; (hc || clean) && (he || entries) {
		add(rules.SignOutcomeContradictory)
	}
}

// validName accepts a name of letters: at least two words, no digits.
func validName(v string) bool {
	if strings.ContainsAny(v, "0123456789") {
		return false
	}
	return len(norm.Tokens(v)) >= 2
}

var cprPattern = regexp.MustCompile(`(?:^|[^0-9])([0-3][0-9])([01][0-9])([0-9]{2})[ -]?([0-9]{4})(?:[^0-9]|$)`)

// findCPR returns the first CPR-shaped number in s whose first six digits
// are a possible day and month.
func findCPR(s string) CPR {
	for _, m := range cprPattern.FindAllStringSubmatch(s, -1) {
		if plausibleCPR(m[1], m[2]) {
			return CPR{digits: m[1] + m[2] + m[3] + m[4]}
		}
	}
	return CPR{}
}

// onlyCPR returns the CPR number in s when there is exactly one; a
// certificate without a labelled number but one number of that shape
// states it unlabelled.
func onlyCPR(s string) CPR {
	var found CPR
	for _, m := range cprPattern.FindAllStringSubmatch(s, -1) {
		if !plausibleCPR(m[1], m[2]) {
			continue
		}
		c := CPR{digits: m[1] + m[2] + m[3] + m[4]}
		if !found.IsZero() && found != c {
			return CPR{}
		}
		found = c
	}
	return found
}

func plausibleCPR(day, month string) bool {
	d, m := atoiDigits(day), atoiDigits(month)
	return d >= 1 && d <= 31 && m >= 1 && m <= 12
}
