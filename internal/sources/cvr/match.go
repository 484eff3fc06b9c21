package cvr

import (
	"strconv"
	"strings"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/internal/norm"
)

// Reason explains one part of a match's confidence.
type Reason string

// Reasons. Exactly one name reason and one address reason explain every
// match; ReasonNameFormer is added when only an earlier name matched.
const (
	ReasonNameExact        Reason = "name_exact"               // every name word the same
	ReasonNameMiddle       Reason = "name_middle_names_differ" // first and last name the same, middle names missing or different
	ReasonNameFormer       Reason = "name_former"              // the name matched is one the person no longer uses
	ReasonAddressStreet    Reason = "address_street"           // same street, house number and postcode
	ReasonAddressPostcode  Reason = "address_postcode"         // same postcode only
	ReasonAddressUnknown   Reason = "address_unknown"          // no address to compare on one side
	ReasonAddressDifferent Reason = "address_different"        // no registered address is one of the subject's
)

// Match says how sure bgcheck is that a participant is the subject.
type Match struct {
	Confidence float64  `json:"confidence"` // 0–1
	Reasons    []Reason `json:"reasons"`
}

// confidence is the match table. The name decides the level, the address
// confirms or weakens it: an exact name at the same street address is
// almost surely the subject, a name alone is weak (common names are
// shared), a name with addresses that never agree is probably someone
// else. Missing middle names cost one step.
var confidence = map[Reason]map[Reason]float64{
	ReasonNameExact: {
		ReasonAddressStreet: 0.95, ReasonAddressPostcode: 0.85,
		ReasonAddressUnknown: 0.5, ReasonAddressDifferent: 0.3,
	},
	ReasonNameMiddle: {
		ReasonAddressStreet: 0.8, ReasonAddressPostcode: 0.7,
		ReasonAddressUnknown: 0.35, ReasonAddressDifferent: 0.15,
	},
}

// MatchPerson compares a participant document with the subject. ok is
// false when no registered name could be the subject's at all.
func MatchPerson(doc Vrdeltagerperson, p Person) (m Match, ok bool) {
	name, former := matchNames(doc.Navne, p.Name)
	if name == "" {
		return Match{}, false
	}
	addr := matchAddresses(doc.Beliggenhedsadresse, p.Addresses)
	m = Match{Confidence: confidence[name][addr], Reasons: []Reason{name, addr}}
	if former {
		m.Reasons = append(m.Reasons, ReasonNameFormer)
	}
	return m, true
}

// matchNames returns the best name reason over every registered name and
// whether only a name no longer current gave it.
func matchNames(names []Navn, subject string) (Reason, bool) {
	want := norm.Tokens(subject)
	best, former := Reason(""), false
	for _, n := range names {
		r := compareNames(want, norm.Tokens(n.Navn))
		if better(r, best) {
			best, former = r, n.Periode.GyldigTil != ""
		} else if r == best && r != "" && n.Periode.GyldigTil == "" {
			former = false
		}
	}
	return best, former
}

func better(r, than Reason) bool {
	return r == ReasonNameExact && than != ReasonNameExact || r == ReasonNameMiddle && than == ""
}

// compareNames: equal words are exact; the same first and last word with
// the shorter name's words found in order in the longer is a middle-name
// difference. An initial matches a word it begins ("Lars P. Testesen").
func compareNames(a, b []string) Reason {
	if len(a) < 2 || len(b) < 2 {
		return ""
	}
	if equalWords(a, b) {
		return ReasonNameExact
	}
	if !sameWord(a[0], b[0]) || !sameWord(a[len(a)-1], b[len(b)-1]) {
		return ""
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for _, w := range b {
		if i < len(a) && sameWord(a[i], w) {
			i++
		}
	}
	if i == len(a) {
		return ReasonNameMiddle
	}
	return ""
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func sameWord(a, b string) bool {
	if a == b {
		return true
	}
	return len(a) == 1 && strings.HasPrefix(b, a) || len(b) == 1 && strings.HasPrefix(a, b)
}

// matchAddresses returns the best agreement between any registered
// address (current or earlier) and any of the subject's.
func matchAddresses(reg []Adresse, subject []rules.Address) Reason {
	var regs []street
	for _, a := range reg {
		if s := registered(a); !s.empty() {
			regs = append(regs, s)
		}
	}
	var subs []street
	for _, a := range subject {
		if s := typed(a); !s.empty() {
			subs = append(subs, s)
		}
	}
	if len(regs) == 0 || len(subs) == 0 {
		return ReasonAddressUnknown
	}
	best := ReasonAddressDifferent
	for _, r := range regs {
		for _, s := range subs {
			switch {
			case r.sameStreet(s) && (r.postcode == "" || s.postcode == "" || r.postcode == s.postcode):
				return ReasonAddressStreet
			case r.postcode != "" && r.postcode == s.postcode:
				best = ReasonAddressPostcode
			}
		}
	}
	return best
}

// street is the comparable part of an address.
type street struct {
	name     string // folded street name
	number   string // house number with letter, e.g. "12a"
	postcode string
}

func (s street) empty() bool { return s.name == "" && s.postcode == "" }

func (s street) sameStreet(o street) bool {
	if s.name == "" || s.name != o.name || s.number == "" || o.number == "" {
		return false
	}
	return s.number == o.number || norm.Digits(s.number) == norm.Digits(o.number) &&
		(isDigits(s.number) || isDigits(o.number))
}

func isDigits(s string) bool { return norm.Digits(s) == s }

func registered(a Adresse) street {
	s := street{name: strings.Join(norm.Tokens(a.Vejnavn), " "), postcode: postcode(a.Postnummer)}
	if a.HusnummerFra > 0 {
		s.number = strconv.Itoa(a.HusnummerFra) + strings.ToLower(strings.TrimSpace(a.BogstavFra))
	}
	return s
}

func postcode(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// typed reads a street line as people write it: "Testgade 12, 2. tv.",
// "Testgade 12 A". The first word starting with a digit is the house
// number; a lone letter after it belongs to it.
func typed(a rules.Address) street {
	ws := norm.Tokens(a.Street)
	s := street{postcode: norm.Digits(a.PostalCode)}
	for i, w := range ws {
		if w[0] < '0' || w[0] > '9' {
			continue
		}
		s.name, s.number = strings.Join(ws[:i], " "), w
		if i+1 < len(ws) && len(ws[i+1]) == 1 && ws[i+1][0] >= 'a' && ws[i+1][0] <= 'z' {
			s.number += ws[i+1]
		}
		return s
	}
	s.name = strings.Join(ws, " ")
	return s
}
