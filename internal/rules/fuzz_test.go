package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
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

// FuzzDecodeInput feeds arbitrary bytes to the strict decoder. It must
// never panic; a refusal must be a ValidationError naming a field; and
// what it accepts must evaluate deterministically without input_invalid
// (Validate already passed) and survive a round trip through JSON.
func FuzzDecodeInput(f *testing.F) {
	for _, in := range []Input{passing(), realistic(), issueTarget()} {
		b, err := json.Marshal(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	golden, err := filepath.Glob(filepath.Join(goldenDir, "*.input.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range golden {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{``, `{}`, `[]`, `null`, `{"check_date":"29/02/24"} {}`, `{"check_date":"2022-07-01","check_date":""}`,
		`{"check_date":"2022-07-01","package":{"look_back_years":1e400}}`, "\ufeff{\"check_date\":\"2022-07-01\"}",
		`{"":0}`, `{"check_date":"0001-01-01","previous_check":"0001-01-01","declared":{"activities":[]}}`, `{"check_date":"2022-07-01","evidence":{"register_roles":[{"id":"x","role":"owner","confidence":-0}]}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		in, err := DecodeInput(bytes.NewReader(b))
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Field == "" || ve.Problem == "" {
				t.Fatalf("refusal %v is not a ValidationError naming a field", err)
			}
			return
		}
		r := Evaluate(in)
		for _, f := range r.Findings {
			if f.Rule == RuleInputInvalid {
				t.Fatalf("accepted input evaluates to %+v", f)
			}
		}
		if again := Evaluate(in); !reflect.DeepEqual(again, r) {
			t.Fatal("second evaluation differs")
		}
		out, err := json.Marshal(in)
		if err != nil {
			t.Fatalf("accepted input does not encode: %v", err)
		}
		// Compared as JSON: an empty list and an absent one are the
		// same input, and encoding leaves both out.
		back, err := DecodeInput(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("the encoding of an accepted input is refused: %v\n%s", err, out)
		}
		if again, _ := json.Marshal(back); !bytes.Equal(again, out) {
			t.Fatalf("round trip changes the input:\n%s\n%s", out, again)
		}
	})
}
