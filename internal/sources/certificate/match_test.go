package certificate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/records"
)

var checkDate = rules.MustDate("2026-11-23")

func reading() Reading {
	return Reading{Kind: rules.RecordCriminal, Name: "Karen Louise Prøvesen", CPR: CPR{digits: "0101901234"},
		Issued: rules.MustDate("2026-11-16"), Outcome: rules.OutcomeClean}
}

func TestMatchIdentity(t *testing.T) {
	tests := []struct {
		name     string
		rd       func(*Reading)
		id       Identity
		nameWant string // "yes", "no" or "" (not compared)
		cprWant  string
	}{
		{"same person", nil, Identity{"Karen Prøvesen", "010190-1234"}, "yes", "yes"},
		{"ASCII spelling, no middle name", nil, Identity{"KAREN PROEVESEN", "0101901234"}, "yes", "yes"},
		{"another name", nil, Identity{"Lars Testesen", "0101901234"}, "no", "yes"},
		{"first name only", nil, Identity{"Karen", "0101901234"}, "no", "yes"},
		{"another CPR number", nil, Identity{"Karen Prøvesen", "0202851235"}, "yes", "no"},
		{"CPR not released", nil, Identity{"Karen Prøvesen", ""}, "yes", ""},
		{"malformed verified CPR", nil, Identity{"Karen Prøvesen", "01019"}, "yes", ""},
		{"nothing read", func(r *Reading) { r.Name, r.CPR = "", CPR{} }, Identity{"Karen Prøvesen", "0101901234"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd := reading()
			if tt.rd != nil {
				tt.rd(&rd)
			}
			c := Match(rd, tt.id, checkDate, 90)
			if got := tri(c.NameMatches); got != tt.nameWant {
				t.Errorf("name: %q, want %q", got, tt.nameWant)
			}
			if got := tri(c.CPRMatches); got != tt.cprWant {
				t.Errorf("cpr: %q, want %q", got, tt.cprWant)
			}
		})
	}
}

func tri(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "yes"
	}
	return "no"
}

func TestMatchIssueDate(t *testing.T) {
	tests := []struct {
		issued string
		maxAge int
		want   []Sign
	}{
		{"2026-11-16", 90, nil},
		{"2026-11-23", 90, nil},
		{"2026-11-24", 90, []Sign{rules.SignIssuedInFuture}},
		{"2026-08-25", 90, nil}, // exactly 90 days
		{"2026-08-24", 90, []Sign{SignIssuedTooOld}},
		{"2026-08-24", 0, []Sign{SignIssuedTooOld}}, // the rules' default
		{"2026-08-24", 180, nil},
		{"", 90, nil}, // reported as missing by the reader
	}
	for _, tt := range tests {
		rd := reading()
		rd.Issued = rules.Date{}
		if tt.issued != "" {
			rd.Issued = rules.MustDate(tt.issued)
		}
		if got := Match(rd, Identity{}, checkDate, tt.maxAge).Signs; !equalSigns(got, tt.want) {
			t.Errorf("issued %q, max %d: %v, want %v", tt.issued, tt.maxAge, got, tt.want)
		}
	}
}

func TestMatchKeepsTheReadingsSigns(t *testing.T) {
	rd := reading()
	rd.Signs = []Sign{rules.SignTextCovered, rules.SignIncrementalUpdate}
	rd.Issued = rules.MustDate("2027-01-01")
	got := Match(rd, Identity{}, checkDate, 90).Signs
	want := []Sign{rules.SignIncrementalUpdate, rules.SignTextCovered, rules.SignIssuedInFuture}
	if !equalSigns(got, want) {
		t.Errorf("signs %v, want %v", got, want)
	}
}

