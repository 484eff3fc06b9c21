package rules

import "testing"

func TestRuleCVCoverageFiveYears(t *testing.T) {
	tests := []struct {
		name string
		in   func() Input
		want []string
	}{
		{"CV covers the whole window", func() Input {
			in := base("2022-07-01")
			in.Declared.Activities = []Activity{job("j1", "2015-01-01", "", "Acme", "")}
			return in
		}, nil},
		{"starts 28 days into the window: tolerated", func() Input {
			in := base("2022-07-01")
			in.Declared.Activities = []Activity{job("j1", "2017-07-29", "", "Acme", "")}
			return in
		}, nil},
		{"starts 29 days into the window", func() Input {
			in := base("2022-07-01")
			in.Declared.Activities = []Activity{job("j1", "2017-07-30", "", "Acme", "")}
			return in
		}, []string{"action_required From=2017-07-01 To=2017-07-29 Days=29 CoverageFrom=2017-07-01"}},
		{"empty CV", func() Input { return base("2022-07-01") },
			[]string{"action_required From=2017-07-01 To=2022-06-30 Days=1826"}},
		{"start of the window explained by travel", func() Input {
			in := base("2022-07-01")
			in.Declared.Activities = []Activity{job("j1", "2018-01-01", "", "Acme", "")}
			in.Declared.GapExplanations = []GapExplanation{gap("g1", ReasonTravel, "2017-01-01", "2017-12-31")}
			return in
		}, nil},
		{"check on a leap day: window starts 28 February", func() Input {
			in := base("2024-02-29")
			in.Declared.Activities = []Activity{job("j1", "2019-04-01", "", "Acme", "")}
			return in
		}, []string{"action_required From=2019-02-28 To=2019-03-31 Days=32 CoverageFrom=2019-02-28"}},
		{"three-year look-back", func() Input {
			in := base("2022-07-01")
			in.Package.LookBackYears = 3
			in.Declared.Activities = []Activity{job("j1", "2019-07-01", "", "Acme", "")}
			return in
		}, nil},
		{"earlier years covered by a previous check still valid", func() Input {
			in := base("2022-07-01")
			in.PreviousCheck = d("2021-07-01")
			in.Declared.Activities = []Activity{job("j1", "2021-06-01", "", "Acme", "")}
			return in
		}, nil},
		{"CV not in the package", func() Input {
			in := base("2022-07-01")
			in.Package.Categories = []Category{CategoryIDDocument}
			return in
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, findingsOf(t, tt.in(), RuleCVCoverageIncomplete), tt.want...)
		})
	}
}

// twoJobs is a CV with one break: the first job ends on end, the second
// starts on start.
func twoJobs(end, start string) Input {
	in := base("2022-07-01")
	in.Declared.Activities = []Activity{
		job("j1", "2015-01-01", end, "Acme", "11111111"),
		job("j2", start, "", "Bravo", "22222222"),
	}
	return in
}

func TestRuleGapOver28DaysNeedsExplanation(t *testing.T) {
	withGaps := func(in Input, gs ...GapExplanation) Input {
		in.Declared.GapExplanations = gs
		return in
	}
	tests := []struct {
		name string
		in   Input
		want []string
	}{
		{"no break", twoJobs("2019-12-31", "2020-01-01"), nil},
		{"28 days: no investigation", twoJobs("2019-12-31", "2020-01-29"), nil},
		{"29 days", twoJobs("2019-12-31", "2020-01-30"),
			[]string{"action_required From=2020-01-01 To=2020-01-29 Days=29 UnexplainedDays=29"}},
		{"annual leave leaves 14 days", withGaps(twoJobs("2019-12-31", "2020-02-05"),
			gap("l1", ReasonAnnualLeave, "2020-01-01", "2020-01-21")), nil},
		{"leave beyond the yearly allowance counts as a gap", withGaps(twoJobs("2019-12-31", "2020-04-01"),
			gap("l1", ReasonAnnualLeave, "2020-01-01", "2020-03-31")),
			[]string{"action_required From=2020-01-01 To=2020-03-31 Days=56 UnexplainedDays=56"}},
		{"allowance spans the calendar year", withGaps(twoJobs("2019-11-30", "2020-02-01"),
			gap("l1", ReasonAnnualLeave, "2019-12-01", "2020-01-31")), nil},
		{"partly explained, 30 days left", withGaps(twoJobs("2019-12-31", "2020-05-01"),
			gap("g1", ReasonUnemployment, "2020-01-01", "2020-03-31")),
			[]string{"action_required From=2020-01-01 To=2020-04-30 Days=121 UnexplainedDays=30"}},
		{"partly explained, 25 days left: tolerated here", withGaps(twoJobs("2019-12-31", "2020-05-01"),
			gap("g1", ReasonUnemployment, "2020-01-01", "2020-04-05")), nil},
		{"education fills the break", func() Input {
			in := twoJobs("2018-12-31", "2020-01-01")
			in.Declared.Activities = append(in.Declared.Activities, study("s1", "2019-01-01", "2019-12-31", "DTU"))
			return in
		}(), nil},
		{"current break up to the check date", func() Input {
			in := base("2022-07-01")
			in.Declared.Activities = []Activity{job("j1", "2015-01-01", "2022-03-31", "Acme", "")}
			return in
		}(), []string{"action_required From=2022-04-01 To=2022-06-30 Days=91 UnexplainedDays=91"}},
		{"break before the previous check is not re-examined", func() Input {
			in := twoJobs("2019-12-31", "2020-06-01")
			in.PreviousCheck = d("2021-07-01")
			return in
		}(), nil},
		{"break starting before the window counts from the window", func() Input {
			in := base("2022-07-01")
			in.Declared.Activities = []Activity{job("j1", "2015-01-01", "2017-05-31", "Acme", ""),
				job("j2", "2017-09-01", "", "Bravo", "")}
			return in
		}(), nil}, // 2017-07-01..08-31 touches the window start: cv_coverage_incomplete reports it
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, findingsOf(t, tt.in, RuleGapUnexplained), tt.want...)
		})
	}
}

