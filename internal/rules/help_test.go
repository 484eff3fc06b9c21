package rules

import (
	"bytes"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"text/template"
	"text/template/parse"

	"github.com/BurntSushi/toml"
)

// loadHelp reads one language's catalogue as the application's i18n
// package does: a flat map of quoted keys. Dotted bare keys would decode
// as nested tables and fail here.
func loadHelp(t *testing.T, lang string) map[string]string {
	t.Helper()
	b, err := fs.ReadFile(HelpFiles(), lang+".toml")
	if err != nil {
		t.Fatal(err)
	}
	msgs := map[string]string{}
	if _, err := toml.NewDecoder(bytes.NewReader(b)).Decode(&msgs); err != nil {
		t.Fatalf("%s.toml: %v", lang, err)
	}
	return msgs
}

func TestHelpFilesHaveTheSameKeys(t *testing.T) {
	base := loadHelp(t, HelpLanguages[0])
	for _, lang := range HelpLanguages[1:] {
		other := loadHelp(t, lang)
		if a, b := slices.Sorted(maps.Keys(base)), slices.Sorted(maps.Keys(other)); !slices.Equal(a, b) {
			t.Errorf("%s and %s differ in keys:\n%v\n%v", HelpLanguages[0], lang, a, b)
		}
		for k, v := range other {
			if v == base[k] {
				t.Errorf("%s: %s text is the same as in %s: not translated?", k, lang, HelpLanguages[0])
			}
		}
	}
}

func TestEveryRuleHasHelp(t *testing.T) {
	known := map[string]RuleInfo{}
	for _, r := range Rules() {
		known[r.ID] = r
	}
	for _, lang := range HelpLanguages {
		msgs := loadHelp(t, lang)
		for id := range known {
			f := Finding{Rule: id}
			for _, key := range []string{f.TitleKey(), f.HelpKey()} {
				if strings.TrimSpace(msgs[key]) == "" {
					t.Errorf("%s: no text for %s", lang, key)
				}
			}
		}
		for key, text := range msgs {
			id, part, ok := strings.Cut(strings.TrimPrefix(key, "rule."), ".")
			info, isRule := known[id]
			if !strings.HasPrefix(key, "rule.") || !ok || !isRule || (part != "title" && part != "help") {
				t.Errorf("%s: key %s names no rule text", lang, key)
				continue
			}
			checkTemplate(t, lang, key, text, info)
		}
	}
}

// checkTemplate parses a text, checks it uses only the rule's params and
// renders it with sample values.
func checkTemplate(t *testing.T, lang, key, text string, info RuleInfo) {
	t.Helper()
	tmpl, err := template.New(key).Option("missingkey=error").Parse(text)
	if err != nil {
		t.Errorf("%s %s: %v", lang, key, err)
		return
	}
	for _, field := range fieldsUsed(tmpl.Tree.Root) {
		if !slices.Contains(info.Params, field) {
			t.Errorf("%s %s uses {{.%s}}, which rule %s does not provide", lang, key, field, info.ID)
		}
	}
	params := map[string]string{}
	for _, p := range info.Params {
		params[p] = "X" + p
	}
	var out strings.Builder
	if err := tmpl.Execute(&out, params); err != nil {
		t.Errorf("%s %s: %v", lang, key, err)
	}
	if strings.Contains(out.String(), "<no value>") || strings.Contains(out.String(), "{{") {
		t.Errorf("%s %s renders badly: %s", lang, key, out.String())
	}
}

func fieldsUsed(n parse.Node) []string {
	var out []string
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				out = append(out, fieldsUsed(c)...)
			}
		}
	case *parse.ActionNode:
		out = fieldsUsed(n.Pipe)
	case *parse.IfNode:
		out = append(append(fieldsUsed(n.Pipe), fieldsUsed(n.List)...), fieldsUsed(n.ElseList)...)
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			out = append(out, fieldsUsed(c)...)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			out = append(out, fieldsUsed(a)...)
		}
	case *parse.FieldNode:
		out = append(out, n.Ident[0])
	}
	return out
}

// TestHelpRendersFindings renders the texts of real findings, so the
// Params a rule emits and the texts agree on names and conditions.
func TestHelpRendersFindings(t *testing.T) {
	in := realistic()
	in.Evidence.CPR = &CPRRecord{Name: "Mette Hansen", Status: CPRDeceased}
	r := Evaluate(in)
	for _, lang := range HelpLanguages {
		msgs := loadHelp(t, lang)
		for _, f := range r.Findings {
			for _, key := range []string{f.TitleKey(), f.HelpKey()} {
				tmpl := template.Must(template.New(key).Option("missingkey=error").Parse(msgs[key]))
				var out strings.Builder
				if err := tmpl.Execute(&out, f.Params); err != nil {
					t.Errorf("%s %s with %v: %v", lang, key, f.Params, err)
				}
			}
		}
	}
	msgs := loadHelp(t, "da")
	var out strings.Builder
	template.Must(template.New("").Parse(msgs["rule.cpr_status_not_active.help"])).Execute(&out, map[string]string{"Status": "deceased"})
	if !strings.Contains(out.String(), "død") {
		t.Errorf("conditional text not chosen: %s", out.String())
	}
}