func TestEvidence(t *testing.T) {
	rd := reading()
	rd.Issued = rules.MustDate("2026-01-02")
	rd.Signs = []Sign{rules.SignModifiedAfterCreation}
	c := Match(rd, Identity{"Lars Testesen", "0101901234"}, checkDate, 90)
	cert, ok := Proposal(rd)
	if ok {
		t.Error("proposed a certificate with a sign of alteration")
	}
	r := Evidence("c1", cert, c)
	want := rules.CriminalRecord{ID: "c1", Kind: rules.RecordCriminal, Country: "DK", Issued: rd.Issued,
		Outcome: rules.OutcomeClean}
	if r.ID != want.ID || r.Kind != want.Kind || r.Country != want.Country || r.Issued != want.Issued || r.Outcome != want.Outcome {
		t.Errorf("record %+v", r)
	}
	if r.Reading == nil || tri(r.Reading.NameMatches) != "no" || tri(r.Reading.CPRMatches) != "yes" ||
		!equalSigns(r.Reading.Signs, []Sign{rules.SignModifiedAfterCreation}) {
		t.Errorf("reading %+v", r.Reading)
	}
	// The rules take the evidence as it is.
	in := rules.Input{CheckDate: checkDate, Package: rules.PackageRules{Categories: []rules.Category{rules.CategoryCriminalRecord}}}
	in.Evidence.CriminalRecords = []rules.CriminalRecord{r}
	if err := in.Validate(); err != nil {
		t.Errorf("evidence invalid: %v", err)
	}
	var rulesFound []string
	for _, f := range rules.Evaluate(in).Findings {
		rulesFound = append(rulesFound, f.Rule)
	}
	for _, id := range []string{rules.RuleCertificateIdentityMismatch, rules.RuleCertificateTamperingSigns, rules.RuleCriminalRecordOutdated} {
		if !strings.Contains(strings.Join(rulesFound, " "), id) {
			t.Errorf("findings %v lack %s", rulesFound, id)
		}
	}
}

func TestProposal(t *testing.T) {
	cert, ok := Proposal(reading())
	want := records.Certificate{Kind: rules.RecordCriminal, Country: "DK", Issued: rules.MustDate("2026-11-16"),
		Outcome: rules.OutcomeClean, OrderedBy: records.OrderedBySubject}
	if !ok || cert != want {
		t.Errorf("proposal %+v %v", cert, ok)
	}
	if err := cert.Validate(); err != nil {
		t.Errorf("proposal invalid: %v", err)
	}
	for name, change := range map[string]func(*Reading){
		"no outcome":  func(r *Reading) { r.Outcome = OutcomeUnknown },
		"no kind":     func(r *Reading) { r.Kind = "" },
		"no date":     func(r *Reading) { r.Issued = rules.Date{} },
		"missing CPR": func(r *Reading) { r.Signs = []Sign{rules.SignMissingCPR} },
	} {
		rd := reading()
		change(&rd)
		if _, ok := Proposal(rd); ok {
			t.Errorf("%s: proposed", name)
		}
	}
}

// The CPR number read must never appear in print, logs or JSON.
func TestCPRNeverShows(t *testing.T) {
	rd := reading()
	var out bytes.Buffer
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		fmt.Fprintf(&out, verb+"\n", rd)
		fmt.Fprintf(&out, verb+"\n", rd.CPR)
	}
	fmt.Fprint(&out, fmt.Errorf("wrapped: %v", rd), rd.CPR.String())
	var logged bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logged, nil))
	log.Info("read", "reading", rd, "cpr", rd.CPR)
	b, err := json.Marshal(rd)
	if err != nil {
		t.Fatal(err)
	}
	s := out.String() + logged.String() + string(b)
	for _, leak := range []string{"0101901234", "1234", "31323334"} {
		if strings.Contains(s, leak) {
			t.Fatalf("output shows %q:\n%s", leak, s)
		}
	}
	if !strings.Contains(s, "010190-****") {
		t.Errorf("masked number missing:\n%s", s)
	}
	// The log is for operators: not even the name goes there.
	if strings.Contains(logged.String(), "Louise") {
		t.Errorf("the log shows the name: %s", logged.String())
	}
}

func TestCPRMatches(t *testing.T) {
	c := CPR{digits: "0101901234"}
	for in, want := range map[string]bool{"0101901234": true, "010190-1234": true, "0101901235": false, "": false, "101901234": false} {
		if c.Matches(in) != want {
			t.Errorf("Matches(%q) = %v", in, !want)
		}
	}
	if (CPR{}).Matches("") || (CPR{}).String() != "" {
		t.Error("the zero CPR matches or prints")
	}
}
