package app

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/records"
	"github.com/bgcheck/bgcheck/internal/store"
)

// JobAnalyse runs the screening rules over a submitted case.
const JobAnalyse = "case.analyse"

// enqueueAnalysis queues an analysis of the case in tx.
func (a *App) enqueueAnalysis(tx *store.Tx, orgID, caseID string) error {
	if _, err := tx.Enqueue(orgID, JobAnalyse, []byte(caseID), tx.Now, 20); err != nil {
		return err
	}
	a.wake(tx)
	return nil
}

// AnalysisHandler returns the job that analyses a case: it gathers what the
// subject declared and uploaded, runs the rules (pure, deterministic, with
// the check date passed in), stores the findings with the rule-set
// version, moves the case to ready for review and tells the company.
func (a *App) AnalysisHandler() func(ctx context.Context, j *store.Job) error {
	return func(ctx context.Context, j *store.Job) error {
		caseID := string(j.Payload)
		var r *store.CaseRow
		var pkg *domain.Package
		var docs []*store.DocumentRow
		err := a.DB.Read(ctx, func(tx *store.Tx) (err error) {
			if r, err = tx.CaseRecord(j.OrgID, caseID); err != nil {
				return err
			}
			if pkg, err = tx.PackageVersion(j.OrgID, r.PackageID, r.PackageVersion); err != nil {
				return err
			}
			docs, err = tx.CaseDocuments(j.OrgID, caseID)
			return err
		})
		if domain.IsNotFound(err) {
			return nil // the case is gone: nothing to analyse
		}
		if err != nil {
			return err
		}
		if r.Status.Closed() {
			return nil
		}
		data, _, err := a.Portal().loadData(ctx, r)
		if err != nil {
			return err
		}
		if err := a.Cases().decryptCase(ctx, r, false); err != nil {
			return err
		}
		now := a.DB.Now().In(copenhagen)
		in := buildInput(rules.NewDate(now.Year(), now.Month(), now.Day()), r, pkg.Definition, data, docs)
		ctx = domain.WithActor(ctx, domain.Actor{Type: domain.ActorSystem, OrgID: r.OrgID, Label: "system"})
		if err := a.registerEvidence(ctx, r, &in); err != nil {
			return err
		}
		if err := a.uploadedIncome(ctx, r, docs, &in); err != nil {
			return err
		}
		contacts, err := a.employerContacts(ctx, r.OrgID, r)
		if err != nil {
			return err
		}
		in.Evidence.EmployerContacts = contactEvidence(contacts)
		res := rules.Evaluate(in)
		an := analysisFrom(caseID, res)
		return a.DB.Write(ctx, func(tx *store.Tx) error {
			if err := tx.CreateAnalysis(r.OrgID, an); err != nil {
				return err
			}
			if r.Status == domain.CaseSubmitted || r.Status == domain.CaseAnalysing {
				if err := tx.SetCaseStatus(r.OrgID, r.ID, domain.CaseReadyForReview); err != nil {
					return err
				}
			}
			details := map[string]string{"rules": res.RuleSetVersion, "recommendation": an.Recommendation, "findings": itoa(int64(len(an.Findings)))}
			if err := tx.AddCaseEvent(r.OrgID, r.ID, domain.ActorFrom(ctx), "case.analysis_completed", details); err != nil {
				return err
			}
			if err := a.record(ctx, tx, event{OrgID: r.OrgID, Action: "case.analysis_completed", TargetType: "case", TargetID: r.ID, SubjectID: r.SubjectID, Details: details}); err != nil {
				return err
			}
			return a.notifyHandler(tx, r, "case_ready", readyMail(a.Translator, an))
		})
	}
}

// readyMail is what the handler's mail says about a finished analysis:
// the recommendation and how many findings of each severity, nothing
// about the person.
func readyMail(t Translator, an *domain.Analysis) map[string]any {
	n := map[string]int{}
	for _, f := range an.Findings {
		n[f.Severity]++
	}
	return map[string]any{"Recommendation": t.T("da", "recommendation."+an.Recommendation, nil),
		"Blocking": n[domain.SeverityBlocking], "ActionRequired": n[domain.SeverityActionRequired],
		"Warnings": n[domain.SeverityWarning], "Info": n[domain.SeverityInfo]}
}

