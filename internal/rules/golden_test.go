package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The golden scenarios live in testdata/golden as pairs of files:
//
//	NN-name.input.json     one check in the documented input format, exactly
//	                       what `bgcheck analyze` reads
//	NN-name.expected.json  a description of the rule edge it covers and the
//	                       expected result (see goldenExpected)
//
// The expected files are written by reasoning from the guidance, not by
// copying the engine's output. -update rewrites them from the engine's
// output, keeping each description; use it only to take over a reviewed
// change, and read the diff.
var update = flag.Bool("update", false, "rewrite testdata/golden/*.expected.json from the engine's output")

const goldenDir = "testdata/golden"

// minGoldenScenarios is how many evaluating scenarios the directory must
// hold at least (issue 4, "Tests that must exist").
const minGoldenScenarios = 40

// goldenExclusions are the rules no golden scenario can show, and why.
var goldenExclusions = map[string]string{
	RuleInputInvalid: "DecodeInput refuses every input Validate refuses, so a decoded file never evaluates " +
		"to input_invalid; the scenarios with an \"error\" show how such a file is refused instead",
}

// goldenExpected is the layout of an expected file. Either Error is set
// (DecodeInput must refuse the input) or the rest describes the result.
// The rule-set version is left out on purpose: it changes with every rule
// change, while these expectations change only when a rule's outcome does.
type goldenExpected struct {
	Description    string          `json:"description"`
	Error          *goldenError    `json:"error,omitempty"`
	Recommendation Recommendation  `json:"recommendation,omitempty"`
	Coverage       Period          `json:"coverage,omitzero"`
	NextRecheck    Date            `json:"next_recheck,omitzero"`
	ValidUntil     Date            `json:"valid_until,omitzero"`
	Findings       []goldenFinding `json:"findings,omitempty"`
}

// goldenError is the refusal expected from DecodeInput: the field it
// names and a part of the problem it states.
type goldenError struct {
	Field   string `json:"field"`
	Problem string `json:"problem"`
}

// goldenFinding is what a scenario pins of a finding. Category follows
// from the rule and evidence is presentation, so neither is compared.
type goldenFinding struct {
	Rule     string            `json:"rule"`
	Severity Severity          `json:"severity"`
	Key      string            `json:"key"`
	Params   map[string]string `json:"params,omitempty"`
}

func (f goldenFinding) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s", f.Rule, f.Severity, f.Key)
	for _, k := range slices.Sorted(maps.Keys(f.Params)) {
		fmt.Fprintf(&b, " %s=%q", k, f.Params[k])
	}
	return b.String()
}

type goldenScenario struct {
	name, inputPath, expectedPath string
}

