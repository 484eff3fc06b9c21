package certificate

import (
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/rules"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" for no date
	}{
		{"16.11.2026", "2026-11-16"},
		{"16-11-2026", "2026-11-16"},
		{"16/11/26", "2026-11-16"},
		{"2026-11-16", "2026-11-16"},
		{"1.2.2026", "2026-02-01"},
		{"16. november 2026", "2026-11-16"},
		{"den 3. Maj 2026", "2026-05-03"},
		{"16 November 2026", "2026-11-16"},
		{"November 16, 2026", "2026-11-16"},
		{"Sept. 1, 2026", "2026-09-01"},
		{"29.02.2028", "2028-02-29"},
		{"29.02.2026", ""}, // no such day
		{"31.04.2026", ""},
		{"16.13.2026", ""},
		{"16. brumaire 2026", ""},
		{"Attest nr. 12345", ""},
		{"udstedt 16.11.2026, gyldig til 16.02.2027", "2026-11-16"}, // the first date
		{"Nov 2, 2026 og 01.01.2026", "2026-11-02"},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("%q: got %s, want none", tt.in, got)
			}
			continue
		}
		if !ok || got != rules.MustDate(tt.want) {
			t.Errorf("%q: got %s (%v), want %s", tt.in, got, ok, tt.want)
		}
	}
}

func TestFindCPR(t *testing.T) {
	tests := []struct{ in, want string }{
		{"010190-1234", "0101901234"},
		{"010190 1234", "0101901234"},
		{"0101901234", "0101901234"},
		{"CPR: 311299-4321.", "3112994321"},
		{"320190-1234", ""},      // no 32nd day
		{"011390-1234", ""},      // no 13th month
		{"12010190-1234", ""},    // part of a longer number
		{"Tlf. 33 14 88 88", ""}, // a phone number
	}
	for _, tt := range tests {
		if got := findCPR(tt.in); got.digits != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got.digits, tt.want)
		}
	}
	if c := onlyCPR("Personnummer 010190-1234 (010190-1234)"); c.digits != "0101901234" {
		t.Errorf("one number twice: %q", c.digits)
	}
	if c := onlyCPR("010190-1234 og 020285-1235"); !c.IsZero() {
		t.Errorf("two numbers: %q", c.digits)
	}
}

func TestLinesOrderAndJoin(t *testing.T) {
	r := func(text string, x, y, w float64) run {
		return run{text: text, x0: x, y0: y, x1: x + w, y1: y, size: 10, page: 1}
	}
	runs := []run{
		r("Karen Prøvesen", 150, 700, 70), // value column
		r("Navn:", 50, 700.5, 25),         // label a hair lower on the same line
		r("PRIVAT", 50, 750, 40),
		r("STRAFFE", 92, 750, 40),   // two units apart: a space
		r("ATTEST", 132.5, 750, 35), // half a unit: the same word
		r("Udstedt:", 50, 680, 30),
		{text: "Side 2", x0: 50, y0: 800, x1: 80, size: 10, page: 2},
	}
	want := []string{"PRIVAT STRAFFEATTEST", "Navn: Karen Prøvesen", "Udstedt:", "Side 2"}
	if got := lines(runs); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines %q, want %q", got, want)
	}
}

func TestLabelledValues(t *testing.T) {
	c := DefaultPhrases().compile()
	ls := []string{
		"Issued under the rules on private certificates",
		"Udstedt den 16. november 2026",
		"Navn:",
		"Karen Louise Prøvesen",
		"CPR-nr.: 010190-1234",
	}
	if v, ok := c.issued.labelled(ls, func(v string) bool { _, ok := parseDate(v); return ok }); !ok || v != "16. november 2026" {
		t.Errorf("issued %q %v", v, ok)
	}
	if v, ok := c.name.labelled(ls, validName); !ok || v != "Karen Louise Prøvesen" {
		t.Errorf("name on the next line: %q %v", v, ok)
	}
	if v, ok := c.cpr.labelled(ls, func(string) bool { return true }); !ok || v != "010190-1234" {
		t.Errorf("cpr %q %v", v, ok)
	}
}

func TestValidName(t *testing.T) {
	for in, want := range map[string]bool{
		"Karen Prøvesen": true, "Ole": false, "010190-1234": false, "Lars 2 Testesen": false, "": false,
	} {
		if validName(in) != want {
			t.Errorf("validName(%q) = %v", in, !want)
		}
	}
}
