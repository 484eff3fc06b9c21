package rules

import "testing"

func TestRulePeriodInvalid(t *testing.T) {
	tests := []struct {
		name string
		edit func(in *Input)
		want []string
	}{
		{"all valid", func(in *Input) {}, nil},
		{"job ending before it starts", func(in *Input) {
			in.Declared.Activities[0].Period = p("2020-05-01", "2020-04-30")
		}, []string{"action_required Item=j1 Source=declared From=2020-05-01 To=2020-04-30"}},
		{"residence without start", func(in *Input) {
			in.Declared.Residences[0].Period = Period{To: d("2020-01-01")}
		}, []string{"action_required Item=r1 From= To=2020-01-01"}},
		{"malformed income row", func(in *Input) {
			in.Evidence.Income = []IncomeRow{{ID: "i1", Source: SourceIncomeRegister, EmployerName: "Acme",
				Period: p("2020-02-01", "2020-01-01")}}
		}, []string{"warning Item=i1 Source=income_register"}},
		{"airport card expiring before issue", func(in *Input) {
			in.Evidence.AirportCards = []AirportCard{{ID: "a1", Issued: d("2022-01-01"), Expiry: d("2021-01-01")}}
		}, []string{"warning Item=a1 Source=airport"}},
		{"business role without dates is fine", func(in *Input) {
			in.Declared.BusinessRoles = []BusinessRole{{ID: "b1", Company: "X", Role: RoleOwner}}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := passing()
			tt.edit(&in)
			expect(t, findingsOf(t, in, RulePeriodInvalid), tt.want...)
		})
	}
}

func TestRuleInvalidPeriodsTakeNoPart(t *testing.T) {
	in := passing()
	in.Declared.Activities[0].Period = p("2020-05-01", "2020-04-30")
	expect(t, findingsOf(t, in, RuleActivityUnverified))
	expect(t, findingsOf(t, in, RuleCVCoverageIncomplete), "action_required Days=1826")
}

func TestRuleDateInFuture(t *testing.T) {
	tests := []struct {
		name string
		edit func(in *Input)
		want []string
	}{
		{"ongoing job", func(in *Input) {}, nil},
		{"start after the check date", func(in *Input) {
			in.Declared.Activities = append(in.Declared.Activities, job("j2", "2022-07-02", "", "Next", ""))
		}, []string{"warning Item=j2 Field=from Date=2022-07-02"}},
		{"starting on the check date is not future", func(in *Input) {
			in.Declared.Activities = append(in.Declared.Activities, job("j2", "2022-07-01", "", "Next", ""))
		}, nil},
		{"end after the check date", func(in *Input) {
			in.Declared.Activities[0].Period.To = d("2022-07-31")
		}, []string{"info Item=j1 Field=to Date=2022-07-31"}},
		{"planned move", func(in *Input) {
			in.Declared.Residences[0].Period.To = d("2022-09-30")
		}, []string{"info Item=r1 Field=to"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := passing()
			tt.edit(&in)
			expect(t, findingsOf(t, in, RuleDateInFuture), tt.want...)
		})
	}
}

func TestRuleOverlappingPeriods(t *testing.T) {
	tests := []struct {
		name string
		acts []Activity
		res  []Residence
		want []string
	}{
		{"consecutive jobs", []Activity{job("j1", "2015-01-01", "2019-12-31", "A", ""), job("j2", "2020-01-01", "", "B", "")}, nil, nil},
		{"one day overlap", []Activity{job("j1", "2015-01-01", "2020-01-01", "A", ""), job("j2", "2020-01-01", "", "B", "")}, nil,
			[]string{"info Item=j1 OtherItem=j2 From=2020-01-01 To=2020-01-01 Days=1"}},
		{"study job", []Activity{study("s1", "2016-09-01", "2019-06-30", "KU"), job("j1", "2018-01-01", "", "B", "")}, nil,
			[]string{"info Item=j1 OtherItem=s1 From=2018-01-01 To=2019-06-30 Days=546"}},
		{"overlap before the window is ignored", []Activity{job("j1", "2010-01-01", "2016-12-31", "A", ""),
			job("j2", "2016-01-01", "", "B", "")}, nil, nil},
		{"two countries at once", nil, []Residence{res("r1", "DK", "2010-01-01", "2020-03-31"), res("r2", "SE", "2020-03-01", "")},
			[]string{"warning Item=r1 OtherItem=r2 Days=31"}},
		{"two addresses in one country", nil, []Residence{res("r1", "DK", "2010-01-01", "2020-03-31"), res("r2", "DK", "2020-03-01", "")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Declared.Activities = tt.acts
			in.Declared.Residences = tt.res
			expect(t, findingsOf(t, in, RuleOverlappingPeriods), tt.want...)
		})
	}
}