func goldenScenarios(t testing.TB) []goldenScenario {
	t.Helper()
	inputs, err := filepath.Glob(filepath.Join(goldenDir, "*.input.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out []goldenScenario
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".input.json")
		out = append(out, goldenScenario{name, in, filepath.Join(goldenDir, name+".expected.json")})
	}
	// An expected file without its input is a scenario that silently
	// stopped running.
	expected, err := filepath.Glob(filepath.Join(goldenDir, "*.expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range expected {
		name := strings.TrimSuffix(filepath.Base(e), ".expected.json")
		if !slices.ContainsFunc(out, func(s goldenScenario) bool { return s.name == name }) {
			t.Errorf("%s has no %s.input.json", e, name)
		}
	}
	return out
}

func readExpected(t testing.TB, path string) goldenExpected {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var e goldenExpected
	if err := dec.Decode(&e); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if strings.TrimSpace(e.Description) == "" {
		t.Errorf("%s: description is empty; say which rule edge the scenario covers and cite the guidance", path)
	}
	if e.Error == nil && !slices.Contains([]Recommendation{MeetsRequirements, NeedsAttention, DoesNotMeet}, e.Recommendation) {
		t.Errorf("%s: recommendation %q is not one of the three", path, e.Recommendation)
	}
	known := map[string]bool{}
	for _, r := range Rules() {
		known[r.ID] = true
	}
	for _, f := range e.Findings {
		if !known[f.Rule] {
			t.Errorf("%s: no rule %q", path, f.Rule)
		}
	}
	return e
}

func TestGolden(t *testing.T) {
	for _, sc := range goldenScenarios(t) {
		t.Run(sc.name, func(t *testing.T) {
			want := readExpected(t, sc.expectedPath)
			src, err := os.ReadFile(sc.inputPath)
			if err != nil {
				t.Fatal(err)
			}
			got := goldenRun(src, want.Description)
			if *update {
				writeExpected(t, sc.expectedPath, got)
				return
			}
			compareGolden(t, sc.inputPath, want, got)
		})
	}
}

// goldenRun decodes and evaluates one input the way `bgcheck analyze`
// does, and describes the outcome in the expected files' terms.
func goldenRun(src []byte, description string) goldenExpected {
	got := goldenExpected{Description: description}
	in, err := DecodeInput(bytes.NewReader(src))
	if err != nil {
		var ve *ValidationError
		if !errors.As(err, &ve) {
			ve = &ValidationError{Field: "?", Problem: err.Error()}
		}
		got.Error = &goldenError{Field: ve.Field, Problem: ve.Problem}
		return got
	}
	r := Evaluate(in)
	got.Recommendation, got.Coverage, got.NextRecheck, got.ValidUntil = r.Recommendation, r.Coverage, r.NextRecheck, r.ValidUntil
	for _, f := range r.Findings {
		got.Findings = append(got.Findings, goldenFinding{Rule: f.Rule, Severity: f.Severity, Key: f.Key, Params: f.Params})
	}
	return got
}

func compareGolden(t *testing.T, input string, want, got goldenExpected) {
	t.Helper()
	switch {
	case want.Error != nil && got.Error == nil:
		t.Fatalf("%s was accepted; want it refused at %s: %s", input, want.Error.Field, want.Error.Problem)
	case want.Error == nil && got.Error != nil:
		t.Fatalf("%s was refused: %s: %s", input, got.Error.Field, got.Error.Problem)
	case want.Error != nil:
		if got.Error.Field != want.Error.Field || !strings.Contains(got.Error.Problem, want.Error.Problem) {
			t.Errorf("refused at %s: %s\nwant %s: …%s…", got.Error.Field, got.Error.Problem, want.Error.Field, want.Error.Problem)
		}
		return
	}
	if got.Recommendation != want.Recommendation {
		t.Errorf("recommendation %s, want %s", got.Recommendation, want.Recommendation)
	}
	if got.Coverage != want.Coverage || got.NextRecheck != want.NextRecheck || got.ValidUntil != want.ValidUntil {
		t.Errorf("coverage %s – %s, next re-check %q, valid until %q\nwant coverage %s – %s, next re-check %q, valid until %q",
			got.Coverage.From, got.Coverage.To, got.NextRecheck, got.ValidUntil,
			want.Coverage.From, want.Coverage.To, want.NextRecheck, want.ValidUntil)
	}
	if diff := diffFindings(want.Findings, got.Findings); diff != "" {
		t.Errorf("findings differ (- want, + got):\n%s", diff)
	}
}

// diffFindings compares findings by key, whatever order the expected
// file lists them in; the engine's own ordering is tested elsewhere.
func diffFindings(want, got []goldenFinding) string {
	byKey := func(fs []goldenFinding) (map[string]goldenFinding, []string) {
		m := map[string]goldenFinding{}
		var dups []string
		for _, f := range fs {
			if _, dup := m[f.Key]; dup {
				dups = append(dups, f.Key)
			}
			m[f.Key] = f
		}
		return m, dups
	}
	w, wd := byKey(want)
	g, gd := byKey(got)
	var b strings.Builder
	for _, k := range wd {
		fmt.Fprintf(&b, "  expected file lists key %s twice\n", k)
	}
	for _, k := range gd {
		fmt.Fprintf(&b, "  engine reported key %s twice\n", k)
	}
	keys := slices.Sorted(maps.Keys(w))
	for k := range g {
		if _, ok := w[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		wf, inW := w[k]
		gf, inG := g[k]
		switch {
		case !inG:
			fmt.Fprintf(&b, "- %s\n", wf)
		case !inW:
			fmt.Fprintf(&b, "+ %s\n", gf)
		case wf.String() != gf.String():
			fmt.Fprintf(&b, "- %s\n+ %s\n", wf, gf)
		}
	}
	return b.String()
}

// writeExpected writes e in the layout of the hand-written files: one
// line per finding, params in the order the rule declares them, so that a
// changed outcome shows as a changed line in the diff.
func writeExpected(t *testing.T, path string, e goldenExpected) {
	t.Helper()
	var b strings.Builder
	b.WriteString("{\n  \"description\": " + jsonString(e.Description))
	if e.Error != nil {
		fmt.Fprintf(&b, ",\n  \"error\": {\"field\": %s, \"problem\": %s}\n}\n", jsonString(e.Error.Field), jsonString(e.Error.Problem))
		writeFile(t, path, b.String())
		return
	}
	fmt.Fprintf(&b, ",\n  \"recommendation\": %s", jsonString(string(e.Recommendation)))
	fmt.Fprintf(&b, ",\n  \"coverage\": {\"from\": %s, \"to\": %s}", jsonString(e.Coverage.From.String()), jsonString(e.Coverage.To.String()))
	if !e.NextRecheck.IsZero() {
		fmt.Fprintf(&b, ",\n  \"next_recheck\": %s,\n  \"valid_until\": %s", jsonString(e.NextRecheck.String()), jsonString(e.ValidUntil.String()))
	}
	if len(e.Findings) > 0 {
		b.WriteString(",\n  \"findings\": [")
		for i, f := range e.Findings {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "\n    {\"rule\": %s, \"severity\": %s, \"key\": %s", jsonString(f.Rule), jsonString(f.Severity.String()), jsonString(f.Key))
			if len(f.Params) > 0 {
				var kv []string
				for _, k := range paramOrder(f) {
					kv = append(kv, jsonString(k)+": "+jsonString(f.Params[k]))
				}
				b.WriteString(", \"params\": {" + strings.Join(kv, ", ") + "}")
			}
			b.WriteString("}")
		}
		b.WriteString("\n  ]")
	}
	b.WriteString("\n}\n")
	writeFile(t, path, b.String())
}

// paramOrder lists a finding's params in the order its rule declares
// them, any others after them sorted.
func paramOrder(f goldenFinding) []string {
	var out []string
	for _, r := range Rules() {
		if r.ID == f.Rule {
			for _, k := range r.Params {
				if _, ok := f.Params[k]; ok {
					out = append(out, k)
				}
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(f.Params)) {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func jsonString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err) // a Go string always encodes
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestGoldenScenarioCount(t *testing.T) {
	n := 0
	for _, sc := range goldenScenarios(t) {
		if readExpected(t, sc.expectedPath).Error == nil {
			n++
		}
	}
	if n < minGoldenScenarios {
		t.Errorf("%s holds %d evaluating scenarios, want at least %d", goldenDir, n, minGoldenScenarios)
	}
}

// TestGoldenCoversEveryRule: each rule's outcome is pinned by at least one
// scenario, or the rule is listed in goldenExclusions with the reason.
func TestGoldenCoversEveryRule(t *testing.T) {
	seen := map[string]bool{}
	for _, sc := range goldenScenarios(t) {
		for _, f := range readExpected(t, sc.expectedPath).Findings {
			seen[f.Rule] = true
		}
	}
	known := map[string]bool{}
	for _, r := range Rules() {
		known[r.ID] = true
		_, excluded := goldenExclusions[r.ID]
		switch {
		case !seen[r.ID] && !excluded:
			t.Errorf("rule %s appears in no golden scenario; add one to %s, or to goldenExclusions with the reason", r.ID, goldenDir)
		case seen[r.ID] && excluded:
			t.Errorf("rule %s is excluded from the golden scenarios but appears in one; drop the exclusion", r.ID)
		}
	}
	for id := range goldenExclusions {
		if !known[id] {
			t.Errorf("goldenExclusions names %s, which is no rule", id)
		}
	}
}
