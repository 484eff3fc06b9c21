package income

import "testing"

func TestParseAmount(t *testing.T) {
	for in, want := range map[string]Amount{
		"32.500,00": 3250000, "32500,5": 3250050, "32,500.00": 3250000, "32500.00": 3250000,
		"kr. 1 234,56": 123456, "1\u00a0234,56 DKK": 123456, "-99": -9900, "-1.234,00": -123400,
		"1.234": 123400, "1,234": 123400, "1,23": 123, "0": 0, ",5": 50, "1.234.567": 123456700,
	} {
		got, err := ParseAmount(in)
		if err != nil || got != want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "abc", "1,2,3.4.5x", "12,345,6789", "1.234,567", "kr", "--1", "1e5", "9999999999999999", ".123", "1..234"} {
		if got, err := ParseAmount(in); err == nil {
			t.Errorf("ParseAmount(%q) = %d, want an error", in, got)
		}
	}
}

func TestAmountString(t *testing.T) {
	for a, want := range map[Amount]string{0: "0,00", 5: "0,05", 3250000: "32.500,00", -123456789: "-1.234.567,89", 100000000: "1.000.000,00"} {
		if a.String() != want {
			t.Errorf("%d.String() = %q, want %q", int64(a), a.String(), want)
		}
	}
}
