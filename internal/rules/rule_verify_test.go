package rules

import "testing"

func contact(id, forID string) EmployerContact {
	return EmployerContact{ID: id, For: forID, ContactDate: d("2022-06-20"), Company: "Acme A/S",
		ContactPerson: "HR, Jens Hansen", Confirmed: p("2018-01-01", "")}
}

func TestRuleActivityVerified(t *testing.T) {
	acme := job("j1", "2018-01-01", "", "Acme A/S", "11111111")
	tests := []struct {
		name string
		in   func(in *Input)
		want []string
	}{
		{"nothing confirms the job", func(in *Input) {}, []string{"action_required Item=j1 From=2018-01-01 To="}},
		{"income rows from the employer", func(in *Input) {
			in.Evidence.Income = monthly("i", "ACME", "11111111", "2018-01-01", "2022-05-31")
		}, nil},
		{"income rows from another employer", func(in *Input) {
			in.Evidence.Income = monthly("i", "Other", "99999999", "2018-01-01", "2022-05-31")
		}, []string{"action_required Item=j1"}},
		{"income matched on name when CVR is missing", func(in *Input) {
			in.Declared.Activities[0].CVR = ""
			in.Evidence.Income = monthly("i", "ACME", "", "2018-01-01", "2022-05-31")
		}, nil},
		{"payslip linked to the job", func(in *Input) {
			in.Evidence.Documents = []Document{doc("d1", DocPayslip, "j1")}
		}, nil},
		{"a diploma does not verify a job", func(in *Input) {
			in.Evidence.Documents = []Document{doc("d1", DocDiploma, "j1")}
		}, []string{"action_required Item=j1"}},
		{"complete employer-contact record", func(in *Input) {
			in.Evidence.EmployerContacts = []EmployerContact{contact("c1", "j1")}
		}, nil},
		{"record without contact person does not count", func(in *Input) {
			x := contact("c1", "j1")
			x.ContactPerson = " "
			in.Evidence.EmployerContacts = []EmployerContact{x}
		}, []string{"action_required Item=j1"}},
		{"record linked by company name", func(in *Input) {
			in.Evidence.EmployerContacts = []EmployerContact{contact("c1", "")}
		}, nil},
		{"education without and with diploma", func(in *Input) {
			in.Declared.Activities = append(in.Declared.Activities, study("s1", "2015-09-01", "2018-06-30", "KU"),
				study("s2", "2012-09-01", "2015-06-30", "Gymnasium"))
			in.Evidence.Documents = []Document{doc("d1", DocPayslip, "j1"), doc("d2", DocDiploma, "s2")}
		}, []string{"action_required Item=s1"}},
		{"own business confirmed by the CVR register", func(in *Input) {
			in.Declared.Activities[0].Kind = KindSelfEmployment
			in.Evidence.RegisterRoles = []RegisterRole{{ID: "r1", Company: "Acme", CVR: "11111111",
				Role: RoleSoleProprietor, Period: p("2018-01-01", ""), Confidence: 0.9}}
		}, nil},
		{"weak register match does not verify", func(in *Input) {
			in.Declared.Activities[0].Kind = KindSelfEmployment
			in.Evidence.RegisterRoles = []RegisterRole{{ID: "r1", Company: "Acme", CVR: "11111111",
				Role: RoleSoleProprietor, Period: p("2018-01-01", ""), Confidence: 0.6}}
		}, []string{"action_required Item=j1"}},
		{"job ended before the window", func(in *Input) {
			in.Declared.Activities[0].Period = p("2010-01-01", "2017-06-30")
		}, nil},
		{"job before a still valid previous check", func(in *Input) {
			in.PreviousCheck = d("2021-07-01")
			in.Declared.Activities[0].Period = p("2016-01-01", "2021-03-31")
		}, nil},
		{"education-only package checks only education", func(in *Input) {
			in.Package.Categories = []Category{CategoryEducation}
			in.Declared.Activities = append(in.Declared.Activities, study("s1", "2015-09-01", "2018-06-30", "KU"))
		}, []string{"action_required Item=s1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Declared.Activities = []Activity{acme}
			tt.in(&in)
			expect(t, findingsOf(t, in, RuleActivityUnverified), tt.want...)
		})
	}
}

func TestRuleEmployerContactRecordComplete(t *testing.T) {
	tests := []struct {
		name string
		edit func(x *EmployerContact)
		want []string
	}{
		{"all four items", func(x *EmployerContact) {}, nil},
		{"no date", func(x *EmployerContact) { x.ContactDate = Date{} }, []string{"action_required Missing=contact_date"}},
		{"no company: named after the job", func(x *EmployerContact) { x.Company = "" },
			[]string{"action_required Missing=company Name=Bravo"}},
		{"no contact person", func(x *EmployerContact) { x.ContactPerson = "" }, []string{"action_required Missing=contact_person"}},
		{"no confirmed period", func(x *EmployerContact) { x.Confirmed = Period{} }, []string{"action_required Missing=confirmed_period"}},
		{"confirmed period ending before it starts", func(x *EmployerContact) { x.Confirmed = p("2020-01-01", "2019-01-01") },
			[]string{"action_required Missing=confirmed_period"}},
		{"nothing filled in", func(x *EmployerContact) { *x = EmployerContact{ID: x.ID, For: x.For} },
			[]string{"action_required Missing=contact_date,company,contact_person,confirmed_period Item=c1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Declared.Activities = []Activity{job("j1", "2018-01-01", "", "Bravo", "")}
			x := contact("c1", "j1")
			tt.edit(&x)
			in.Evidence.EmployerContacts = []EmployerContact{x}
			expect(t, findingsOf(t, in, RuleEmployerContactIncomplete), tt.want...)
		})
	}
}

