package mitid

import "testing"

func TestCPRBirthDateFollowsTheCenturyRule(t *testing.T) {
	tests := []struct {
		cpr, born string
	}{
		{"0101901234", "1990-01-01"}, // 7th digit 0–3: 1900s
		{"2101270087", "1927-01-21"},
		{"0303014236", "2001-03-03"}, // 4 and year ≤ 36: 2000s
		{"0303374236", "1937-03-03"}, // 4 and year ≥ 37: 1900s
		{"0303369236", "2036-03-03"}, // 9 like 4
		{"0303379236", "1937-03-03"},
		{"0303575236", "2057-03-03"}, // 5–8 and year ≤ 57: 2000s
		{"0303588236", "1858-03-03"}, // 5–8 and year ≥ 58: 1800s
		{"2902004000", "2000-02-29"}, // leap day in a leap year
	}
	for _, tt := range tests {
		got, ok := cprBirthDate(tt.cpr)
		if !ok || got != tt.born {
			t.Errorf("cprBirthDate(%s) = %q, %t; want %q", tt.cpr, got, ok, tt.born)
		}
		if !ValidCPR(tt.cpr) {
			t.Errorf("ValidCPR(%s) = false", tt.cpr)
		}
	}
}

func TestValidCPRRefusesMalformedNumbers(t *testing.T) {
	for _, cpr := range []string{
		"", "010190123", "01019012345", "010190-123", "0101901a34", "０１０１９０１２３４",
		"0001901234", // day 0
		"3201901234", // day 32
		"0113901234", // month 13
		"3102901234", // 31 February
		"2902011234", // 29 February 1901, not a leap year
		"2902004000"[:9] + "x",
	} {
		if ValidCPR(cpr) {
			t.Errorf("ValidCPR(%q) = true", cpr)
		}
	}
}
