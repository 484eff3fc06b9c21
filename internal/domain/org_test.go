package domain

import "testing"

// TestCVRChecks tells the organisation's own number, held to the modulus-11
// check, from a subject's declared employer, which only has to look like
// one.
func TestCVRChecks(t *testing.T) {
	for _, tc := range []struct {
		in               string
		valid, plausible bool
	}{
		{"12345674", true, true},
		{"29135789", true, true},
		{"41000028", false, true}, // a sandbox company: eight digits, fails modulus 11
		{"12345678", false, true},
		{"02345678", false, false},
		{"1234567", false, false},
		{"123456789", false, false},
		{"1234567a", false, false},
		{"", false, false},
	} {
		if got := ValidCVR(tc.in); got != tc.valid {
			t.Errorf("ValidCVR(%q) = %v", tc.in, got)
		}
		if got := PlausibleCVR(tc.in); got != tc.plausible {
			t.Errorf("PlausibleCVR(%q) = %v", tc.in, got)
		}
	}
}
