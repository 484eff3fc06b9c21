package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

func TestDecodeInputAcceptsWhatTheEngineWrites(t *testing.T) {
	for name, in := range map[string]Input{"passing": passing(), "realistic": realistic(), "issue target": issueTarget()} {
		t.Run(name, func(t *testing.T) {
			b, err := json.Marshal(in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := DecodeInput(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("DecodeInput: %v", err)
			}
			if !reflect.DeepEqual(got, in) {
				t.Errorf("decoded input differs from the one encoded:\n got %+v\nwant %+v", got, in)
			}
		})
	}
}

// TestDecodeInputLenientWhereHarmless: the date forms ParseDate reads, a
// byte-order mark, null for lists and optional objects and surrounding
// white space are all accepted, since none of them can lose data.
func TestDecodeInputLenientWhereHarmless(t *testing.T) {
	src := "\ufeff\n  " + `{"check_date": "01/07/22", "package": {"categories": ["cv"], "recurrence_months": 12},
	  "declared": {"activities": [{"id": "j1", "kind": "employment", "name": "Acme", "period": {"from": "1/7/2017", "to": ""}}],
	    "residences": null},
	  "evidence": {"cpr": null, "documents": [{"id": "d1", "kind": "payslip", "for": "j1"}]}}` + "\n\t\n"
	in, err := DecodeInput(strings.NewReader(src))
	if err != nil {
		t.Fatalf("DecodeInput: %v", err)
	}
	if in.CheckDate != d("2022-07-01") || in.Declared.Activities[0].Period != p("2017-07-01", "") ||
		in.Evidence.CPR != nil || in.Package.RecurrenceMonths != 12 {
		t.Errorf("decoded %+v", in)
	}
}

func TestDecodeInputNamesTheWrongField(t *testing.T) {
	// valid builds a minimal valid input with one member replaced:
	// section is "package", "declared" or "evidence" and member its JSON.
	valid := func(section, member string) string {
		parts := map[string]string{"package": `"categories":["cv"]`, "declared": ``, "evidence": ``}
		parts[section] = member
		return `{"check_date":"2022-07-01","package":{` + parts["package"] + `},"declared":{` + parts["declared"] +
			`},"evidence":{` + parts["evidence"] + `}}`
	}
	job := func(i int, period string) string {
		return `{"id":"j` + string(rune('0'+i)) + `","kind":"employment","name":"Acme","period":` + period + `}`
	}
	tests := []struct {
		name, src, field, problem string
	}{
		{"empty input", ``, DocumentField, "is empty"},
		{"only white space", " \n ", DocumentField, "is empty"},
		{"not an object", `[]`, DocumentField, "must be an object, got an array"},
		{"a string", `"2022-07-01"`, DocumentField, "must be an object, got a string"},
		{"second object after the first", `{"check_date":"2022-07-01"}` + "\n{}", DocumentField,
			"unexpected data after the JSON object at line 2, column 1"},
		{"garbage after the object", `{"check_date":"2022-07-01"} x`, DocumentField, "line 1, column 29"},
		{"unknown top-level field", `{"check_date":"2022-07-01","checkdate":"2022-07-01"}`, "checkdate",
			"unknown field (known: check_date, previous_check, package, declared, evidence)"},
		{"empty key", `{"check_date":"2022-07-01","":1}`, `[""]`, "unknown field"},
		{"key with a space", valid("package", `"look back":5`), `package["look back"]`, "unknown field"},
		{"key in other case", `{"Check_Date":"2022-07-01"}`, "Check_Date", "unknown field"},
		{"unknown nested field", valid("declared", `"activities":[{"id":"j1","kind":"employment","perod":{}}]`),
			"declared.activities[0].perod", "unknown field (known: id, kind, period, name, cvr, country)"},
		{"duplicate key", `{"check_date":"2022-07-01","check_date":"2022-07-02"}`, "check_date", "is given twice"},
		{"duplicate nested key", valid("declared", `"activities":[`+job(0, `{"from":"2020-01-01","from":"2020-02-01"}`)+`]`),
			"declared.activities[0].period.from", "is given twice"},
		{"month 13 in the third entry", valid("declared", `"activities":[`+job(0, `{"from":"2017-01-01"}`)+`,`+
			job(1, `{"from":"2019-01-01"}`)+`,`+job(2, `{"from":"2021-13-01"}`)+`]`),
			"declared.activities[2].period.from", `"2021-13-01" is not a date (YYYY-MM-DD)`},
		{"30 February", valid("declared", `"activities":[`+job(0, `{"from":"2017-01-01","to":"30/02/22"}`)+`]`),
			"declared.activities[0].period.to", `"30/02/22" is not a date`},
		{"29 February of a common year", `{"check_date":"2023-02-29"}`, "check_date", `"2023-02-29" is not a date`},
		{"date as a number", `{"check_date":20220701}`, "check_date", "must be a date string (YYYY-MM-DD), got the number 20220701"},
		{"date as null", `{"check_date":null}`, "check_date", "must be a date string (YYYY-MM-DD), got null"},
		{"missing check date", `{"package":{"categories":["cv"]}}`, "check_date", "is required"},
		{"integer as a string", valid("package", `"look_back_years":"5"`), "package.look_back_years", "must be a whole number, got a string"},
		{"fraction for an integer", valid("package", `"look_back_years":5.5`), "package.look_back_years", "must be a whole number, got 5.5"},
		{"exponent for an integer", valid("package", `"recurrence_months":1e2`), "package.recurrence_months", "must be a whole number, got 1e2"},
		{"integer overflow", valid("package", `"recurrence_months":99999999999999999999`), "package.recurrence_months", "number 99999999999999999999 is out of range"},
		{"float overflow", valid("evidence", `"register_roles":[{"id":"x","role":"owner","confidence":1e400}]`),
			"evidence.register_roles[0].confidence", "number 1e400 is out of range"},
		{"integer out of the allowed range", valid("package", `"recurrence_months":121`), "package.recurrence_months", "between 0 and 120"},
		{"string for a flag", valid("package", `"police_vetting":"yes"`), "package.police_vetting", "must be true or false, got a string"},
		{"string for a list", valid("package", `"categories":"cv"`), "package.categories", "must be an array, got a string"},
		{"null in a list of strings", valid("package", `"categories":["cv",null]`), "package.categories[1]", "must be a string, got null"},
		{"unknown category", valid("package", `"categories":["cv","health"]`), "package.categories[1]", `unknown value "health"`},
		{"unknown activity kind", valid("declared", `"activities":[{"id":"j1","kind":"hobby","period":{"from":"2020-01-01"}}]`),
			"declared.activities[0].kind", `unknown value "hobby"`},
		{"unknown gap reason", valid("declared", `"gap_explanations":[{"id":"g1","reason":"holiday","period":{"from":"2020-01-01"}}]`),
			"declared.gap_explanations[0].reason", `unknown value "holiday"`},
		{"country name instead of code", valid("declared", `"residences":[{"id":"r1","country":"Denmark","period":{"from":"2020-01-01"}}]`),
			"declared.residences[0].country", "ISO 3166-1 alpha-2"},
		{"unknown declared role", valid("declared", `"business_roles":[{"id":"b1","company":"X","role":"ceo"}]`),
			"declared.business_roles[0].role", `unknown value "ceo"`},
		{"unknown income source", valid("evidence", `"income":[{"id":"i1","source":"cvr","employer_name":"X","period":{"from":"2020-01-01"}}]`),
			"evidence.income[0].source", `unknown value "cvr"`},
		{"unknown document kind", valid("evidence", `"documents":[{"id":"d1","kind":"selfie"}]`),
			"evidence.documents[0].kind", `unknown value "selfie"`},
		{"unknown register role", valid("evidence", `"register_roles":[{"id":"x","company":"X","role":"ceo","period":{"from":"2020-01-01"},"confidence":0.9}]`),
			"evidence.register_roles[0].role", `unknown value "ceo"`},
		{"confidence as a word", valid("evidence", `"register_roles":[{"id":"x","company":"X","role":"owner","confidence":"high"}]`),
			"evidence.register_roles[0].confidence", "must be a number, got a string"},
		{"confidence above 1", valid("evidence", `"register_roles":[{"id":"x","company":"X","role":"owner","confidence":1.5}]`),
			"evidence.register_roles[0].confidence", "between 0 and 1"},
		{"unknown CPR status", valid("evidence", `"cpr":{"name":"X","status":"alive"}`), "evidence.cpr.status", `unknown value "alive"`},
		{"unknown permit kind", valid("evidence", `"permits":[{"id":"p1","kind":"visa"}]`), "evidence.permits[0].kind", `unknown value "visa"`},
		{"unknown record kind", valid("evidence", `"criminal_records":[{"id":"c1","kind":"police","country":"DK","outcome":"clean"}]`),
			"evidence.criminal_records[0].kind", `unknown value "police"`},
		{"unknown record outcome", valid("evidence", `"criminal_records":[{"id":"c1","kind":"criminal","country":"DK","outcome":"fine"}]`),
			"evidence.criminal_records[0].outcome", `unknown value "fine"`},
		{"the same id twice", valid("declared", `"activities":[`+job(1, `{"from":"2020-01-01"}`)+`],`+
			`"residences":[{"id":"j1","country":"DK","period":{"from":"2020-01-01"}}]`),
			"declared.residences[0].id", `"j1" is already used by declared.activities[0]`},
		{"missing id", valid("evidence", `"guest_cards":[{"period":{"from":"2022-01-01"}}]`), "evidence.guest_cards[0].id", "is required"},
		{"trailing comma", valid("declared", `"activities":[{"id":"j1",}]`), "declared.activities[0]", "invalid JSON at line 1, column"},
		{"missing colon", `{"check_date" "2022-07-01"}`, "check_date", "invalid JSON at line 1, column 15"},
		{"not JSON at all", "check_date: 2022-07-01", DocumentField, "invalid JSON at line 1, column 1: invalid character 'c'"},
		{"bad escape on line 3", "{\n\"check_date\": \"2022-07-01\",\n  \"declared\": {\"name\": \"a\\x\"}}", "declared.name", "invalid JSON at line 3, column 24"},
		{"cut off", "{\n\"declared\": {\"activities\": [", "declared.activities", "invalid JSON at line 2, column 29: the input ends in the middle of a value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := DecodeInput(strings.NewReader(tt.src))
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("DecodeInput(%s) = %v, want a *ValidationError", tt.src, err)
			}
			if ve.Field != tt.field || !strings.Contains(ve.Problem, tt.problem) {
				t.Errorf("DecodeInput(%s):\n got %s: %s\nwant %s: …%s…", tt.src, ve.Field, ve.Problem, tt.field, tt.problem)
			}
			if !reflect.DeepEqual(in, Input{}) {
				t.Errorf("a refused input came back with data: %+v", in)
			}
		})
	}
}

