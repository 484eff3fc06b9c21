package rules

import "testing"

func creditCheck(trusted bool, position string, credit *CreditResult) Input {
	in := base("2022-07-01")
	in.Package = PackageRules{Categories: []Category{CategoryIDDocument, CategoryCredit},
		TrustedPosition: trusted, Position: position}
	in.Evidence.Credit = credit
	return in
}

func TestRuleCreditOnlyForTrustedPositions(t *testing.T) {
	expect(t, findingsOf(t, creditCheck(false, "Bogholder", nil), RuleCreditCheckNotJustified), "action_required")
	expect(t, findingsOf(t, creditCheck(true, "Bogholder", nil), RuleCreditCheckNotJustified))
	in := base("2022-07-01") // a credit result without the category: no basis either
	in.Evidence.Credit = &CreditResult{ID: "cr1", Date: d("2022-06-01")}
	fs := findingsOf(t, in, RuleCreditCheckNotJustified)
	expect(t, fs, "action_required")
	if len(fs[0].Evidence) != 2 || fs[0].Evidence[1] != ref(SourceCredit, "cr1") {
		t.Errorf("evidence = %+v", fs[0].Evidence)
	}
	expect(t, findingsOf(t, base("2022-07-01"), RuleCreditCheckNotJustified))
}

func TestRuleCreditPositionDoubtful(t *testing.T) {
	tests := []struct {
		position string
		want     []string
	}{
		{"Bogholder", nil},
		{"Butikschef", nil},
		{"Butiksassistent", []string{"warning Position=Butiksassistent"}},
		{"Senior Sales Assistant", []string{"warning"}},
		{"Servicemedarbejder, aften", []string{"warning"}},
		{"Salgsassistentchef", nil}, // whole words only
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.position, func(t *testing.T) {
			expect(t, findingsOf(t, creditCheck(true, tt.position, nil), RuleCreditPositionDoubtful), tt.want...)
		})
	}
	expect(t, findingsOf(t, creditCheck(false, "Butiksassistent", nil), RuleCreditPositionDoubtful))
}

func TestRuleCreditRemarks(t *testing.T) {
	remarks := &CreditResult{ID: "cr1", Date: d("2022-06-15"), HasRemarks: true}
	expect(t, findingsOf(t, creditCheck(true, "Bogholder", remarks), RuleCreditRemarks), "warning Date=2022-06-15")
	expect(t, findingsOf(t, creditCheck(false, "Bogholder", remarks), RuleCreditRemarks)) // must not be used
	expect(t, findingsOf(t, creditCheck(true, "Bogholder", &CreditResult{ID: "cr1", Date: d("2022-06-15")}), RuleCreditRemarks))
}
