package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/rules"
)

// goldenDir holds the rules engine's golden scenarios, which are case files
// in exactly the format analyze reads.
const goldenDir = "../../internal/rules/testdata/golden"

// evaluateFile is what analyze must reproduce: the engine run on the file.
func evaluateFile(t *testing.T, path string) rules.Result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := rules.DecodeInput(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rules.Evaluate(in)
}

// decodeOutput reads analyze's output back, strictly, into the output type
// and into the engine's Result, which has the same field names.
func decodeOutput(t *testing.T, stdout string) (analyzeOutput, rules.Result) {
	t.Helper()
	var out analyzeOutput
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("output is not the documented JSON: %v\n%s", err, stdout)
	}
	var res rules.Result
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	// The output always lists evidence and params; the engine leaves
	// empty ones out.
	for i := range res.Findings {
		if len(res.Findings[i].Evidence) == 0 {
			res.Findings[i].Evidence = nil
		}
		if len(res.Findings[i].Params) == 0 {
			res.Findings[i].Params = nil
		}
	}
	return out, res
}

// TestAnalyzeReproducesEvaluate runs every golden case file through the
// command: the JSON must be the engine's result, with each finding's title
// and help rendered from the catalogue with its params.
func TestAnalyzeReproducesEvaluate(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join(goldenDir, "*.input.json"))
	if err != nil || len(inputs) < 40 {
		t.Fatalf("golden case files: %d, %v", len(inputs), err)
	}
	cat, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	analysed := 0
	for _, path := range inputs {
		if _, err := rules.DecodeInput(mustOpen(t, path)); err != nil {
			continue // the refused files are TestAnalyzeRefusesInvalidFiles' business
		}
		analysed++
		t.Run(filepath.Base(path), func(t *testing.T) {
			want := evaluateFile(t, path)
			r := mustRun(t, nil, "analyze", "--lang", "en", path)
			if r.stderr != "" {
				t.Errorf("stderr: %s", r.stderr)
			}
			out, got := decodeOutput(t, r.stdout)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("output differs from Evaluate:\n got %+v\nwant %+v", got, want)
			}
			if want.NextRecheck.IsZero() != (out.NextRecheck == nil) || want.NextRecheck.IsZero() != (out.ValidUntil == nil) {
				t.Errorf("next_recheck %v, valid_until %v for a result with next re-check %q", out.NextRecheck, out.ValidUntil, want.NextRecheck)
			}
			for i, f := range out.Findings {
				data := map[string]any{}
				for k, v := range want.Findings[i].Params {
					data[k] = v
				}
				wantTitle, wantHelp := cat.T("en", want.Findings[i].TitleKey(), data), cat.T("en", want.Findings[i].HelpKey(), data)
				if f.Title != wantTitle || f.Help != wantHelp || strings.HasPrefix(f.Title+f.Help, i18n.MissingPrefix) {
					t.Errorf("finding %s: title %q, help %q\nwant %q, %q", f.Key, f.Title, f.Help, wantTitle, wantHelp)
				}
			}
		})
	}
	if analysed < 40 {
		t.Errorf("only %d golden files analysed", analysed)
	}
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestAnalyzeLanguages: Danish by default, English on request, and flags
// may follow the file.
func TestAnalyzeLanguages(t *testing.T) {
	path := filepath.Join(goldenDir, "05-gap-29-days.input.json")
	for _, tc := range []struct {
		args  []string
		title string
	}{
		{[]string{"analyze", path}, "Uforklaret hul i CV'et"},
		{[]string{"analyze", "--lang", "da", path}, "Uforklaret hul i CV'et"},
		{[]string{"analyze", "--lang=en", path}, "Unexplained gap in the CV"},
		{[]string{"analyze", path, "--lang", "en", "--pretty"}, "Unexplained gap in the CV"},
	} {
		t.Run(strings.Join(tc.args[1:], " "), func(t *testing.T) {
			r := mustRun(t, nil, tc.args...)
			out, _ := decodeOutput(t, r.stdout)
			if len(out.Findings) != 1 || out.Findings[0].Title != tc.title {
				t.Fatalf("findings %+v, want one titled %q", out.Findings, tc.title)
			}
			if !strings.Contains(out.Findings[0].Help, "2020-01-29") {
				t.Errorf("help text lacks the gap's end date: %s", out.Findings[0].Help)
			}
			indented := strings.Contains(r.stdout, "\n  \"")
			if wantIndent := strings.Contains(strings.Join(tc.args, " "), "--pretty"); indented != wantIndent {
				t.Errorf("indented output %v, want %v:\n%s", indented, wantIndent, r.stdout)
			}
		})
	}
}

