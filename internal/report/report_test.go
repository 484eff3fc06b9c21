package report

import (
	"fmt"
	"strings"
	"testing"
)

func TestMaskCPR(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ten digits", "0101902837", "010190-XXXX"},
		{"with a hyphen", "010190-2837", "010190-XXXX"},
		{"with spaces around and inside", " 010190 2837 ", "010190-XXXX"},
		{"masked with asterisks, as the domain stores it", "010190-****", "010190-XXXX"},
		{"masked with X", "010190-XXXX", "010190-XXXX"},
		{"masked with lower-case x", "010190-xxxx", "010190-XXXX"},
		{"empty", "", ""},
		{"blank", "   ", ""},
		{"nine digits", "010190283", "XXXXXX-XXXX"},
		{"eleven digits", "01019028371", "XXXXXX-XXXX"},
		{"only the last four", "2837", "XXXXXX-XXXX"},
		{"partly masked", "010190-28**", "XXXXXX-XXXX"},
		{"digits after the mask", "010190-**37", "XXXXXX-XXXX"},
		{"a letter O for a zero", "O10190-2837", "XXXXXX-XXXX"},
		{"fully masked", "XXXXXX-XXXX", "XXXXXX-XXXX"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := MaskCPR(tc.in)
			if got != tc.want {
				t.Errorf("MaskCPR(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if MaskCPR(got) != got {
				t.Errorf("MaskCPR is not stable on its own output %q", got)
			}
		})
	}
}

// TestMaskCPRNeverShowsTheLastFourDigits tries every sequence number of
// one birth date, with and without a hyphen.
func TestMaskCPRNeverShowsTheLastFourDigits(t *testing.T) {
	for seq := range 10000 {
		last := fmt.Sprintf("%04d", seq)
		for _, cpr := range []string{"311299" + last, "311299-" + last} {
			if got := MaskCPR(cpr); got != "311299-XXXX" {
				t.Fatalf("MaskCPR(%q) = %q", cpr, got)
			}
		}
	}
}

func TestNewDocumentID(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := NewDocumentID()
		if !documentIDPattern.MatchString(id) {
			t.Fatalf("%q is not a valid document id", id)
		}
		if len(id) != len("BGC-XXXX-XXXX-XXXX-XXXX") || !strings.HasPrefix(id, "BGC-") {
			t.Fatalf("%q does not have the documented shape", id)
		}
		if strings.ContainsAny(id[4:], "ILOU") {
			t.Fatalf("%q uses a letter Crockford's alphabet leaves out", id)
		}
		if seen[id] {
			t.Fatalf("%q was generated twice", id)
		}
		seen[id] = true
	}
}