// TestRuleGapAnnualLeaveAllowancePerYear: the allowance is per calendar
// year, and leave taken while employed does not use it up.
func TestRuleGapAnnualLeaveAllowancePerYear(t *testing.T) {
	in := base("2022-07-01")
	in.Declared.Activities = []Activity{
		job("j1", "2015-01-01", "2019-05-31", "Acme", ""),
		job("j2", "2019-07-01", "2019-10-31", "Bravo", ""),
		job("j3", "2019-12-10", "", "Charlie", ""),
	}
	in.Declared.GapExplanations = []GapExplanation{
		gap("l0", ReasonAnnualLeave, "2019-03-01", "2019-03-21"), // while employed
		gap("l1", ReasonAnnualLeave, "2019-06-01", "2019-06-30"), // 30 days
		gap("l2", ReasonAnnualLeave, "2019-11-01", "2019-12-09"), // 39 days, 5 left
	}
	expect(t, findingsOf(t, in, RuleGapUnexplained),
		"action_required From=2019-11-01 To=2019-12-09 Days=34 UnexplainedDays=34")
}

func TestRuleGapUndocumented(t *testing.T) {
	tests := []struct {
		name  string
		gaps  []GapExplanation
		docs  []Document
		start string
		want  []string
	}{
		{"parental leave without document", []GapExplanation{gap("g1", ReasonParentalLeave, "2020-01-01", "2020-06-30")},
			nil, "2020-07-01", []string{"action_required From=2020-01-01 To=2020-06-30 Days=182"}},
		{"parental leave with birth certificate", []GapExplanation{gap("g1", ReasonParentalLeave, "2020-01-01", "2020-06-30")},
			[]Document{doc("d1", DocBirthCertificate, "g1")}, "2020-07-01", nil},
		{"one of two explanations documented", []GapExplanation{
			gap("g1", ReasonParentalLeave, "2020-01-01", "2020-03-31"), gap("g2", ReasonTravel, "2020-04-01", "2020-06-30")},
			[]Document{doc("d1", DocBirthCertificate, "g1")}, "2020-07-01",
			[]string{"action_required From=2020-01-01 To=2020-06-30 Days=182"}},
		{"break of 28 days needs no document", []GapExplanation{gap("g1", ReasonTravel, "2020-01-01", "2020-01-28")},
			nil, "2020-01-29", nil},
		{"unexplained break is gap_unexplained, not this", nil, nil, "2020-07-01", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := twoJobs("2019-12-31", tt.start)
			in.Declared.GapExplanations = tt.gaps
			in.Evidence.Documents = tt.docs
			expect(t, findingsOf(t, in, RuleGapUndocumented), tt.want...)
		})
	}
}

func TestRuleGapDocumented(t *testing.T) {
	in := twoJobs("2019-12-31", "2020-07-01")
	in.Declared.GapExplanations = []GapExplanation{gap("g1", ReasonUnemployment, "2020-01-01", "2020-06-30")}
	expect(t, findingsOf(t, in, RuleGapDocumented))
	in.Evidence.Documents = []Document{doc("d1", DocUnemploymentFund, "g1")}
	fs := findingsOf(t, in, RuleGapDocumented)
	expect(t, fs, "info From=2020-01-01 To=2020-06-30 Days=182")
	if len(fs[0].Evidence) != 2 || fs[0].Evidence[1] != ref(SourceDocument, "d1") {
		t.Errorf("evidence = %+v, want the explanation and its document", fs[0].Evidence)
	}
}
