package rules

import "testing"

func TestNamesMatch(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Søren Ågård Jørgensen", "SOEREN AAGAARD JOERGENSEN", true},
		{"Søren Jørgensen", "Soren Jorgensen", true},
		{"Lars Nielsen", "Lars Peter Nielsen", true},  // middle name left out
		{"Mette Hansen", "Mette Hansen-Jensen", true}, // second surname left out
		{"Anne-Marie Østergaard", "anne marie ostergaard", true},
		{"José Müller", "Jose Mueller", true},
		{"Lars Nielsen", "Lars Jensen", false},
		{"Nielsen", "Lars Nielsen", false}, // a lone word does not identify anybody
		{"Peter Lars Nielsen", "Lars Peter Nielsen", false},
		{"", "Lars Nielsen", false},
	}
	for _, tt := range tests {
		if got := namesMatch(tt.a, tt.b); got != tt.want {
			t.Errorf("namesMatch(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := namesMatch(tt.b, tt.a); got != tt.want {
			t.Errorf("namesMatch(%q, %q) = %v, want %v (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestSameCompany(t *testing.T) {
	tests := []struct {
		n1, c1, n2, c2 string
		want           bool
	}{
		{"Nordhavn Logistik A/S", "", "NORDHAVN LOGISTIK", "", true},
		{"Café Ærø ApS", "", "Cafe Aeroe", "", true},
		{"Anything", "12 34 56 78", "Other name", "12345678", true}, // CVR decides
		{"Same Name", "12345678", "Same Name", "87654321", false},
		{"Bager Hansen", "", "Bager Jensen", "", false},
		{"A/S", "", "ApS", "", false}, // nothing left to compare
	}
	for _, tt := range tests {
		if got := sameCompany(tt.n1, tt.c1, tt.n2, tt.c2); got != tt.want {
			t.Errorf("sameCompany(%q %q, %q %q) = %v, want %v", tt.n1, tt.c1, tt.n2, tt.c2, got, tt.want)
		}
	}
}

func TestAddressesMatch(t *testing.T) {
	a := Address{Street: "Nørregade 12, 2. tv.", PostalCode: "1165", City: "København K"}
	tests := []struct {
		b    Address
		want bool
	}{
		{Address{Street: "Noerregade 12", PostalCode: "1165"}, true},
		{Address{Street: "NØRREGADE 12 2 TV", PostalCode: "1165 "}, true},
		{Address{Street: "Nørregade 14", PostalCode: "1165"}, false},
		{Address{Street: "Nørregade 12", PostalCode: "8000"}, false},
		{Address{Street: "Vestergade 12", PostalCode: "1165"}, false},
	}
	for _, tt := range tests {
		if got := addressesMatch(a, tt.b); got != tt.want {
			t.Errorf("addressesMatch(%+v) = %v, want %v", tt.b, got, tt.want)
		}
	}
}

func TestEUEFTA(t *testing.T) {
	for c, want := range map[string]bool{"DK": true, "se": true, "EL": true, "NO": true, "CH": true,
		"UK": false, "GB": false, "US": false, "TR": false} {
		if isEUEFTA(c) != want {
			t.Errorf("isEUEFTA(%s) = %v", c, !want)
		}
	}
}
