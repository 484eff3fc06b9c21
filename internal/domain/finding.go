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

// EmployerContact records that the company contacted an employer to
// confirm an employment: all four parts are required by the aviation
// guidance (date, company, contact person, confirmed period).
type EmployerContact struct {
	ID            string `json:"-"`
	Activity      string `json:"activity"` // the CV line it verifies, e.g. "activity-2"
	ContactDate   string `json:"contact_date"`
	Company       string `json:"company"`
	ContactPerson string `json:"contact_person"`
	ConfirmedFrom string `json:"confirmed_from"`
	ConfirmedTo   string `json:"confirmed_to"`
	RecordedBy    string `json:"recorded_by"`
}
