package rules

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func ruleIDs(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

// TestEvaluateWorkedExample runs a whole passing aviation check on the
// guidance's example date.
func TestEvaluateWorkedExample(t *testing.T) {
	r := Evaluate(passing())
	if r.RuleSetVersion != Version || Version == "" {
		t.Errorf("version %q", r.RuleSetVersion)
	}
	if r.Coverage != p("2017-07-01", "2022-06-30") || r.ValidUntil != d("2023-06-30") || r.NextRecheck != d("2023-07-01") {
		t.Errorf("coverage %v, valid until %v, next %v", r.Coverage, r.ValidUntil, r.NextRecheck)
	}
	want := []string{RuleCriminalRecordViaPolice, RulePoliceApplicationReady, RuleRecheckDue}
	if got := ruleIDs(r.Findings); !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
	if r.Recommendation != MeetsRequirements {
		t.Errorf("recommendation %s", r.Recommendation)
	}
}

func TestEvaluateInvalidInput(t *testing.T) {
	in := passing()
	in.Declared.Activities[0].Kind = "hobby"
	r := Evaluate(in)
	if len(r.Findings) != 1 || r.Recommendation != NeedsAttention || r.RuleSetVersion != Version {
		t.Fatalf("result %+v", r)
	}
	checkFinding(t, inputInvalidInfo, r.Findings[0])
	expect(t, r.Findings, "action_required Field=declared.activities[0].kind")
}

func TestValidate(t *testing.T) {
	tests := []struct {
		field string
		edit  func(in *Input)
	}{
		{"check_date", func(in *Input) { in.CheckDate = Date{} }},
		{"package.categories[5]", func(in *Input) { in.Package.Categories = append(in.Package.Categories, "health") }},
		{"package.look_back_years", func(in *Input) { in.Package.LookBackYears = -1 }},
		{"package.recurrence_months", func(in *Input) { in.Package.RecurrenceMonths = 121 }},
		{"declared.activities[0].id", func(in *Input) { in.Declared.Activities[0].ID = "" }},
		{"declared.residences[0].id", func(in *Input) { in.Declared.Residences[0].ID = "j1" }},
		{"declared.residences[0].country", func(in *Input) { in.Declared.Residences[0].Country = "Denmark" }},
		{"declared.citizenships[0]", func(in *Input) { in.Declared.Citizenships = []string{"D1"} }},
		{"evidence.income[0].source", func(in *Input) { in.Evidence.Income[0].Source = SourceCVR }},
		{"evidence.documents[0].kind", func(in *Input) { in.Evidence.Documents[0].Kind = "selfie" }},
		{"evidence.register_roles[0].confidence", func(in *Input) {
			in.Evidence.RegisterRoles = []RegisterRole{{ID: "x", Role: RoleOwner, Confidence: 1.5}}
		}},
		{"evidence.criminal_records[0].outcome", func(in *Input) {
			in.Evidence.CriminalRecords = []CriminalRecord{{ID: "x", Kind: RecordCriminal, Country: "DK", Outcome: "fine"}}
		}},
		{"evidence.cpr.status", func(in *Input) { in.Evidence.CPR.Status = "alive" }},
	}
	if err := passing().Validate(); err != nil {
		t.Fatalf("passing input invalid: %v", err)
	}
	for _, tt := range tests {
		in := passing()
		tt.edit(&in)
		err := in.Validate()
		ve, ok := err.(*ValidationError)
		if !ok || ve.Field != tt.field {
			t.Errorf("Validate() = %v, want an error on %s", err, tt.field)
		}
	}
}

func TestRecommendation(t *testing.T) {
	tests := []struct {
		sev  []Severity
		want Recommendation
	}{
		{nil, MeetsRequirements},
		{[]Severity{Info, Info}, MeetsRequirements},
		{[]Severity{Info, Warning}, NeedsAttention},
		{[]Severity{ActionRequired, Warning}, NeedsAttention},
		{[]Severity{Info, Blocking, ActionRequired}, DoesNotMeet},
	}
	for _, tt := range tests {
		var fs []Finding
		for _, s := range tt.sev {
			fs = append(fs, Finding{Severity: s})
		}
		if got := recommend(fs); got != tt.want {
			t.Errorf("recommend(%v) = %s, want %s", tt.sev, got, tt.want)
		}
	}
}

// TestEvaluateDeterministic: the same facts in any order give the same
// result, sorted most severe first.
func TestEvaluateDeterministic(t *testing.T) {
	want := Evaluate(realistic())
	if len(want.Findings) < 5 {
		t.Fatalf("realistic input gives only %v", ruleIDs(want.Findings))
	}
	for i := 1; i < len(want.Findings); i++ {
		if want.Findings[i].Severity > want.Findings[i-1].Severity {
			t.Fatalf("findings not sorted by severity: %v", ruleIDs(want.Findings))
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		in := realistic()
		shuffle(rng, in.Declared.Activities)
		shuffle(rng, in.Declared.Residences)
		shuffle(rng, in.Evidence.Income)
		shuffle(rng, in.Evidence.Documents)
		shuffle(rng, in.Evidence.EmployerContacts)
		shuffle(rng, in.Evidence.RegisterRoles)
		if got := Evaluate(in); !reflect.DeepEqual(got, want) {
			t.Fatalf("shuffled input changed the result:\n%s\nvs\n%s", describe(got.Findings), describe(want.Findings))
		}
	}
}

func shuffle[T any](rng *rand.Rand, xs []T) {
	rng.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
}

// TestEvaluateRealistic pins what the realistic case finds, as a check on
// how the rules work together.
func TestEvaluateRealistic(t *testing.T) {
	r := Evaluate(realistic())
	got := strings.Join(ruleIDs(r.Findings), " ")
	for _, want := range []string{RuleBusinessRoleUndisclosed, RuleEmployerContactIncomplete, RuleActivityUnverified,
		RuleGapUndocumented, RuleCriminalRecordViaPolice, RuleRecheckDue} {
		if !strings.Contains(got, want) {
			t.Errorf("realistic case lacks %s: %s", want, got)
		}
	}
	if strings.Contains(got, RuleCriminalRecordThirdCountry) || strings.Contains(got, RuleGapUnexplained) {
		t.Errorf("unexpected findings: %s", got)
	}
	if r.Recommendation != NeedsAttention {
		t.Errorf("recommendation %s", r.Recommendation)
	}
}

func TestInputJSON(t *testing.T) {
	src := `{
	  "check_date": "01/07/22",
	  "package": {"categories": ["cv"], "recurrence_months": 12},
	  "declared": {"activities": [{"id": "j1", "kind": "employment", "name": "Acme", "period": {"from": "01/07/17"}}]},
	  "evidence": {"documents": [{"id": "d1", "kind": "payslip", "for": "j1"}]}
	}`
	var in Input
	if err := json.Unmarshal([]byte(src), &in); err != nil {
		t.Fatal(err)
	}
	r := Evaluate(in)
	if r.Recommendation != MeetsRequirements {
		t.Fatalf("findings:\n%s", describe(r.Findings))
	}
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"severity":"info"`, `"next_recheck":"2023-07-01"`, `"valid_until":"2023-06-30"`,
		`"coverage":{"from":"2017-07-01","to":"2022-06-30"}`, `"rule_set_version":"` + Version + `"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("result JSON lacks %s: %s", want, out)
		}
	}
	var back Result
	if err := json.Unmarshal(out, &back); err != nil || !reflect.DeepEqual(back, r) {
		t.Errorf("result does not survive JSON: %v", err)
	}
}

func TestRulesList(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] || r.ID == "" || strings.ToLower(r.ID) != r.ID {
			t.Errorf("rule id %q duplicate or malformed", r.ID)
		}
		seen[r.ID] = true
	}
	if len(seen) != len(ruleSet)+1 {
		t.Errorf("Rules() has %d ids, rule set %d", len(seen), len(ruleSet))
	}
}
