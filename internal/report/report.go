package report

import (
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Decision outcomes.
const (
	OutcomeApproved = "approved"
	OutcomeRejected = "rejected"
)

// Finding severities, mildest first; the same codes as the screening rules.
const (
	SeverityInfo           = "info"
	SeverityWarning        = "warning"
	SeverityActionRequired = "action_required"
	SeverityBlocking       = "blocking"
)

// Recommendations of the screening rules. A recommendation is advice to
// the person who decides, never the decision.
const (
	RecommendMeets     = "meets_requirements"
	RecommendAttention = "needs_attention"
	RecommendNotMeet   = "does_not_meet"
)

// Report is everything one case report shows. The application fills it;
// the package only renders, checksums and verifies, so it imports nothing
// of the rest of bgcheck.
//
// Free texts (names, category labels, finding titles and help, source
// descriptions) arrive already in the report's language. Codes — severity,
// recommendation and decision outcome — are translated by the package
// through the "report." catalogue keys. Dates are "YYYY-MM-DD" strings, as
// in the domain; times are shown in Danish time (Europe/Copenhagen).
type Report struct {
	DocumentID   string       `json:"document_id"` // see NewDocumentID; letters, digits, '.', '_' and '-'
	GeneratedAt  time.Time    `json:"generated_at"`
	Lang         string       `json:"lang"`     // language of the texts, e.g. "da"
	CaseRef      string       `json:"case_ref"` // the case's id or reference, as the company knows it
	Organisation Organisation `json:"organisation"`
	Subject      Subject      `json:"subject"`
	Package      Package      `json:"package"`
	Sources      []Source     `json:"sources"`
	Analysis     *Analysis    `json:"analysis"` // nil when the case was never analysed
	Findings     []Finding    `json:"findings"`
	Decision     *Decision    `json:"decision"` // nil while no decision is recorded
	ValidUntil   string       `json:"valid_until"`
	NextRecheck  string       `json:"next_recheck"`
}

// Organisation is the company that ran the check.
type Organisation struct {
	Name string `json:"name"`
	CVR  string `json:"cvr"`
}

// Subject is the person checked. MaskedCPR should already be masked (the
// domain's "010190-****" form is fine); the package passes it through
// MaskCPR again before printing or hashing, so a full CPR number can never
// reach a report.
type Subject struct {
	Name      string `json:"name"`
	MaskedCPR string `json:"masked_cpr"`
	BirthDate string `json:"birth_date"`
}

// Package is the screening package version the case was run under.
type Package struct {
	Name       string     `json:"name"`
	Version    int        `json:"version"`
	Template   string     `json:"template"` // the built-in template it came from, as a label; may be empty
	Categories []Category `json:"categories"`
}

// Category is one screened category with the written reason it is
// relevant to the position (proportionality).
type Category struct {
	Label         string `json:"label"`
	Justification string `json:"justification"`
}

// Source is one check against one source: what was looked up or read,
// when, and with what outcome — e.g. "MitID", "identity confirmed at level
// Substantial".
type Source struct {
	Name    string    `json:"name"`
	What    string    `json:"what"`
	At      time.Time `json:"at"`
	Outcome string    `json:"outcome"`
}

// Analysis is the screening rules' run the findings come from.
type Analysis struct {
	RuleVersion    string    `json:"rule_version"`
	Recommendation string    `json:"recommendation"` // one of the Recommend… codes
	CoverageFrom   string    `json:"coverage_from"`
	CoverageTo     string    `json:"coverage_to"`
	AnalysedAt     time.Time `json:"analysed_at"`
}

// Finding is one finding with what the company did about it. A finding
// without ResolvedAt is shown as unresolved.
type Finding struct {
	Category       string    `json:"category"` // label
	Severity       string    `json:"severity"` // one of the Severity… codes
	Title          string    `json:"title"`
	Description    string    `json:"description"`
	Evidence       string    `json:"evidence"`
	ResolutionNote string    `json:"resolution_note"`
	ResolvedBy     string    `json:"resolved_by"`
	ResolvedAt     time.Time `json:"resolved_at"`
}

// Decision is the human decision on the case. SecondReviewer and
// ConfirmedAt are set when the package requires four eyes.
type Decision struct {
	Outcome        string    `json:"outcome"` // OutcomeApproved or OutcomeRejected
	Reason         string    `json:"reason"`
	DecidedBy      string    `json:"decided_by"`
	DecidedAt      time.Time `json:"decided_at"`
	SecondReviewer string    `json:"second_reviewer"`
	ConfirmedAt    time.Time `json:"confirmed_at"`
}

// Translator renders catalogue message id with template data, as
// i18n.Catalogue.T does for one language.
type Translator func(id string, data map[string]any) string

// ErrInvalid is wrapped by every error about a Report that cannot be
// rendered.
var ErrInvalid = errors.New("report: invalid report")

// documentIDPattern keeps document ids to characters that need no escaping
// in PDF strings, HTML or file names, so Verify can read them back exactly.
var documentIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{3,63}$`)

var langPattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// crockford is Crockford's base-32 alphabet: no I, L, O or U, so an id
// read aloud or typed from paper is hard to get wrong.
var crockford = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// NewDocumentID returns a fresh random document id such as
// "BGC-7K3M-9QX2-AB4D-HT6R" (80 random bits).
func NewDocumentID() string {
	var b [10]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	s := crockford.EncodeToString(b[:])
	return "BGC-" + s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16]
}

// MaskCPR returns the birth-date part of a CPR number followed by "-XXXX",
// e.g. "010190-XXXX". It never returns the last four digits: it accepts a
// full number (ten digits, with or without a hyphen or spaces) or an
// already masked one ("010190-****", "010190-XXXX"), returns "" for an
// empty input and "XXXXXX-XXXX" for anything else.
func MaskCPR(cpr string) string {
	s := strings.TrimSpace(cpr)
	if s == "" {
		return ""
	}
	var digits, masks int
	var head []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			if masks > 0 { // a digit after the masked part: not a shape we know
				return "XXXXXX-XXXX"
			}
			digits++
			if len(head) < 6 {
				head = append(head, c)
			}
		case c == '*' || c == 'X' || c == 'x':
			masks++
		case c == '-' || c == ' ':
		default:
			return "XXXXXX-XXXX"
		}
	}
	if (digits == 10 && masks == 0) || (digits == 6 && masks == 4) {
		return string(head) + "-XXXX"
	}
	return "XXXXXX-XXXX"
}

// validate reports the first problem that would make the document wrong
// or unverifiable.
func validate(r *Report) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
	}
	if !documentIDPattern.MatchString(r.DocumentID) {
		return bad("document id %q must be 4–64 letters, digits, '.', '_' or '-'", r.DocumentID)
	}
	if r.GeneratedAt.IsZero() {
		return bad("GeneratedAt is not set")
	}
	if !langPattern.MatchString(r.Lang) {
		return bad("language %q is not a language tag", r.Lang)
	}
	dates := map[string]string{"Subject.BirthDate": r.Subject.BirthDate, "ValidUntil": r.ValidUntil, "NextRecheck": r.NextRecheck}
	if a := r.Analysis; a != nil {
		dates["Analysis.CoverageFrom"], dates["Analysis.CoverageTo"] = a.CoverageFrom, a.CoverageTo
		switch a.Recommendation {
		case RecommendMeets, RecommendAttention, RecommendNotMeet:
		default:
			return bad("unknown recommendation %q", a.Recommendation)
		}
	}
	for name, d := range dates {
		if d == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return bad("%s %q is not a date (YYYY-MM-DD)", name, d)
		}
	}
	for i, f := range r.Findings {
		switch f.Severity {
		case SeverityInfo, SeverityWarning, SeverityActionRequired, SeverityBlocking:
		default:
			return bad("finding %d: unknown severity %q", i+1, f.Severity)
		}
	}
	if d := r.Decision; d != nil {
		if d.Outcome != OutcomeApproved && d.Outcome != OutcomeRejected {
			return bad("unknown decision outcome %q", d.Outcome)
		}
		if d.DecidedAt.IsZero() {
			return bad("the decision has no time")
		}
	}
	return nil
}
