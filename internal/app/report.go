package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/report"
	"github.com/bgcheck/bgcheck/internal/store"
)

// Report issues the case's report as a PDF in lang: a new document id,
// its content checksum and the file's SHA-256 are recorded, so a copy
// shown to an inspector can be verified later. Issuing is audited.
func (s *CaseService) Report(ctx context.Context, caseID, lang string) ([]byte, string, error) {
	if lang != "en" {
		lang = "da"
	}
	ac, r, err := s.load(ctx, domain.PermCasesRead, caseID)
	if err != nil {
		return nil, "", err
	}
	rep, err := s.reportOf(ctx, r, lang)
	if err != nil {
		return nil, "", err
	}
	t := func(id string, data map[string]any) string { return s.Translator.T(lang, id, data) }
	pdf, err := report.PDF(rep, t)
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(pdf)
	row := &store.ReportRow{DocumentID: rep.DocumentID, OrgID: r.OrgID, CaseID: r.ID, ContentSHA256: report.ContentChecksum(rep),
		FileSHA256: hex.EncodeToString(sum[:]), CreatedBy: ac.Label}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.AddReport(row); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "case.report_issued", TargetType: "case", TargetID: r.ID, SubjectID: r.SubjectID,
			Details: map[string]string{"document_id": rep.DocumentID}})
	})
	if err != nil {
		return nil, "", err
	}
	return pdf, rep.DocumentID, nil
}

// reportOf gathers what the report states.
func (s *CaseService) reportOf(ctx context.Context, r *store.CaseRow, lang string) (report.Report, error) {
	t := func(id string, data map[string]any) string { return s.Translator.T(lang, id, data) }
	if err := s.decryptCase(ctx, r, false); err != nil {
		return report.Report{}, err
	}
	var org *domain.Organisation
	var pkg *domain.Package
	var sub *store.SubjectRow
	var events []*domain.CaseEvent
	err := s.DB.Read(ctx, func(tx *store.Tx) (err error) {
		if org, err = tx.Organisation(r.OrgID); err != nil {
			return err
		}
		if pkg, err = tx.PackageVersion(r.OrgID, r.PackageID, r.PackageVersion); err != nil {
			return err
		}
		if sub, err = tx.Subject(r.OrgID, r.SubjectID); err != nil {
			return err
		}
		events, err = tx.CaseEvents(r.OrgID, r.ID)
		return err
	})
	if err != nil {
		return report.Report{}, err
	}
	rep := report.Report{DocumentID: report.NewDocumentID(), GeneratedAt: s.DB.Now(), Lang: lang, CaseRef: r.ID,
		Organisation: report.Organisation{Name: org.Name, CVR: org.CVR},
		Subject:      report.Subject{Name: r.SubjectName, MaskedCPR: sub.CPRMasked},
		Package:      report.Package{Name: pkg.Definition.Name, Version: pkg.Version}}
	if pkg.Definition.Template != "" {
		rep.Package.Template = t("template."+pkg.Definition.Template+".name", nil)
	}
	for _, c := range pkg.Definition.Categories {
		rep.Package.Categories = append(rep.Package.Categories, report.Category{Label: t("category."+string(c.Category), nil), Justification: c.Justification})
	}
	for _, e := range events {
		if src, ok := reportSources[e.Action]; ok {
			rep.Sources = append(rep.Sources, report.Source{Name: t("report.source."+src+".name", nil), What: t("report.source."+src+".what", nil), At: e.At,
				Outcome: t("case.event."+e.Action, nil)})
		}
	}
	an, err := s.Analysis(ctx, r.ID)
	switch {
	case err == nil:
		rep.Analysis = &report.Analysis{RuleVersion: an.RuleVersion, Recommendation: an.Recommendation,
			CoverageFrom: an.CoverageFrom, CoverageTo: an.CoverageTo, AnalysedAt: an.CreatedAt}
		rep.ValidUntil, rep.NextRecheck = an.ValidUntil, an.NextRecheck
		for _, f := range an.Findings {
			data := map[string]any{}
			for k, v := range f.Params {
				data[k] = v
			}
			rf := report.Finding{Category: t("category."+f.Category, nil), Severity: f.Severity,
				Title: t("rule."+f.Rule+".title", data), Description: t("rule."+f.Rule+".help", data)}
			var ev []string
			for _, e := range f.Evidence {
				ev = append(ev, t("source."+e.Source, nil))
			}
			rf.Evidence = strings.Join(ev, ", ")
			if res := f.Resolution; res != nil {
				rf.ResolutionNote, rf.ResolvedBy, rf.ResolvedAt = res.Note, res.ResolvedBy, res.At
			}
			rep.Findings = append(rep.Findings, rf)
		}
	case !domain.IsNotFound(err):
		return report.Report{}, err
	}
	ds, err := s.decisionsOf(ctx, r)
	if err != nil {
		return report.Report{}, err
	}
	if n := len(ds); n > 0 && ds[n-1].Standing() {
		d := ds[n-1]
		rep.Decision = &report.Decision{Outcome: d.Outcome, Reason: d.Reason, DecidedBy: d.DecidedBy, DecidedAt: d.DecidedAt,
			SecondReviewer: d.ConfirmedBy, ConfirmedAt: d.ConfirmedAt}
	}
	return rep, nil
}

// reportSources names the timeline actions that are checks against a
// source, and the report's wording for each.
var reportSources = map[string]string{
	"identity.bound":             "mitid",
	"identity.document_verified": "id_document",
	"case.submitted":             "subject",
	"employer_contact.recorded":  "employer_contact",
	"case.analysis_completed":    "analysis",
}

// VerifyReport checks a report file against the record made when it was
// issued. It is an operator's task and crosses organisations.
func (o *Operator) VerifyReport(ctx context.Context, file []byte) (*store.ReportRow, bool, error) {
	id, err := report.Verify(file)
	if err != nil {
		return nil, false, err
	}
	var row *store.ReportRow
	if err := o.DB.Read(ctx, func(tx *store.Tx) (err error) { row, err = tx.ReportByDocumentID(id.DocumentID); return err }); err != nil {
		return nil, false, err
	}
	return row, row.FileSHA256 == id.FileSHA256, nil
}
