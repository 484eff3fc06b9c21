package norm

import (
	"slices"
	"testing"
)

func TestTokensFoldDanishSpellings(t *testing.T) {
	for _, s := range []string{"Søren Ærø-Åberg", "SOEREN AEROE AABERG", "soren aro aberg"} {
		if got := Tokens(s); !slices.Equal(got, []string{"soren", "aro", "aberg"}) {
			t.Errorf("Tokens(%q) = %q", s, got)
		}
	}
}

func TestDigits(t *testing.T) {
	if got := Digits(" 41 00-00 11"); got != "41000011" {
		t.Errorf("Digits = %q", got)
	}
}

func TestCompanyKey(t *testing.T) {
	for _, s := range []string{"Nordlys Regnskab A/S", "NORDLYS REGNSKAB", "nordlys regnskab a.s."} {
		if got := CompanyKey(s); got != "nordlys regnskab" {
			t.Errorf("CompanyKey(%q) = %q", s, got)
		}
	}
}
