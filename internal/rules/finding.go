package rules

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Severity says how much a finding matters.
type Severity int

// Severities, in increasing order.
const (
	// Info is for the record: nothing needs doing.
	Info Severity = iota
	// Warning needs a person's judgement but does not by itself stop
	// the check.
	Warning
	// ActionRequired means something must be obtained or corrected
	// before the check can be completed.
	ActionRequired
	// Blocking means the requirement cannot be met as things stand.
	Blocking
)

var severityNames = []string{"info", "warning", "action_required", "blocking"}

// String returns the severity's name, e.g. "action_required".
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) {
	if s < 0 || int(s) >= len(severityNames) {
		return nil, fmt.Errorf("rules: unknown severity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	i := slices.Index(severityNames, string(b))
	if i < 0 {
		return fmt.Errorf("rules: unknown severity %q", b)
	}
	*s = Severity(i)
	return nil
}

// EvidenceRef points at the data a finding rests on.
type EvidenceRef struct {
	Source Source `json:"source"`
	ID     string `json:"id,omitempty"` // the item's ID in Input
}

// Finding is one result of one rule. Params hold the values the help text
// templates use ({{.From}} and so on); dates are YYYY-MM-DD.
type Finding struct {
	Rule     string            `json:"rule"`
	Category Category          `json:"category"`
	Severity Severity          `json:"severity"`
	Evidence []EvidenceRef     `json:"evidence,omitempty"`
	Params   map[string]string `json:"params,omitempty"`
	// Key identifies the finding across re-analyses of the same data
	// (rule plus the items it concerns), so a company's resolution can
	// stay attached to it.
	Key string `json:"key"`
}

// TitleKey is the message-catalogue id of the finding's title.
func (f Finding) TitleKey() string { return "rule." + f.Rule + ".title" }

// HelpKey is the message-catalogue id of the finding's help text.
func (f Finding) HelpKey() string { return "rule." + f.Rule + ".help" }

// Recommendation is the engine's overall view of a check.
type Recommendation string

// Recommendations. They advise the person who decides; see Result.
const (
	MeetsRequirements Recommendation = "meets_requirements"
	NeedsAttention    Recommendation = "needs_attention"
	DoesNotMeet       Recommendation = "does_not_meet"
)

// Result is the outcome of one analysis.
//
// Recommendation is advice, never a decision: GDPR Art. 22 forbids
// decisions with legal or similarly significant effect (hiring, keeping a
// job) based solely on automated processing, so a named person reviews
// the findings and decides, and the decision is recorded elsewhere.
type Result struct {
	// RuleSetVersion is Version at the time of the analysis, so a
	// re-analysis after a rule change is traceable.
	RuleSetVersion string         `json:"rule_set_version"`
	Findings       []Finding      `json:"findings"`
	Recommendation Recommendation `json:"recommendation"`
	// NextRecheck is the date by which the ID/CV check must be repeated,
	// zero when the package does not recur. ValidUntil is the day before.
	NextRecheck Date `json:"next_recheck,omitzero"`
	ValidUntil  Date `json:"valid_until,omitzero"`
	// Coverage is the look-back window the CV and residence history
	// must account for.
	Coverage Period `json:"coverage"`
}

// recommend derives the recommendation from the most severe finding.
func recommend(fs []Finding) Recommendation {
	worst := Info
	for _, f := range fs {
		worst = max(worst, f.Severity)
	}
	switch worst {
	case Blocking:
		return DoesNotMeet
	case ActionRequired, Warning:
		return NeedsAttention
	}
	return MeetsRequirements
}

// sortFindings orders the most severe first, then by category, rule and
// key, so equal inputs always give the same list whatever order their
// slices came in.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if a.Severity != b.Severity {
			return int(b.Severity - a.Severity)
		}
		return strings.Compare(sortKey(a), sortKey(b))
	})
}

func sortKey(f Finding) string {
	var b strings.Builder
	b.WriteString(string(f.Category) + "\x00" + f.Rule + "\x00" + f.Key)
	for _, k := range slices.Sorted(maps.Keys(f.Params)) {
		b.WriteString("\x00" + k + "=" + f.Params[k])
	}
	return b.String()
}
