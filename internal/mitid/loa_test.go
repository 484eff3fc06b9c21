package mitid

import "testing"

func TestParseLoAKnowsEveryBrokerForm(t *testing.T) {
	tests := map[string]string{
		"https://data.gov.dk/concept/core/nsis/Substantial": LoASubstantial,
		"https://data.gov.dk/concept/core/nsis/High":        LoAHigh,
		"https://data.gov.dk/concept/core/nsis/Low":         LoALow,
		"urn:grn:authn:dk:mitid:substantial":                LoASubstantial,
		"urn:grn:authn:dk:mitid:high":                       LoAHigh,
		"loa:substantial":                                   LoASubstantial,
		"SUBSTANTIAL":                                       LoASubstantial,
		"HIGH":                                              LoAHigh,
		"":                                                  "",
		"urn:grn:authn:dk:mitid:business":                   "",
		"urn:grn:authn:se:bankid:high":                      "",
		"https://example.org/nsis/High":                     "",
		"substantial-ish":                                   "",
	}
	for in, want := range tests {
		if got := parseLoA(in); got != want {
			t.Errorf("parseLoA(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLowestLoAIsTheWeakestAndRefusesUnknowns(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"HIGH", "SUBSTANTIAL"}, LoASubstantial},
		{[]string{"HIGH", "LOW", "SUBSTANTIAL"}, LoALow},
		{[]string{"HIGH"}, LoAHigh},
		{[]string{"HIGH", "bogus"}, ""},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := lowestLoA(tt.in...); got != tt.want {
			t.Errorf("lowestLoA(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