func analysisFrom(caseID string, res rules.Result) *domain.Analysis {
	an := &domain.Analysis{CaseID: caseID, RuleVersion: res.RuleSetVersion, Recommendation: string(res.Recommendation),
		CoverageFrom: dateString(res.Coverage.From), CoverageTo: dateString(res.Coverage.To),
		NextRecheck: dateString(res.NextRecheck), ValidUntil: dateString(res.ValidUntil)}
	for _, f := range res.Findings {
		df := &domain.Finding{Key: f.Key, Rule: f.Rule, Category: string(f.Category), Severity: f.Severity.String(), Params: f.Params}
		for _, e := range f.Evidence {
			df.Evidence = append(df.Evidence, domain.FindingEvidence{Source: string(e.Source), ID: e.ID})
		}
		an.Findings = append(an.Findings, df)
	}
	return an
}

func dateString(d rules.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// parse reads a wizard date; the wizard validated it already, so a bad
// one only means "unknown".
func parse(s string) rules.Date {
	d, _ := rules.ParseDate(s)
	return d
}

func period(from, to string) rules.Period { return rules.Period{From: parse(from), To: parse(to)} }

// buildInput turns a case into the rules' input.
func buildInput(checkDate rules.Date, r *store.CaseRow, def domain.PackageDefinition, d domain.WizardData, docs []*store.DocumentRow) rules.Input {
	in := rules.Input{CheckDate: checkDate}
	for _, c := range def.Categories {
		in.Package.Categories = append(in.Package.Categories, rules.Category(c.Category))
	}
	in.Package.LookBackYears, in.Package.RecurrenceMonths = def.LookbackYears, def.RecurrenceMonths
	in.Package.TrustedPosition, in.Package.Position = def.ParticularlyTrusted, def.Position
	in.Package.PoliceVetting = def.Template == "aviation_extended"

	dec := &in.Declared
	dec.Name = r.SubjectName
	in.Evidence.MitIDName = d.VerifiedName
	p := d.Personal
	dec.Address = rules.Address{Street: p.Address, PostalCode: p.Postcode, City: p.City, Country: p.Country}
	if p.Citizenship != "" {
		dec.Citizenships = []string{p.Citizenship}
	}
	for i, a := range d.Activities {
		id := "activity-" + itoa(int64(i+1))
		switch a.Kind {
		case domain.ActivityEmployment, domain.ActivitySelfEmployed:
			kind := rules.KindEmployment
			if a.Kind == domain.ActivitySelfEmployed {
				kind = rules.KindSelfEmployment
			}
			dec.Activities = append(dec.Activities, rules.Activity{ID: id, Kind: kind, Period: period(a.From, a.To), Name: a.Employer, CVR: a.CVR, Country: a.Country})
		default:
			dec.GapExplanations = append(dec.GapExplanations, rules.GapExplanation{ID: id, Period: period(a.From, a.To), Reason: gapReason(a)})
		}
	}
	for i, e := range d.Educations {
		dec.Activities = append(dec.Activities, rules.Activity{ID: "education-" + itoa(int64(i+1)), Kind: rules.KindEducation, Period: period(e.From, e.To), Name: e.Institution})
	}
	for i, res := range d.Residences {
		dec.Residences = append(dec.Residences, rules.Residence{ID: "residence-" + itoa(int64(i+1)), Country: res.Country, Period: period(res.From, res.To)})
	}
	for i, ro := range d.Roles {
		dec.BusinessRoles = append(dec.BusinessRoles, rules.BusinessRole{ID: "role-" + itoa(int64(i+1)), Company: ro.Company, CVR: ro.CVR, Role: rules.RoleKind(ro.Role), Period: period(ro.From, ro.To)})
	}
	if len(d.Licence.Categories) > 0 {
		in.Evidence.Permits = append(in.Evidence.Permits, licenceRecord(d.Licence).Permits("licence")...)
	}
	if p.PermitExpires != "" {
		in.Evidence.Permits = append(in.Evidence.Permits, rules.Permit{ID: "residence-permit", Kind: rules.PermitResidence, Expiry: parse(p.PermitExpires)})
	}
	for _, doc := range docs {
		kind := rules.DocumentKind(doc.Kind)
		// Passports, national ID cards and driving licences are photo IDs
		// issued by a national authority; the reviewer checks the image.
		photoID := kind == rules.DocPassport || kind == rules.DocNationalIDCard || kind == rules.DocDrivingLicence
		in.Evidence.Documents = append(in.Evidence.Documents, rules.Document{ID: doc.ID, Kind: kind, HasPhoto: photoID, NationalAuthority: photoID})
	}
	return in
}

// licenceRecord reads the wizard's licence as recorded evidence: one
// validity per category, the card's unless the subject gave the
// category's own.
func licenceRecord(l domain.Licence) records.Licence {
	out := records.Licence{Number: l.Number, Issued: parse(l.Issued), Expiry: parse(l.Expires), Source: records.LicenceSource(l.Source)}
	for _, c := range l.Categories {
		out.Categories = append(out.Categories, records.LicenceCategory{Code: c, Expiry: parse(l.CategoryExpiry[c])})
	}
	return out
}

func gapReason(a domain.Activity) rules.GapReason {
	note := strings.ToLower(a.Note)
	switch {
	case a.Kind == domain.ActivityUnemployed:
		return rules.ReasonUnemployment
	case strings.Contains(note, "ferie") || strings.Contains(note, "holiday") || strings.Contains(note, "annual leave"):
		return rules.ReasonAnnualLeave
	case a.Kind == domain.ActivityLeave && (strings.Contains(note, "barsel") || strings.Contains(note, "parental") || strings.Contains(note, "forældre")):
		return rules.ReasonParentalLeave
	case a.Kind == domain.ActivityLeave && (strings.Contains(note, "syg") || strings.Contains(note, "sick") || strings.Contains(note, "ill")):
		return rules.ReasonIllness
	}
	return rules.ReasonOther
}

// Analysis returns a case's newest analysis with the company's
// resolutions attached.
func (s *CaseService) Analysis(ctx context.Context, id string) (*domain.Analysis, error) {
	ac, r, err := s.load(ctx, domain.PermCasesRead, id)
	if err != nil {
		return nil, err
	}
	var an *domain.Analysis
	var res []*store.ResolutionRow
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) {
		if an, err = tx.LatestAnalysis(ac.OrgID, id); err != nil {
			return err
		}
		res, err = tx.Resolutions(ac.OrgID, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	byKey := map[string]*domain.Resolution{}
	for _, rr := range res {
		note, err := s.Envelope.Decrypt(ctx, caseScope(r.OrgID, r.SubjectID, r.ID, "resolution:"+rr.Key), rr.NoteEnc)
		if err != nil {
			return nil, err
		}
		byKey[rr.Key] = &domain.Resolution{Note: string(note), ResolvedBy: rr.ResolvedBy, At: fromMillis(rr.At)}
	}
	for _, f := range an.Findings {
		f.Resolution = byKey[f.Key]
	}
	return an, nil
}

// ResolveFinding records the company's note on a finding, e.g. an
// employer-contact record or why a document suffices. Audited.
func (s *CaseService) ResolveFinding(ctx context.Context, caseID, key, note string) error {
	note = strings.TrimSpace(note)
	if note == "" || utf8.RuneCountInString(note) > 2000 {
		return &domain.Error{Code: domain.EInvalid, Message: "error.note_required", Fields: map[string]string{"note": "error.note_required"}}
	}
	ac, r, err := s.load(ctx, domain.PermCasesManage, caseID)
	if err != nil {
		return err
	}
	an, err := s.Analysis(ctx, caseID)
	if err != nil {
		return err
	}
	found := false
	for _, f := range an.Findings {
		found = found || f.Key == key
	}
	if !found {
		return domain.Errorf(domain.ENotFound, "error.not_found")
	}
	enc, err := s.Envelope.Encrypt(ctx, caseScope(r.OrgID, r.SubjectID, r.ID, "resolution:"+key), []byte(note))
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.AddResolution(ac.OrgID, caseID, key, enc, ac.Label); err != nil {
			return err
		}
		if err := tx.AddCaseEvent(ac.OrgID, caseID, ac, "finding.resolved", map[string]string{"finding": key}); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "finding.resolved", TargetType: "case", TargetID: caseID, SubjectID: r.SubjectID, Details: map[string]string{"finding": key}})
	})
}

// Reanalyse queues a new analysis of a submitted case, e.g. after new data.
func (s *CaseService) Reanalyse(ctx context.Context, id string) error {
	ac, r, err := s.load(ctx, domain.PermCasesManage, id)
	if err != nil {
		return err
	}
	if r.SubmittedAt.IsZero() || r.Status.Closed() {
		return domain.Errorf(domain.EConflict, "error.case_not_submitted")
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.AddCaseEvent(ac.OrgID, id, ac, "case.reanalysis_requested", nil); err != nil {
			return err
		}
		return s.enqueueAnalysis(tx, ac.OrgID, id)
	})
}

func fromMillis(v int64) time.Time { return time.UnixMilli(v).UTC() }