func TestRuleActivityPeriodDiffers(t *testing.T) {
	tests := []struct {
		name string
		from string
		to   string
		ev   func(e *Evidence)
		want []string
	}{
		{"income matches", "2018-01-01", "", func(e *Evidence) {
			e.Income = monthly("i", "Acme", "11111111", "2018-01-01", "2022-05-31")
		}, nil},
		{"mid-month start within tolerance", "2018-01-15", "", func(e *Evidence) {
			e.Income = monthly("i", "Acme", "11111111", "2018-01-01", "2022-05-31")
		}, nil},
		{"income starts a year later", "2018-01-01", "", func(e *Evidence) {
			e.Income = monthly("i", "Acme", "11111111", "2019-01-01", "2022-05-31")
		}, []string{"action_required Source=income_register SourceFrom=2019-01-01 SourceTo=2022-05-31 From=2018-01-01"}},
		{"a reference confirms the declared dates", "2018-01-01", "", func(e *Evidence) {
			e.Income = monthly("i", "Acme", "11111111", "2019-01-01", "2022-05-31")
			e.Documents = []Document{{ID: "d1", Kind: DocReference, For: "j1", Attests: p("2018-01-01", "")}}
		}, []string{"warning Source=income_register SourceFrom=2019-01-01"}},
		{"register lag: last month not yet reported", "2018-01-01", "", func(e *Evidence) {
			e.Income = monthly("i", "Acme", "11111111", "2018-01-01", "2022-04-30")
		}, nil},
		{"income stopped three months ago", "2018-01-01", "", func(e *Evidence) {
			e.Income = monthly("i", "Acme", "11111111", "2018-01-01", "2022-03-31")
		}, []string{"action_required SourceTo=2022-03-31"}},
		{"one missing month is tolerated", "2018-01-01", "2020-12-31", func(e *Evidence) {
			e.Income = append(monthly("a", "Acme", "11111111", "2018-01-01", "2019-02-28"),
				monthly("b", "Acme", "11111111", "2019-04-01", "2020-12-31")...)
		}, nil},
		{"two missing months are not", "2018-01-01", "2020-12-31", func(e *Evidence) {
			e.Income = append(monthly("a", "Acme", "11111111", "2018-01-01", "2019-02-28"),
				monthly("b", "Acme", "11111111", "2019-05-01", "2020-12-31")...)
		}, []string{"action_required SourceFrom=2018-01-01 SourceTo=2020-12-31"}},
		{"employer confirms a shorter period", "2018-01-01", "2020-12-31", func(e *Evidence) {
			x := contact("c1", "j1")
			x.Confirmed = p("2018-01-01", "2020-06-30")
			e.EmployerContacts = []EmployerContact{x}
		}, []string{"action_required Source=employer_contact SourceFrom=2018-01-01 SourceTo=2020-06-30"}},
		{"difference before the window does not matter", "2012-01-01", "2020-12-31", func(e *Evidence) {
			x := contact("c1", "j1")
			x.Confirmed = p("2013-06-01", "2020-12-31")
			e.EmployerContacts = []EmployerContact{x}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Declared.Activities = []Activity{job("j1", tt.from, tt.to, "Acme", "11111111")}
			tt.ev(&in.Evidence)
			expect(t, findingsOf(t, in, RuleActivityPeriodDiffers), tt.want...)
		})
	}
}

func TestRuleIncomeEmployerUndeclared(t *testing.T) {
	tests := []struct {
		name   string
		end    string // of the declared job
		income []IncomeRow
		want   []string
	}{
		{"all income declared", "", monthly("i", "Acme", "11111111", "2018-01-01", "2022-05-31"), nil},
		{"side job", "", append(monthly("i", "Acme", "11111111", "2018-01-01", "2022-05-31"),
			monthly("s", "Side", "33333333", "2020-01-01", "2020-06-30")...),
			[]string{"warning Employer=Side CVR=33333333 From=2020-01-01 To=2020-06-30"}},
		{"income months before the declared start", "", monthly("i", "Acme", "11111111", "2017-07-01", "2022-05-31"),
			[]string{"warning CVR=11111111 From=2017-07-01 To=2017-11-30"}},
		{"one month after the declared end is tolerated", "2021-12-31", monthly("i", "Acme", "11111111", "2018-01-01", "2022-01-31"), nil},
		{"two months after the declared end", "2021-12-31", monthly("i", "Acme", "11111111", "2018-01-01", "2022-02-28"),
			[]string{"warning From=2022-02-01 To=2022-02-28"}},
		{"income before the window is ignored", "", monthly("o", "Old", "44444444", "2016-01-01", "2017-06-30"), nil},
		{"two separate spells", "", append(monthly("s", "Side", "33333333", "2019-01-01", "2019-03-31"),
			monthly("t", "Side", "33333333", "2020-01-01", "2020-02-29")...),
			[]string{"warning From=2019-01-01 To=2019-03-31", "warning From=2020-01-01 To=2020-02-29"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Declared.Activities = []Activity{job("j1", "2018-01-01", tt.end, "Acme", "11111111")}
			in.Evidence.Income = tt.income
			expect(t, findingsOf(t, in, RuleIncomeEmployerUndeclared), tt.want...)
		})
	}
}

func TestRuleIncomeEmployerUndeclaredCitesSource(t *testing.T) {
	in := base("2022-07-01")
	rows := monthly("s", "Side", "33333333", "2020-01-01", "2020-02-29")
	rows[1].Source = SourcePension
	in.Evidence.Income = rows
	fs := findingsOf(t, in, RuleIncomeEmployerUndeclared)
	if len(fs) != 1 || len(fs[0].Evidence) != 2 || fs[0].Evidence[1].Source != SourcePension {
		t.Fatalf("evidence = %+v", fs)
	}
}
