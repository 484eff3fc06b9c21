package report

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	// Embedded zone data: reports show Danish time even on hosts without
	// a zone database.
	_ "time/tzdata"
)

// view is a report laid out and translated, ready for either renderer, so
// the HTML and the PDF state exactly the same things.
type view struct {
	Lang       string
	Title      string
	OrgName    string
	DocumentID string
	Checksum   string
	Intro      []field
	Sections   []section

	// Texts of the running header and footer.
	RunningID, RunningChecksum string
}

type section struct {
	Heading string
	Notes   []string // paragraphs before the fields
	Fields  []field
	Table   *table
	Empty   string // shown instead of the table when it has no rows
}

type field struct {
	Label, Value string
	Mono         bool // an identifier or checksum, typed by someone verifying the copy
}

func kv(label, value string) field { return field{Label: label, Value: value} }

func mono(label, value string) field { return field{Label: label, Value: value, Mono: true} }

type table struct {
	Class   string // names the table's column widths in the HTML style sheet
	Columns []string
	Widths  []float64 // relative column widths for the PDF
	Rows    [][]cell
}

// cell is one table cell: paragraphs, each in its own style.
type cell []para

type para struct {
	Text  string
	Style string // "" (plain), styleStrong, styleMuted or styleAlert
}

const (
	styleStrong = "strong"
	styleMuted  = "muted"
	styleAlert  = "alert"
)

// copenhagen is where the reader is: times are shown in Danish time.
var copenhagen = sync.OnceValue(func() *time.Location {
	if loc, err := time.LoadLocation("Europe/Copenhagen"); err == nil {
		return loc
	}
	return time.UTC
})

// fmtTime shows a time to the minute with its zone abbreviation (CET or
// CEST), so it is unambiguous on paper.
func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(copenhagen()).Format("2006-01-02 15:04 MST")
}

const dash = "—"

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return dash
	}
	return s
}

// clean turns text from the application into something both renderers
// print as intended: Windows line ends become \n, tabs become spaces, and
// other control characters and private-use characters (which the fonts
// cannot draw, and which the PDF uses as a placeholder) are removed.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t' || r == '\r':
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Co, r):
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// build lays out r; r must have passed validate.
func build(r Report, t Translator) view {
	sum := ContentChecksum(r)
	r = normalised(r)
	tr := func(id string, pairs ...any) string {
		var data map[string]any
		if len(pairs) > 0 {
			data = map[string]any{}
			for i := 0; i+1 < len(pairs); i += 2 {
				data[pairs[i].(string)] = pairs[i+1]
			}
		}
		return t(id, data)
	}
	v := view{
		Lang:       r.Lang,
		Title:      tr("report.title"),
		OrgName:    clean(r.Organisation.Name),
		DocumentID: r.DocumentID,
		Checksum:   sum,
		Intro: []field{
			mono(tr("report.document_id"), r.DocumentID),
			kv(tr("report.generated_at"), fmtTime(r.GeneratedAt)),
			kv(tr("report.case_ref"), orDash(clean(r.CaseRef))),
		},
		RunningID:       tr("report.document_id") + ": " + r.DocumentID,
		RunningChecksum: tr("report.content_checksum") + ": " + sum,
	}
	v.Sections = []section{
		{
			Heading: tr("report.section.organisation"),
			Fields: []field{
				kv(tr("report.organisation.name"), orDash(clean(r.Organisation.Name))),
				kv(tr("report.organisation.cvr"), orDash(clean(r.Organisation.CVR))),
			},
		},
		{
			Heading: tr("report.section.subject"),
			Fields: []field{
				kv(tr("report.subject.name"), orDash(clean(r.Subject.Name))),
				kv(tr("report.subject.cpr"), orDash(r.Subject.MaskedCPR)),
				kv(tr("report.subject.birth_date"), orDash(r.Subject.BirthDate)),
			},
		},
		packageSection(r, tr),
		sourcesSection(r, tr),
		analysisSection(r, tr),
		findingsSection(r, tr),
		decisionSection(r, tr),
		{
			Heading: tr("report.section.validity"),
			Fields: []field{
				kv(tr("report.validity.valid_until"), orDash(r.ValidUntil)),
				kv(tr("report.validity.next_recheck"), orDash(r.NextRecheck)),
			},
		},
		{
			Heading: tr("report.section.verification"),
			Notes:   []string{tr("report.verification.text")},
			Fields: []field{
				mono(tr("report.document_id"), r.DocumentID),
				mono(tr("report.content_checksum"), sum),
			},
		},
	}
	return v
}

// trFunc translates a message id with name/value pairs as template data.
type trFunc func(id string, pairs ...any) string

