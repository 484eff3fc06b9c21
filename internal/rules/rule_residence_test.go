package rules

import "testing"

func record(id, country string, outcome Outcome, issued string) CriminalRecord {
	r := CriminalRecord{ID: id, Kind: RecordCriminal, Country: country, Outcome: outcome}
	if issued != "" {
		r.Issued = d(issued)
	}
	return r
}

func TestRuleResidenceCountriesNeedCriminalRecord(t *testing.T) {
	dkBefore := func(to string) Residence { return res("r0", "DK", "2000-01-01", to) }
	tests := []struct {
		name    string
		res     []Residence
		records []CriminalRecord
		police  bool
		rule    string
		want    []string
	}{
		{"Denmark only: the police check it", []Residence{dkBefore("")}, nil, true,
			RuleCriminalRecordViaPolice, []string{"info Country=DK From=2000-01-01 To=2022-06-30"}},
		{"exactly six months in Sweden", []Residence{dkBefore("2017-12-31"), res("r1", "SE", "2018-01-01", "2018-06-30"),
			res("r2", "DK", "2018-07-01", "")}, nil, true,
			RuleCriminalRecordViaPolice, []string{"info Country=DK", "info Country=SE From=2018-01-01 To=2018-06-30"}},
		{"six months minus a day in Sweden", []Residence{dkBefore("2018-01-01"), res("r1", "SE", "2018-01-02", "2018-06-30"),
			res("r2", "DK", "2018-07-01", "")}, nil, true,
			RuleCriminalRecordViaPolice, []string{"info Country=DK"}},
		{"United States: the subject must supply", []Residence{dkBefore("2017-12-31"), res("r1", "US", "2018-01-01", "2019-12-31"),
			res("r2", "DK", "2020-01-01", "")}, nil, true,
			RuleCriminalRecordThirdCountry, []string{"action_required Country=US From=2018-01-01 To=2019-12-31"}},
		{"United Kingdom is a third country", []Residence{res("r1", "UK", "2015-01-01", "")}, nil, true,
			RuleCriminalRecordThirdCountry, []string{"action_required Country=GB"}},
		{"US record supplied", []Residence{res("r1", "US", "2015-01-01", "")},
			[]CriminalRecord{record("c1", "US", OutcomeClean, "2022-06-01")}, true, RuleCriminalRecordThirdCountry, nil},
		{"US record unobtainable", []Residence{res("r1", "US", "2015-01-01", "")},
			[]CriminalRecord{record("c1", "US", OutcomeUnobtainable, "")}, true,
			RuleCriminalRecordUnobtainable, []string{"blocking Country=US"}},
		{"unobtainable is no longer a third-country request", []Residence{res("r1", "US", "2015-01-01", "")},
			[]CriminalRecord{record("c1", "US", OutcomeUnobtainable, "")}, true, RuleCriminalRecordThirdCountry, nil},
		{"company-ordered record: Danish one missing", []Residence{dkBefore("")}, nil, false,
			RuleCriminalRecordMissing, []string{"action_required Country=DK"}},
		{"company-ordered record: Danish one present", []Residence{dkBefore("")},
			[]CriminalRecord{record("c1", "DK", OutcomeClean, "2022-06-01")}, false, RuleCriminalRecordMissing, nil},
		{"company-ordered record: no police route", []Residence{dkBefore("")}, nil, false, RuleCriminalRecordViaPolice, nil},
		{"back-to-back periods in one country are one stay", []Residence{dkBefore("2017-12-31"),
			res("r1", "US", "2018-01-01", "2018-03-31"), res("r2", "US", "2018-04-01", "2018-06-30"), res("r3", "DK", "2018-07-01", "")},
			nil, true, RuleCriminalRecordThirdCountry, []string{"action_required Country=US From=2018-01-01 To=2018-06-30"}},
		{"an interruption splits the stay", []Residence{dkBefore("2017-12-31"), res("r1", "US", "2018-01-01", "2018-03-31"),
			res("r2", "DK", "2018-04-01", "2018-04-30"), res("r3", "US", "2018-05-01", "2018-08-31"), res("r4", "DK", "2018-09-01", "")},
			nil, true, RuleCriminalRecordThirdCountry, nil},
		{"long stay ending just inside the window", []Residence{res("r1", "US", "2015-01-01", "2017-08-31"), res("r2", "DK", "2017-09-01", "")},
			nil, true, RuleCriminalRecordThirdCountry, []string{"action_required Country=US From=2015-01-01 To=2017-08-31"}},
		{"stay ended before the window", []Residence{res("r1", "US", "2010-01-01", "2017-06-30"), res("r2", "DK", "2017-07-01", "")},
			nil, true, RuleCriminalRecordThirdCountry, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Package.PoliceVetting = tt.police
			in.Declared.Residences = tt.res
			in.Evidence.CriminalRecords = tt.records
			expect(t, findingsOf(t, in, tt.rule), tt.want...)
		})
	}
	in := base("2022-07-01")
	in.Package.Categories = []Category{CategoryCV}
	in.Declared.Residences = []Residence{res("r1", "US", "2015-01-01", "")}
	expect(t, findingsOf(t, in, RuleCriminalRecordThirdCountry))
}

