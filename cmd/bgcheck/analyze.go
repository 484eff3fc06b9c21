package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/rules"
)

// analyzeStdin is what `bgcheck analyze -` reads; run has no standard
// input of its own, and tests replace it.
var analyzeStdin io.Reader = os.Stdin

const analyzeSynopsis = "analyze [--lang da|en] [--pretty] FILE\n\n" +
	"Reads one case in the documented JSON format (docs/analyze.md) from FILE, or from\n" +
	"standard input when FILE is -, runs the rules engine on it and prints the findings\n" +
	"and the recommendation as JSON. Exit status: 0 analysed, 1 the file cannot be read\n" +
	"or is invalid (the message names the field), 2 wrong usage."

// analyzeOutput is what `bgcheck analyze` prints: the engine's Result with
// every finding's title and help text in the chosen language.
type analyzeOutput struct {
	RuleSetVersion string               `json:"rule_set_version"`
	Recommendation rules.Recommendation `json:"recommendation"`
	Coverage       rules.Period         `json:"coverage"`
	// NextRecheck and ValidUntil are null when the package does not recur.
	NextRecheck *rules.Date       `json:"next_recheck"`
	ValidUntil  *rules.Date       `json:"valid_until"`
	Findings    []analyzedFinding `json:"findings"`
}

// analyzedFinding is a rules.Finding with its texts. Evidence and params
// are always present (empty when there are none), so a script can index
// them without checking first.
type analyzedFinding struct {
	Rule     string              `json:"rule"`
	Category rules.Category      `json:"category"`
	Severity rules.Severity      `json:"severity"`
	Key      string              `json:"key"`
	Evidence []rules.EvidenceRef `json:"evidence"`
	Params   map[string]string   `json:"params"`
	Title    string              `json:"title"`
	Help     string              `json:"help"`
}

// analyze runs the rules engine on one case file, the same engine the
// service runs, for operators, support and tests.
func (e env) analyze(args []string) error {
	fs := e.flags("analyze", analyzeSynopsis)
	lang := fs.String("lang", i18n.Default, "language of the findings' titles and help texts: "+langList())
	pretty := fs.Bool("pretty", false, "indent the JSON output")
	file, err := e.parseAnalyze(fs, args)
	if err != nil {
		return err
	}
	if !slices.Contains(i18n.Languages, *lang) {
		fmt.Fprintf(fs.Output(), "unknown language %q: use %s\n", *lang, langList())
		fs.Usage()
		return errUsage
	}
	in, err := readCase(file)
	if err != nil {
		return err
	}
	cat, err := i18n.New()
	if err != nil {
		return fmt.Errorf("analyze: load texts: %w", err)
	}
	out := describeResult(rules.Evaluate(in), cat.Localizer(*lang))
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false) // help texts are read by people and scripts, not embedded in HTML
	if *pretty {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("analyze: write result: %w", err)
	}
	return nil
}

// parseAnalyze parses flags placed before or after FILE, as people type
// them either way, and returns FILE.
func (e env) parseAnalyze(fs *flag.FlagSet, args []string) (string, error) {
	if slices.ContainsFunc(args, func(a string) bool { return a == "-h" || a == "-help" || a == "--help" }) {
		fs.SetOutput(e.stdout)
	}
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return "", err
			}
			return "", errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) != 1 {
		fmt.Fprintln(fs.Output(), "analyze needs exactly one FILE (- for standard input)")
		fs.Usage()
		return "", errUsage
	}
	return files[0], nil
}

// readCase reads and strictly decodes the case in file ("-" for standard
// input). An invalid case is reported as file: field: problem.
func readCase(file string) (rules.Input, error) {
	name, r := file, analyzeStdin
	if file == "-" {
		name = "standard input"
	} else {
		f, err := os.Open(file)
		if err != nil {
			return rules.Input{}, fmt.Errorf("analyze: %w", err)
		}
		defer f.Close()
		r = f
	}
	in, err := rules.DecodeInput(r)
	var ve *rules.ValidationError
	switch {
	case errors.As(err, &ve):
		return rules.Input{}, fmt.Errorf("analyze %s: %s: %s", name, ve.Field, ve.Problem)
	case err != nil:
		return rules.Input{}, fmt.Errorf("analyze %s: %w", name, err)
	}
	return in, nil
}

func describeResult(r rules.Result, loc *i18n.Localizer) analyzeOutput {
	out := analyzeOutput{
		RuleSetVersion: r.RuleSetVersion,
		Recommendation: r.Recommendation,
		Coverage:       r.Coverage,
		Findings:       make([]analyzedFinding, 0, len(r.Findings)),
	}
	if !r.NextRecheck.IsZero() {
		out.NextRecheck, out.ValidUntil = &r.NextRecheck, &r.ValidUntil
	}
	for _, f := range r.Findings {
		data := make(map[string]any, len(f.Params))
		params := make(map[string]string, len(f.Params))
		for k, v := range f.Params {
			data[k], params[k] = v, v
		}
		ev := f.Evidence
		if ev == nil {
			ev = []rules.EvidenceRef{}
		}
		out.Findings = append(out.Findings, analyzedFinding{
			Rule: f.Rule, Category: f.Category, Severity: f.Severity, Key: f.Key,
			Evidence: ev, Params: params,
			Title: loc.T(f.TitleKey(), data), Help: loc.T(f.HelpKey(), data),
		})
	}
	return out
}

func langList() string { return strings.Join(i18n.Languages, "|") }
