package api

import (
	"maps"
	"regexp"
	"slices"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// The JSON shapes of the API's resources. Field names are snake_case and
// stable; times are RFC 3339 in UTC, or null when they have not happened.
// No shape carries a CPR number or document contents.

// timeOrNil is a time that is null when zero.
type timeOrNil = *time.Time

func at(t time.Time) timeOrNil {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

type packageJSON struct {
	ID                  string         `json:"id"`
	Version             int            `json:"version"`
	Name                string         `json:"name"`
	Description         string         `json:"description"`
	Position            string         `json:"position"`
	ParticularlyTrusted bool           `json:"particularly_trusted"`
	Categories          []categoryJSON `json:"categories"`
	LookbackYears       int            `json:"lookback_years"`
	RecurrenceMonths    int            `json:"recurrence_months"`
	Retention           string         `json:"retention"`
	CreatedAt           timeOrNil      `json:"created_at"`
	UpdatedAt           timeOrNil      `json:"updated_at"`
	ArchivedAt          timeOrNil      `json:"archived_at"`
}

type categoryJSON struct {
	Category      string   `json:"category"`
	Justification string   `json:"justification"`
	Documents     []string `json:"documents"`
}

func packageOf(p *domain.Package) packageJSON {
	d := p.Definition
	out := packageJSON{
		ID: p.ID, Version: p.Version, Name: d.Name, Description: d.Description, Position: d.Position,
		ParticularlyTrusted: d.ParticularlyTrusted, LookbackYears: d.LookbackYears, RecurrenceMonths: d.RecurrenceMonths,
		Retention: string(d.Retention), CreatedAt: at(p.CreatedAt), UpdatedAt: at(p.UpdatedAt), ArchivedAt: at(p.ArchivedAt),
		Categories: []categoryJSON{},
	}
	for _, c := range d.Categories {
		docs := []string{}
		for _, k := range c.Documents {
			docs = append(docs, string(k))
		}
		out.Categories = append(out.Categories, categoryJSON{Category: string(c.Category), Justification: c.Justification, Documents: docs})
	}
	return out
}

type caseJSON struct {
	ID             string    `json:"id"`
	Status         string    `json:"status"`
	PackageID      string    `json:"package_id"`
	PackageVersion int       `json:"package_version"`
	PackageName    string    `json:"package_name"`
	SubjectName    string    `json:"subject_name"`
	SubjectEmail   string    `json:"subject_email"`
	Phone          string    `json:"phone"`
	Position       string    `json:"position"`
	Department     string    `json:"department"`
	EmployeeNumber string    `json:"employee_number"`
	Language       string    `json:"language"`
	Assurance      string    `json:"assurance"`
	CreatedAt      timeOrNil `json:"created_at"`
	UpdatedAt      timeOrNil `json:"updated_at"`
	InvitedAt      timeOrNil `json:"invited_at"`
	SubmittedAt    timeOrNil `json:"submitted_at"`
	ClosedAt       timeOrNil `json:"closed_at"`
	LinkExpiresAt  timeOrNil `json:"link_expires_at"`
}

func caseOf(c *domain.Case) caseJSON {
	return caseJSON{
		ID: c.ID, Status: string(c.Status), PackageID: c.PackageID, PackageVersion: c.PackageVersion, PackageName: c.PackageName,
		SubjectName: c.SubjectName, SubjectEmail: c.SubjectEmail, Phone: c.Phone, Position: c.Position, Department: c.Department,
		EmployeeNumber: c.EmployeeNumber, Language: c.Language, Assurance: c.Assurance,
		CreatedAt: at(c.CreatedAt), UpdatedAt: at(c.UpdatedAt), InvitedAt: at(c.InvitedAt), SubmittedAt: at(c.SubmittedAt),
		ClosedAt: at(c.ClosedAt), LinkExpiresAt: at(c.LinkExpiresAt),
	}
}

type analysisJSON struct {
	ID             string    `json:"id"`
	RuleVersion    string    `json:"rule_version"`
	Recommendation string    `json:"recommendation"`
	CoverageFrom   string    `json:"coverage_from"`
	CoverageTo     string    `json:"coverage_to"`
	NextRecheck    string    `json:"next_recheck"`
	ValidUntil     string    `json:"valid_until"`
	CreatedAt      timeOrNil `json:"created_at"`
}

type findingJSON struct {
	ID         string            `json:"id"`
	Key        string            `json:"key"`
	Rule       string            `json:"rule"`
	Category   string            `json:"category"`
	Severity   string            `json:"severity"`
	Evidence   []evidenceJSON    `json:"evidence"`
	Params     map[string]string `json:"params"`
	Resolution *resolutionJSON   `json:"resolution"`
}

type evidenceJSON struct {
	Source string `json:"source"`
	ID     string `json:"id"`
}

type resolutionJSON struct {
	Note       string    `json:"note"`
	ResolvedBy string    `json:"resolved_by"`
	ResolvedAt timeOrNil `json:"resolved_at"`
}

// cprLike matches anything shaped like a CPR number. Finding parameters
// hold names, dates and places for help texts; this keeps a CPR number
// out of an API response even if a rule ever put one there.
var cprLike = regexp.MustCompile(`\b\d{6}-?\d{4}\b`)

func findingOf(f *domain.Finding) findingJSON {
	out := findingJSON{ID: f.ID, Key: f.Key, Rule: f.Rule, Category: f.Category, Severity: f.Severity,
		Evidence: []evidenceJSON{}, Params: map[string]string{}}
	for _, e := range f.Evidence {
		out.Evidence = append(out.Evidence, evidenceJSON{Source: e.Source, ID: e.ID})
	}
	for _, k := range slices.Sorted(maps.Keys(f.Params)) {
		if !cprLike.MatchString(f.Params[k]) {
			out.Params[k] = f.Params[k]
		}
	}
	if r := f.Resolution; r != nil {
		out.Resolution = &resolutionJSON{Note: r.Note, ResolvedBy: r.ResolvedBy, ResolvedAt: at(r.At)}
	}
	return out
}

func analysisOf(a *domain.Analysis) *analysisJSON {
	return &analysisJSON{ID: a.ID, RuleVersion: a.RuleVersion, Recommendation: a.Recommendation, CoverageFrom: a.CoverageFrom,
		CoverageTo: a.CoverageTo, NextRecheck: a.NextRecheck, ValidUntil: a.ValidUntil, CreatedAt: at(a.CreatedAt)}
}
