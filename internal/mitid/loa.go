package mitid

import "strings"

// Levels of assurance (NSIS), lowest first.
const (
	LoALow         = "low"
	LoASubstantial = "substantial"
	LoAHigh        = "high"
)

// minLoA is the lowest level a subject may log in with.
const minLoA = LoASubstantial

func loaRank(loa string) int {
	switch loa {
	case LoALow:
		return 1
	case LoASubstantial:
		return 2
	case LoAHigh:
		return 3
	}
	return 0
}

// loaPrefixes are the forms brokers write a level in: the NSIS concept
// URI, Idura's acr, Signicat's acr, and Signicat's bare "SUBSTANTIAL".
var loaPrefixes = []string{
	"https://data.gov.dk/concept/core/nsis/",
	"urn:grn:authn:dk:mitid:",
	"loa:",
	"",
}

// parseLoA returns the level v names, or "" for anything unrecognised
// (which is then refused like a level that is too low).
func parseLoA(v string) string {
	for _, p := range loaPrefixes {
		if len(v) < len(p) || !strings.EqualFold(v[:len(p)], p) {
			continue
		}
		if l := strings.ToLower(v[len(p):]); loaRank(l) > 0 {
			return l
		}
	}
	return ""
}

// lowestLoA parses every value and returns the weakest; one
// unrecognised value makes the result "", as does no value at all.
func lowestLoA(values ...string) string {
	lowest := ""
	for _, v := range values {
		l := parseLoA(v)
		if l == "" {
			return ""
		}
		if lowest == "" || loaRank(l) < loaRank(lowest) {
			lowest = l
		}
	}
	return lowest
}