func packageSection(r Report, tr trFunc) section {
	s := section{
		Heading: tr("report.section.package"),
		Fields: []field{
			kv(tr("report.package.name"), orDash(clean(r.Package.Name))),
			kv(tr("report.package.version"), strconv.Itoa(r.Package.Version)),
			kv(tr("report.package.template"), orDash(clean(r.Package.Template))),
		},
		Table: &table{
			Class:   "t-categories",
			Columns: []string{tr("report.package.category"), tr("report.package.justification")},
			Widths:  []float64{1, 2},
		},
		Empty: tr("report.package.no_categories"),
	}
	for _, c := range r.Package.Categories {
		s.Table.Rows = append(s.Table.Rows, []cell{
			{{clean(c.Label), styleStrong}},
			{{orDash(clean(c.Justification)), ""}},
		})
	}
	return s
}

func sourcesSection(r Report, tr trFunc) section {
	s := section{
		Heading: tr("report.section.sources"),
		Table: &table{
			Class:   "t-sources",
			Columns: []string{tr("report.sources.source"), tr("report.sources.what"), tr("report.sources.at"), tr("report.sources.outcome")},
			Widths:  []float64{1, 2, 1.25, 1.75},
		},
		Empty: tr("report.sources.none"),
	}
	for _, src := range r.Sources {
		s.Table.Rows = append(s.Table.Rows, []cell{
			{{clean(src.Name), styleStrong}},
			{{orDash(clean(src.What)), ""}},
			{{orDash(fmtTime(src.At)), ""}},
			{{orDash(clean(src.Outcome)), ""}},
		})
	}
	return s
}

func analysisSection(r Report, tr trFunc) section {
	s := section{Heading: tr("report.section.analysis")}
	a := r.Analysis
	if a == nil {
		s.Notes = []string{tr("report.analysis.none")}
		return s
	}
	coverage := dash
	if a.CoverageFrom != "" || a.CoverageTo != "" {
		coverage = orDash(a.CoverageFrom) + " – " + orDash(a.CoverageTo)
	}
	s.Notes = []string{tr("report.analysis.advice")}
	s.Fields = []field{
		kv(tr("report.analysis.rule_version"), orDash(clean(a.RuleVersion))),
		kv(tr("report.analysis.analysed_at"), orDash(fmtTime(a.AnalysedAt))),
		kv(tr("report.analysis.coverage"), coverage),
		kv(tr("report.analysis.recommendation"), tr("report.recommendation."+a.Recommendation)),
	}
	return s
}

func findingsSection(r Report, tr trFunc) section {
	open := 0
	for _, f := range r.Findings {
		if f.ResolvedAt.IsZero() {
			open++
		}
	}
	s := section{
		Heading: tr("report.section.findings"),
		Table: &table{
			Class:   "t-findings",
			Columns: []string{"#", tr("report.findings.finding"), tr("report.findings.resolution")},
			Widths:  []float64{0.35, 4, 3},
		},
		Empty: tr("report.findings.none"),
	}
	if len(r.Findings) > 0 {
		s.Notes = []string{tr("report.findings.summary", "Count", len(r.Findings), "Open", open)}
	} else if r.Analysis == nil {
		s.Empty = tr("report.analysis.none")
	}
	for i, f := range r.Findings {
		sev := styleMuted
		if f.Severity == SeverityBlocking || f.Severity == SeverityActionRequired {
			sev = styleAlert
		}
		finding := cell{
			{clean(f.Title), styleStrong},
			{tr("report.severity."+f.Severity) + " · " + clean(f.Category), sev},
		}
		if d := clean(f.Description); d != "" {
			finding = append(finding, para{d, ""})
		}
		if e := clean(f.Evidence); e != "" {
			finding = append(finding, para{tr("report.findings.evidence", "Evidence", e), styleMuted})
		}
		var resolution cell
		if f.ResolvedAt.IsZero() {
			resolution = cell{{tr("report.findings.unresolved"), styleAlert}}
			if n := clean(f.ResolutionNote); n != "" {
				resolution = append(resolution, para{n, ""})
			}
		} else {
			resolution = cell{
				{orDash(clean(f.ResolutionNote)), ""},
				{tr("report.findings.resolved_by", "Name", orDash(clean(f.ResolvedBy)), "At", fmtTime(f.ResolvedAt)), styleMuted},
			}
		}
		s.Table.Rows = append(s.Table.Rows, []cell{{{strconv.Itoa(i + 1), ""}}, finding, resolution})
	}
	return s
}

func decisionSection(r Report, tr trFunc) section {
	s := section{Heading: tr("report.section.decision")}
	d := r.Decision
	if d == nil {
		s.Notes = []string{tr("report.decision.none")}
		return s
	}
	s.Fields = []field{
		kv(tr("report.decision.outcome"), tr("report.decision."+d.Outcome)),
		kv(tr("report.decision.reason"), orDash(clean(d.Reason))),
		kv(tr("report.decision.decided_by"), orDash(clean(d.DecidedBy))),
		kv(tr("report.decision.decided_at"), fmtTime(d.DecidedAt)),
	}
	if d.SecondReviewer != "" || !d.ConfirmedAt.IsZero() {
		s.Fields = append(s.Fields,
			kv(tr("report.decision.second_reviewer"), orDash(clean(d.SecondReviewer))),
			kv(tr("report.decision.confirmed_at"), orDash(fmtTime(d.ConfirmedAt))),
		)
	}
	return s
}
