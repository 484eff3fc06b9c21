package rules

import "testing"

// TestRuleRecheckDue reproduces the guidance's example (§2.3): a check on
// 1 July 2022 covers 1 July 2017 – 30 June 2022, is valid to 30 June 2023,
// and the next must be done by 1 July 2023.
func TestRuleRecheckDue(t *testing.T) {
	tests := []struct {
		check      string
		recurrence int
		want       []string
	}{
		{"2022-07-01", 12, []string{"info CoverageFrom=2017-07-01 CoverageTo=2022-06-30 ValidUntil=2023-06-30 NextRecheck=2023-07-01"}},
		{"2023-07-01", 12, []string{"info CoverageFrom=2018-07-01 CoverageTo=2023-06-30 ValidUntil=2024-06-30 NextRecheck=2024-07-01"}},
		{"2024-02-29", 12, []string{"info CoverageFrom=2019-02-28 CoverageTo=2024-02-28 ValidUntil=2025-02-27 NextRecheck=2025-02-28"}},
		{"2022-01-31", 6, []string{"info ValidUntil=2022-07-30 NextRecheck=2022-07-31"}},
		{"2022-07-01", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.check, func(t *testing.T) {
			in := base(tt.check)
			in.Package.RecurrenceMonths = tt.recurrence
			expect(t, findingsOf(t, in, RuleRecheckDue), tt.want...)
		})
	}
}

func TestRuleRecheckOverdue(t *testing.T) {
	tests := []struct {
		previous string
		want     []string
	}{
		{"2021-07-01", nil}, // due 2022-07-01, done on that day
		{"2021-06-30", []string{"warning PreviousCheck=2021-06-30 DueBy=2022-06-30"}},
		{"2022-07-01", nil}, // same day: not a previous check
	}
	for _, tt := range tests {
		t.Run(tt.previous, func(t *testing.T) {
			in := base("2022-07-01")
			in.PreviousCheck = d(tt.previous)
			expect(t, findingsOf(t, in, RuleRecheckOverdue), tt.want...)
		})
	}
}

// TestRuleRecheckRepeatVerifiesLastYear: with the previous check's
// documentation kept, the repeat needs fresh evidence only for the last 12
// months; once that check has lapsed, everything is verified again.
func TestRuleRecheckRepeatVerifiesLastYear(t *testing.T) {
	in := base("2023-07-01")
	in.PreviousCheck = d("2022-07-01")
	in.Declared.Activities = []Activity{job("j1", "2015-01-01", "2022-05-31", "Old", ""),
		job("j2", "2022-06-01", "", "New", "")}
	expect(t, findingsOf(t, in, RuleActivityUnverified), "action_required Item=j2")
	in.PreviousCheck = d("2022-06-30")
	expect(t, findingsOf(t, in, RuleActivityUnverified), "action_required Item=j1", "action_required Item=j2")
}