func TestDecodeInputSizeLimit(t *testing.T) {
	doc := `{"check_date":"2022-07-01","package":{"categories":["cv"]}}`
	atLimit := doc + strings.Repeat(" ", MaxInputBytes-len(doc))
	if _, err := DecodeInput(strings.NewReader(atLimit)); err != nil {
		t.Fatalf("input of exactly MaxInputBytes refused: %v", err)
	}
	_, err := DecodeInput(strings.NewReader(atLimit + " "))
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != DocumentField || !strings.Contains(ve.Problem, "larger than 4 MiB") {
		t.Fatalf("input one byte over the limit: %v", err)
	}
}

func TestDecodeInputReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := DecodeInput(iotest.ErrReader(boom))
	var ve *ValidationError
	if !errors.Is(err, boom) || errors.As(err, &ve) {
		t.Fatalf("read error reported as %v", err)
	}
}

func TestDecodeInputListLimits(t *testing.T) {
	list := func(n int, item func(i int) string) string {
		items := make([]string, n)
		for i := range items {
			items[i] = item(i)
		}
		return "[" + strings.Join(items, ",") + "]"
	}
	activities := func(n int) string {
		return `{"check_date":"2022-07-01","declared":{"activities":` + list(n, func(i int) string {
			return fmt.Sprintf(`{"id":"a%d","kind":"employment","period":{"from":"2020-01-01"}}`, i)
		}) + `}}`
	}
	income := func(n int) string {
		return `{"check_date":"2022-07-01","evidence":{"income":` + list(n, func(i int) string {
			return fmt.Sprintf(`{"id":"i%d","source":"pension","period":{"from":"2020-01-01"}}`, i)
		}) + `}}`
	}
	for _, tc := range []struct {
		name, src, field string
	}{
		{"declared list at the limit", activities(MaxDeclaredItems), ""},
		{"declared list over the limit", activities(MaxDeclaredItems + 1), "declared.activities"},
		{"evidence list at the limit", income(MaxListItems), ""},
		{"evidence list over the limit", income(MaxListItems + 1), "evidence.income"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeInput(strings.NewReader(tc.src))
			var ve *ValidationError
			switch {
			case tc.field == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.field != "" && (!errors.As(err, &ve) || ve.Field != tc.field || !strings.Contains(ve.Problem, "more than")):
				t.Fatalf("DecodeInput = %v, want a refusal of %s", err, tc.field)
			}
		})
	}
}
