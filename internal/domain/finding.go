package domain

import "time"

// Finding severities, mildest first.
const (
	SeverityInfo           = "info"
	SeverityWarning        = "warning"
	SeverityActionRequired = "action_required"
	SeverityBlocking       = "blocking"
)

// Recommendations. A recommendation is advice to the person who decides,
// never a decision (GDPR Art 22).
const (
	RecommendMeets     = "meets_requirements"
	RecommendAttention = "needs_attention"
	RecommendNotMeet   = "does_not_meet"
)

// Analysis is one run of the screening rules over a case.
type Analysis struct {
	ID             string
	CaseID         string
	RuleVersion    string
	Recommendation string
	CoverageFrom   string // YYYY-MM-DD
	CoverageTo     string
	NextRecheck    string
	ValidUntil     string
	CreatedAt      time.Time
	Findings       []*Finding
}

// Finding is one result of one rule, with what the company did about it.
type Finding struct {
	ID         string
	Key        string // stable across re-analyses of the same data
	Rule       string // rule id; its help text is rule.<id>.title/.help
	Category   string
	Severity   string
	Evidence   []FindingEvidence
	Params     map[string]string
	Resolution *Resolution
}

// FindingEvidence names the data a finding rests on and its source.
type FindingEvidence struct {
	Source string `json:"source"`
	ID     string `json:"id,omitempty"`
}

// Resolution is a company user's note on a finding.
type Resolution struct {
	Note       string
	ResolvedBy string
	At         time.Time
}