// TestAnalyzeStdin reads the case from standard input when FILE is -.
func TestAnalyzeStdin(t *testing.T) {
	path := filepath.Join(goldenDir, "01-july-2022-first-check.input.json")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	old := analyzeStdin
	t.Cleanup(func() { analyzeStdin = old })

	analyzeStdin = bytes.NewReader(src)
	r := mustRun(t, nil, "analyze", "-")
	_, got := decodeOutput(t, r.stdout)
	if want := evaluateFile(t, path); !reflect.DeepEqual(got, want) {
		t.Errorf("from standard input:\n got %+v\nwant %+v", got, want)
	}

	analyzeStdin = strings.NewReader(`{"check_date": "2022-07-01", "package": {"categories": ["cv"], "look_back_years": "five"}}`)
	r = mustFail(t, 1, nil, "analyze", "-")
	if !strings.Contains(r.stderr, "standard input: package.look_back_years: must be a whole number") || r.stdout != "" {
		t.Errorf("stdout %q, stderr %q", r.stdout, r.stderr)
	}
}

// TestAnalyzeRefusesInvalidFiles: a case that cannot be analysed exits 1
// with one line naming the file and the wrong field, and prints no result.
func TestAnalyzeRefusesInvalidFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name, path, want string
	}{
		{"bad date", filepath.Join(goldenDir, "90-invalid-date.input.json"),
			`declared.activities[1].period.from: "2020-13-01" is not a date (YYYY-MM-DD)`},
		{"unknown field", filepath.Join(goldenDir, "91-invalid-unknown-field.input.json"), "declared.gap_explanation: unknown field"},
		{"duplicate id", filepath.Join(goldenDir, "92-invalid-duplicate-id.input.json"), `declared.residences[0].id: "j1" is already used`},
		{"no check date", filepath.Join(goldenDir, "93-invalid-missing-check-date.input.json"), "check_date: is required"},
		{"unknown enum value", write("kind.json", `{"check_date":"2022-07-01","package":{"categories":["cv"]},
			"declared":{"activities":[{"id":"a","kind":"hobby","name":"x","period":{"from":"2020-01-01"}}]}}`),
			`declared.activities[0].kind: unknown value "hobby"`},
		{"not JSON", write("text.json", "check_date: 2022-07-01\n"), "(document): invalid JSON at line 1, column 1"},
		{"missing file", filepath.Join(dir, "missing.json"), "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustFail(t, 1, nil, "analyze", tc.path)
			if !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
				t.Errorf("stdout %q\nstderr %q\nwant stderr containing %q", r.stdout, r.stderr, tc.want)
			}
			if tc.name != "missing file" && !strings.Contains(r.stderr, "analyze "+tc.path+": ") {
				t.Errorf("stderr does not name the file: %s", r.stderr)
			}
			if strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
				t.Errorf("more than one line: %s", r.stderr)
			}
			noStackTrace(t, r.stderr)
		})
	}
}

func TestAnalyzeUsage(t *testing.T) {
	path := filepath.Join(goldenDir, "05-gap-29-days.input.json")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"analyze"}, "exactly one FILE"},
		{[]string{"analyze", path, path}, "exactly one FILE"},
		{[]string{"analyze", "--lang", "de", path}, `unknown language "de": use da|en`},
		{[]string{"analyze", "--verbose", path}, "flag provided but not defined: -verbose"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := mustFail(t, 2, nil, tc.args...)
			if !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, "Usage: bgcheck analyze") || r.stdout != "" {
				t.Errorf("stdout %q\nstderr %q\nwant %q and the usage", r.stdout, r.stderr, tc.want)
			}
		})
	}
	r := mustRun(t, nil, "analyze", "--help")
	for _, want := range []string{"Usage: bgcheck analyze", "-lang", "-pretty", "standard input", "docs/analyze.md"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("analyze --help lacks %q:\n%s", want, r.stdout)
		}
	}
	if r := mustRun(t, nil, "--help"); !strings.Contains(r.stdout, "analyze") {
		t.Errorf("bgcheck --help does not list analyze:\n%s", r.stdout)
	}
}

// TestAnalyzeDocListsEveryRule keeps docs/analyze.md's rule table in step
// with the engine.
func TestAnalyzeDocListsEveryRule(t *testing.T) {
	doc, err := os.ReadFile("../../docs/analyze.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules.Rules() {
		row := "| `" + r.ID + "` | " + strings.Join(r.Params, ", ")
		if !strings.Contains(string(doc), row) {
			t.Errorf("docs/analyze.md has no row %q…", row)
		}
	}
}
