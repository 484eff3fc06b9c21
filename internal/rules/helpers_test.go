package rules

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// exercised records every rule some test saw produce a finding; TestMain
// fails a full run in which a rule never fired, so no rule goes untested.
var (
	exercisedMu sync.Mutex
	exercised   = map[string]bool{}
)

func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 && flag.Lookup("test.run").Value.String() == "" && !testing.Short() {
		for _, r := range Rules() {
			if !exercised[r.ID] {
				fmt.Fprintf(os.Stderr, "rule %s has no test that makes it fire\n", r.ID)
				code = 1
			}
		}
	}
	os.Exit(code)
}

func d(s string) Date { return MustDate(s) }

func p(from, to string) Period {
	var q Period
	q.From = d(from)
	if to != "" {
		q.To = d(to)
	}
	return q
}

// base is an aviation extended background check on the given date.
func base(check string) Input {
	return Input{
		CheckDate: d(check),
		Package: PackageRules{
			Categories: []Category{CategoryIdentity, CategoryIDDocument, CategoryCV,
				CategoryEducation, CategoryCriminalRecord},
			RecurrenceMonths: 12,
			PoliceVetting:    true,
		},
	}
}

func job(id, from, to, name, cvr string) Activity {
	return Activity{ID: id, Kind: KindEmployment, Period: p(from, to), Name: name, CVR: cvr, Country: "DK"}
}

func study(id, from, to, name string) Activity {
	return Activity{ID: id, Kind: KindEducation, Period: p(from, to), Name: name, Country: "DK"}
}

func gap(id string, reason GapReason, from, to string) GapExplanation {
	return GapExplanation{ID: id, Reason: reason, Period: p(from, to)}
}

func res(id, country, from, to string) Residence {
	return Residence{ID: id, Country: country, Period: p(from, to)}
}

func doc(id string, kind DocumentKind, forID string) Document {
	return Document{ID: id, Kind: kind, For: forID}
}

// monthly returns one income row per calendar month from the month of
// from to the month of to, as an income-register extract lists them.
func monthly(prefix, name, cvr, from, to string) []IncomeRow {
	var out []IncomeRow
	end := d(to)
	for m := NewDate(d(from).Year(), d(from).Month(), 1); !m.After(end); m = m.AddMonths(1) {
		out = append(out, IncomeRow{ID: fmt.Sprintf("%s-%s", prefix, m), Source: SourceIncomeRegister,
			EmployerName: name, CVR: cvr, Period: Period{From: m, To: m.AddMonths(1).AddDays(-1)}})
	}
	return out
}

// findingsOf runs the rules in evaluation order up to and including id and
// returns what that rule found, sorted, after checking each finding's
// params are ones the rule declares.
func findingsOf(t *testing.T, in Input, id string) []Finding {
	t.Helper()
	if err := in.Validate(); err != nil {
		t.Fatalf("test input invalid: %v", err)
	}
	c := newCtx(in)
	for _, r := range ruleSet {
		fs := r.run(c)
		c.findings = append(c.findings, fs...)
		if r.ID != id {
			continue
		}
		sortFindings(fs)
		for _, f := range fs {
			checkFinding(t, r.RuleInfo, f)
		}
		return fs
	}
	t.Fatalf("no rule %q", id)
	return nil
}

func checkFinding(t *testing.T, info RuleInfo, f Finding) {
	t.Helper()
	if f.Rule != info.ID || !strings.HasPrefix(f.Key, info.ID) {
		t.Errorf("finding %+v reported by rule %s", f, info.ID)
	}
	// Every declared param is always present, so help texts never meet a
	// missing value; none other is.
	if got := slices.Sorted(maps.Keys(f.Params)); !slices.Equal(got, slices.Sorted(slices.Values(info.Params))) {
		t.Errorf("rule %s emits params %v, declares %v", info.ID, got, info.Params)
	}
	exercisedMu.Lock()
	exercised[info.ID] = true
	exercisedMu.Unlock()
}

// expect compares findings with specs "severity key=value ...": the
// severity must match and each listed param must have that value.
func expect(t *testing.T, got []Finding, want ...string) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = matches(got[i], want[i])
	}
	if !ok {
		t.Errorf("got findings:\n%s\nwant:\n  %s", describe(got), strings.Join(want, "\n  "))
	}
}

func matches(f Finding, spec string) bool {
	parts := strings.Fields(spec)
	if f.Severity.String() != parts[0] {
		return false
	}
	for _, kv := range parts[1:] {
		k, v, _ := strings.Cut(kv, "=")
		if got, ok := f.Params[k]; !ok || got != v {
			return false
		}
	}
	return true
}

func describe(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s %s", f.Rule, f.Severity)
		for _, k := range slices.Sorted(maps.Keys(f.Params)) {
			fmt.Fprintf(&b, " %s=%s", k, f.Params[k])
		}
		b.WriteString("\n")
	}
	if b.Len() == 0 {
		return "  (none)"
	}
	return b.String()
}
