package rules

import "testing"

func permit(id string, kind PermitKind, expiry string, cats ...string) Permit {
	x := Permit{ID: id, Kind: kind, Categories: cats}
	if expiry != "" {
		x.Expiry = d(expiry)
	}
	return x
}

func TestRulePermitExpired(t *testing.T) {
	tests := []struct {
		name    string
		permits []Permit
		want    []string
	}{
		{"expired the day before", []Permit{permit("p1", PermitResidence, "2022-06-30")},
			[]string{"action_required Item=p1 Expiry=2022-06-30"}},
		{"expires on the check date", []Permit{permit("p1", PermitResidence, "2022-07-01")}, nil},
		{"old permit replaced by a new one", []Permit{permit("p1", PermitResidence, "2021-01-01"),
			permit("p2", PermitResidence, "2026-01-01")}, nil},
		{"residence and work permit both expired", []Permit{permit("p1", PermitResidence, "2021-01-01"),
			permit("p2", PermitWork, "2021-02-01")}, []string{"action_required Item=p1", "action_required Item=p2"}},
		{"driving licences are another rule", []Permit{permit("p1", PermitDrivingLicence, "2021-01-01")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Evidence.Permits = tt.permits
			expect(t, findingsOf(t, in, RulePermitExpired), tt.want...)
		})
	}
}

func TestRulePermitExpiring(t *testing.T) {
	tests := []struct {
		name   string
		expiry string
		warn   int
		want   []string
	}{
		{"on the check date", "2022-07-01", 0, []string{"warning Days=0 Expiry=2022-07-01"}},
		{"in 90 days", "2022-09-29", 0, []string{"warning Days=90"}},
		{"in 91 days", "2022-09-30", 0, nil},
		{"within a 180-day warning period", "2022-12-01", 180, []string{"warning Days=153"}},
		{"already expired", "2022-06-30", 0, nil},
		{"never expires", "", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Package.ExpiryWarningDays = tt.warn
			in.Evidence.Permits = []Permit{permit("p1", PermitWork, tt.expiry)}
			expect(t, findingsOf(t, in, RulePermitExpiring), tt.want...)
		})
	}
}

func driver(check string, permits ...Permit) Input {
	in := base(check)
	in.Package = PackageRules{Categories: []Category{CategoryIDDocument, CategoryDrivingLicence},
		RecurrenceMonths: 12, RequiredLicenceCategories: []string{"C", "ce"}}
	in.Evidence.Permits = permits
	return in
}

func TestRuleDrivingLicenceMissing(t *testing.T) {
	expect(t, findingsOf(t, driver("2022-07-01"), RuleDrivingLicenceMissing), "action_required")
	expect(t, findingsOf(t, driver("2022-07-01", permit("p1", PermitDrivingLicence, "2020-01-01")), RuleDrivingLicenceMissing))
	expect(t, findingsOf(t, driver("2022-07-01", permit("p1", PermitWork, "")), RuleDrivingLicenceMissing), "action_required")
	expect(t, findingsOf(t, base("2022-07-01"), RuleDrivingLicenceMissing))
}

func TestRuleDrivingLicenceExpired(t *testing.T) {
	expect(t, findingsOf(t, driver("2022-07-01", permit("p1", PermitDrivingLicence, "2022-06-30", "B")), RuleDrivingLicenceExpired),
		"action_required Item=p1 Expiry=2022-06-30 Categories=B")
	// A renewed licence replaces the old one category by category.
	expect(t, findingsOf(t, driver("2022-07-01", permit("p1", PermitDrivingLicence, "2022-06-30", "B"),
		permit("p2", PermitDrivingLicence, "2037-06-30", "B")), RuleDrivingLicenceExpired))
	// C lapsed although the card (B) runs for years.
	expect(t, findingsOf(t, driver("2022-07-01", permit("p1", PermitDrivingLicence, "2037-06-30", "B"),
		permit("p2", PermitDrivingLicence, "2022-05-31", "C", "ce")), RuleDrivingLicenceExpired),
		"action_required Item=p2 Expiry=2022-05-31 Categories=C,CE")
	// Renewing only C leaves CE expired.
	expect(t, findingsOf(t, driver("2022-07-01", permit("p1", PermitDrivingLicence, "2022-05-31", "C", "CE"),
		permit("p2", PermitDrivingLicence, "2027-05-31", "C")), RuleDrivingLicenceExpired),
		"action_required Item=p1 Expiry=2022-05-31 Categories=CE")
	expect(t, findingsOf(t, driver("2022-07-01", permit("p1", PermitDrivingLicence, "2022-05-31")), RuleDrivingLicenceExpired),
		"action_required Item=p1 Expiry=2022-05-31 Categories=")
}

func TestRuleDrivingLicenceExpiring(t *testing.T) {
	expect(t, findingsOf(t, driver("2022-07-01", permit("p1", PermitDrivingLicence, "2022-08-01", "B")), RuleDrivingLicenceExpiring),
		"warning Item=p1 Expiry=2022-08-01 Days=31 Categories=B")
	expect(t, findingsOf(t, driver("2022-07-01", permit("p1", PermitDrivingLicence, "2032-08-01", "B")), RuleDrivingLicenceExpiring))
	// The early-expiring category is warned about on its own.
	expect(t, findingsOf(t, driver("2022-07-01", permit("p1", PermitDrivingLicence, "2032-08-01", "B"),
		permit("p2", PermitDrivingLicence, "2022-08-30", "C", "CE")), RuleDrivingLicenceExpiring),
		"warning Item=p2 Expiry=2022-08-30 Days=60 Categories=C,CE")
}

func TestRuleLicenceCategoryMissing(t *testing.T) {
	tests := []struct {
		name    string
		permits []Permit
		want    []string
	}{
		{"has C and CE", []Permit{permit("p1", PermitDrivingLicence, "2030-01-01", "B", "C", "CE")}, nil},
		{"lower-case categories", []Permit{permit("p1", PermitDrivingLicence, "2030-01-01", "c", " ce ")}, nil},
		{"only B", []Permit{permit("p1", PermitDrivingLicence, "2030-01-01", "B")}, []string{"action_required Categories=C,CE"}},
		{"CE only on an expired licence", []Permit{permit("p1", PermitDrivingLicence, "2030-01-01", "B", "C"),
			permit("p2", PermitDrivingLicence, "2020-01-01", "CE")}, []string{"action_required Categories=CE"}},
		{"no licence at all", nil, []string{"action_required Categories=C,CE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, findingsOf(t, driver("2022-07-01", tt.permits...), RuleLicenceCategoryMissing), tt.want...)
		})
	}
}
