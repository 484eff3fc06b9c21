package rules

import (
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzEvaluateJSON feeds arbitrary JSON through the documented input
// format: whatever decodes must evaluate without panicking, to a result
// that carries the version and is the same on a second run.
func FuzzEvaluateJSON(f *testing.F) {
	for _, in := range []Input{passing(), realistic(), issueTarget(), {}} {
		b, err := json.Marshal(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"check_date":"29/02/24","package":{"categories":["cv","criminal_record"],"look_back_years":50},
		"declared":{"activities":[{"id":"a","kind":"education","period":{"from":"0001-01-01","to":"9999-12-31"}}],
		"residences":[{"id":"r","country":"us","period":{"from":"01/01/70"}}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var in Input
		if json.Unmarshal(b, &in) != nil {
			return
		}
		r := Evaluate(in)
		if r.RuleSetVersion != Version || len(r.Findings) == 0 && r.Recommendation != MeetsRequirements {
			t.Fatalf("result %+v", r)
		}
		if again := Evaluate(in); !reflect.DeepEqual(again, r) {
			t.Fatal("second evaluation differs")
		}
	})
}
