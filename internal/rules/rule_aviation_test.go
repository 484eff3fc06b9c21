package rules

import "testing"

func TestRuleGuestCardLimit(t *testing.T) {
	card := func(id, from, to string) GuestCard { return GuestCard{ID: id, Period: p(from, to)} }
	tests := []struct {
		name  string
		cards []GuestCard
		want  []string
	}{
		{"21 days in 12 months", []GuestCard{card("g1", "2022-01-01", "2022-01-10"), card("g2", "2022-06-01", "2022-06-11")}, nil},
		{"22 days in 12 months", []GuestCard{card("g1", "2022-01-01", "2022-01-10"), card("g2", "2022-06-01", "2022-06-12")},
			[]string{"action_required Days=22 From=2021-06-13 To=2022-06-12"}},
		{"one card of 22 days", []GuestCard{card("g1", "2022-01-01", "2022-01-22")}, []string{"action_required Days=22"}},
		{"more than 12 months apart", []GuestCard{card("g1", "2021-01-01", "2021-01-21"), card("g2", "2022-01-01", "2022-01-21")}, nil},
		{"exactly 12 months apart", []GuestCard{card("g1", "2021-01-21", "2021-01-21"), card("g2", "2022-01-01", "2022-01-21")}, nil},
		{"one day inside 12 months", []GuestCard{card("g1", "2021-01-22", "2021-01-22"), card("g2", "2022-01-01", "2022-01-21")},
			[]string{"action_required Days=22 From=2021-01-22 To=2022-01-21"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Evidence.GuestCards = tt.cards
			expect(t, findingsOf(t, in, RuleGuestCardLimitExceeded), tt.want...)
		})
	}
}

func TestRuleAirportCardValidity(t *testing.T) {
	tests := []struct {
		issued, expiry string
		want           []string
	}{
		{"2020-01-01", "2025-01-01", nil},
		{"2020-01-01", "2025-01-02", []string{"warning Item=a1 Issued=2020-01-01 Expiry=2025-01-02"}},
		{"2020-01-01", "2021-01-01", nil},
	}
	for _, tt := range tests {
		in := base("2022-07-01")
		in.Evidence.AirportCards = []AirportCard{{ID: "a1", Issued: d(tt.issued), Expiry: d(tt.expiry)}}
		expect(t, findingsOf(t, in, RuleAirportCardValidityTooLong), tt.want...)
	}
}

func TestRuleAirportCardHolderNotPassing(t *testing.T) {
	card := AirportCard{ID: "a1", Issued: d("2020-01-01"), Expiry: d("2024-12-31")}
	in := passing()
	in.Evidence.AirportCards = []AirportCard{card}
	expect(t, findingsOf(t, in, RuleAirportCardHolderNotPassing))

	in.Evidence.Documents = nil // no ID document: action required
	expect(t, findingsOf(t, in, RuleAirportCardHolderNotPassing), "action_required Item=a1 Expiry=2024-12-31")

	in.Evidence.CPR = &CPRRecord{Name: "Lars Nielsen", Status: CPRDeceased}
	expect(t, findingsOf(t, in, RuleAirportCardHolderNotPassing), "blocking Item=a1")

	in.Evidence.AirportCards[0].Expiry = d("2022-06-30")
	expect(t, findingsOf(t, in, RuleAirportCardHolderNotPassing))
}

func TestRulePoliceApplicationReady(t *testing.T) {
	in := passing()
	expect(t, findingsOf(t, in, RulePoliceApplicationReady), "info")

	in.Declared.Residences = []Residence{res("r1", "US", "2010-01-01", "")} // phase 2 matters only
	expect(t, findingsOf(t, in, RulePoliceApplicationReady), "info")

	in = passing()
	in.Evidence.Income = nil // the job is no longer verified
	expect(t, findingsOf(t, in, RulePoliceApplicationReady))

	in = passing()
	in.Package.PoliceVetting = false
	expect(t, findingsOf(t, in, RulePoliceApplicationReady))
}