func TestRuleResidenceHistoryIncomplete(t *testing.T) {
	tests := []struct {
		name string
		res  []Residence
		want []string
	}{
		{"whole window", []Residence{res("r1", "DK", "1990-01-01", "")}, nil},
		{"starts 28 days late", []Residence{res("r1", "DK", "2017-07-29", "")}, nil},
		{"starts 29 days late", []Residence{res("r1", "DK", "2017-07-30", "")},
			[]string{"action_required From=2017-07-01 To=2017-07-29 Days=29"}},
		{"nothing declared", nil, []string{"action_required From=2017-07-01 To=2022-06-30 Days=1826"}},
		{"hole in the middle", []Residence{res("r1", "DK", "1990-01-01", "2019-12-31"), res("r2", "SE", "2020-03-01", "")},
			[]string{"action_required From=2020-01-01 To=2020-02-29 Days=60"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Declared.Residences = tt.res
			expect(t, findingsOf(t, in, RuleResidenceHistoryIncomplete), tt.want...)
		})
	}
}

func TestRuleCriminalRecordHasEntries(t *testing.T) {
	in := base("2022-07-01")
	in.Package.Categories = append(in.Package.Categories, CategoryChildCert)
	in.Evidence.CriminalRecords = []CriminalRecord{record("c1", "DK", OutcomeClean, "2022-06-01"),
		record("c2", "us", OutcomeHasEntries, "2022-06-01"),
		{ID: "c3", Kind: RecordChild, Country: "DK", Outcome: OutcomeHasEntries, Issued: d("2022-06-01")}}
	fs := findingsOf(t, in, RuleCriminalRecordHasEntries)
	expect(t, fs, "warning Country=DK", "warning Country=US")
	if fs[0].Category != CategoryChildCert || fs[1].Category != CategoryCriminalRecord {
		t.Errorf("categories %s, %s", fs[0].Category, fs[1].Category)
	}
}

func TestRuleCriminalRecordOutdated(t *testing.T) {
	tests := []struct {
		name, issued string
		maxAge       int
		want         []string
	}{
		{"90 days old", "2022-04-02", 0, nil},
		{"91 days old", "2022-04-01", 0, []string{"warning Country=DK Issued=2022-04-01 MaxAgeDays=90"}},
		{"package accepts 180 days", "2022-04-01", 180, nil},
		{"no issue date recorded", "", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Package.CertificateMaxAgeDays = tt.maxAge
			in.Evidence.CriminalRecords = []CriminalRecord{record("c1", "DK", OutcomeClean, tt.issued)}
			expect(t, findingsOf(t, in, RuleCriminalRecordOutdated), tt.want...)
		})
	}
}

func TestRuleChildCertificateMissing(t *testing.T) {
	in := base("2022-07-01")
	in.Package.Categories = []Category{CategoryIDDocument, CategoryChildCert}
	expect(t, findingsOf(t, in, RuleChildCertificateMissing), "action_required")
	in.Evidence.CriminalRecords = []CriminalRecord{record("c1", "DK", OutcomeClean, "2022-06-01")}
	expect(t, findingsOf(t, in, RuleChildCertificateMissing), "action_required")
	in.Evidence.CriminalRecords = append(in.Evidence.CriminalRecords,
		CriminalRecord{ID: "c2", Kind: RecordChild, Country: "DK", Outcome: OutcomeClean})
	expect(t, findingsOf(t, in, RuleChildCertificateMissing))
}

func TestRuleForeignResidentYearly(t *testing.T) {
	tests := []struct {
		name   string
		res    []Residence
		police bool
		want   []string
	}{
		{"lives in Sweden", []Residence{res("r1", "SE", "2010-01-01", "")}, true,
			[]string{"info Country=SE NextRecheck=2023-07-01 ApplyBy=2023-05-06"}},
		{"lives in Denmark", []Residence{res("r1", "DK", "2010-01-01", "")}, true, nil},
		{"moved to Denmark", []Residence{res("r1", "SE", "2010-01-01", "2021-12-31"), res("r2", "DK", "2022-01-01", "")}, true, nil},
		{"Danish and foreign address at once", []Residence{res("r1", "SE", "2010-01-01", ""), res("r2", "DK", "2015-01-01", "")}, true, nil},
		{"no police phase in the package", []Residence{res("r1", "SE", "2010-01-01", "")}, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Package.PoliceVetting = tt.police
			in.Declared.Residences = tt.res
			expect(t, findingsOf(t, in, RuleForeignResidentYearly), tt.want...)
		})
	}
}
