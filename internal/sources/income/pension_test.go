package income

import (
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/rules"
)

const overview = `{
  "format": "bgcheck-pension-overview/1",
  "holder_name": "Lars Testesen",
  "generated": "2026-11-01",
  "schemes": [
    {"provider": "ATP", "kind": "atp", "employer_cvr": "41000028", "employer_name": "Kattegat Transport ApS",
     "contributions": [
       {"from": "2024-01-01", "to": "2024-12-31", "amount": "1.188,00"},
       {"from": "2025-04-01", "to": "2025-12-31", "amount": 891}]},
    {"provider": "Pensionskassen Prøve", "kind": "Labour_Market", "employer_cvr": "41000028", "employer_name": "Kattegat Transport ApS",
     "contributions": [{"from": "2024-01-01", "to": "2025-12-31", "amount": "60.000,00"}]},
    {"provider": "Banken", "kind": "private", "contributions": [{"from": "2020-01-01", "to": "2025-12-31", "amount": "12.000"}]}
  ]
}`

func TestParsePension(t *testing.T) {
	o, err := ParsePension(strings.NewReader(overview))
	if err != nil {
		t.Fatal(err)
	}
	if o.Holder != "Lars Testesen" || o.Generated != rules.MustDate("2026-11-01") || len(o.Schemes) != 3 {
		t.Fatalf("overview = %+v", o)
	}
	if s := o.Schemes[1]; s.Kind != SchemeLabourMarket || s.Employer.CVR != "41000028" || s.Contributions[0].Amount != 6000000 {
		t.Errorf("labour-market scheme = %+v", s)
	}
	if c := o.Schemes[2].Contributions[0]; c.Row != 4 || c.Amount != 1200000 {
		t.Errorf("private contribution = %+v", c)
	}
	es := o.Employments()
	if len(es) != 1 || es[0].Period != (rules.Period{From: rules.MustDate("2024-01-01"), To: rules.MustDate("2025-12-31")}) {
		t.Errorf("employments = %+v (ATP and labour-market overlap into one; private left out)", es)
	}
}

func TestParsePensionSaysWhatIsWrong(t *testing.T) {
	in := `{"schemes":[
		{"provider":"X","kind":"other","employer_cvr":"41000028","contributions":[{"from":"2024-01-01","to":"2024-12-31"}]},
		{"provider":"ATP","kind":"atp","contributions":[{"from":"2024-01-01","to":"2023-12-31"}]}]}`
	_, err := ParsePension(strings.NewReader(in))
	got := fileProblems(t, err, "error.pension_overview")
	want := []Problem{
		{Row: 1, Field: "kind", Reason: ReasonSchemeKind},
		{Row: 2, Field: "employer", Reason: ReasonEmployer},
		{Row: 2, Field: "to", Reason: ReasonDateRange},
	}
	if len(got) != len(want) {
		t.Fatalf("problems = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	for _, bad := range []string{`[]`, `{"format":"bgcheck-income-extract/1"}`, `{"generated":"soon","schemes":[]}`} {
		if _, err := ParsePension(strings.NewReader(bad)); err == nil {
			t.Errorf("ParsePension(%s) accepted", bad)
		}
	}
}
