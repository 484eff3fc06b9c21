package webtest

import (
	"context"
	"io"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// SubmittedDocID is the document the fake's submitted data holds.
const SubmittedDocID = "doc-1"

// submittedPNG is a tiny image standing in for an uploaded ID.
const submittedPNG = "\x89PNG\r\n\x1a\nfake image"

func (cs casesFake) Submission(ctx context.Context, id string) (*domain.Submission, error) {
	if err := cs.call("Cases.Submission"); err != nil {
		return nil, err
	}
	e, err := cs.entry(ctx, domain.PermCasesRead, id)
	if err != nil {
		return nil, err
	}
	defer cs.mu.Unlock()
	return &domain.Submission{
		Data: domain.WizardData{
			Personal:   domain.Personal{Address: "Testvej 1", Postcode: "2100", City: "København Ø", Country: "DK", Citizenship: "DK"},
			Activities: []domain.Activity{{Kind: domain.ActivityEmployment, Employer: "Lufthavn A/S", CVR: "12345674", Role: "Security officer", From: "01/01/20"}},
		},
		Steps:     []domain.WizardStep{{Key: domain.StepPersonal, Category: domain.CatIdentity, Done: true}, {Key: domain.StepIDDocument, Category: domain.CatIDDocument, Done: true}},
		Documents: []*domain.Document{{ID: SubmittedDocID, CaseID: e.c.ID, Step: domain.StepIDDocument, Kind: domain.DocPassport, Name: "pas.png", ContentType: "image/png", Size: int64(len(submittedPNG))}},
		CPRMasked: "010190-****",
	}, nil
}

func (cs casesFake) OpenDocument(ctx context.Context, caseID, docID string) (io.ReadCloser, *domain.Document, error) {
	if err := cs.call("Cases.OpenDocument"); err != nil {
		return nil, nil, err
	}
	e, err := cs.entry(ctx, domain.PermCasesRead, caseID)
	if err != nil {
		return nil, nil, err
	}
	defer cs.mu.Unlock()
	if docID != SubmittedDocID {
		return nil, nil, notFound()
	}
	d := &domain.Document{ID: SubmittedDocID, CaseID: e.c.ID, Kind: domain.DocPassport, Name: "pas.png", ContentType: "image/png", Size: int64(len(submittedPNG))}
	return io.NopCloser(strings.NewReader(submittedPNG)), d, nil
}

// MarkSubmitted moves a fake case to submitted, so pages show the
// subject's submission.
func (f *Fakes) MarkSubmitted(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if e := f.caseByID(id); e != nil {
		e.c.Status, e.c.SubmittedAt = domain.CaseSubmitted, f.clock
	}
}

func (cs casesFake) Handlers(ctx context.Context) ([]*domain.User, error) {
	if err := cs.call("Cases.Handlers"); err != nil {
		return nil, err
	}
	if err := cs.require(ctx, domain.PermCasesRead); err != nil {
		return nil, err
	}
	var out []*domain.User
	for _, r := range []domain.Role{domain.RoleCaseHandler, domain.RoleReviewer} {
		out = append(out, &domain.User{ID: "user-" + string(r), Name: "Colleague " + string(r), Role: r, Status: domain.UserActive})
	}
	return out, nil
}

// FindingKey is the key of the fake analysis' finding.
const FindingKey = "k"

func (cs casesFake) Analysis(ctx context.Context, id string) (*domain.Analysis, error) {
	if err := cs.call("Cases.Analysis"); err != nil {
		return nil, err
	}
	e, err := cs.entry(ctx, domain.PermCasesRead, id)
	if err != nil {
		return nil, err
	}
	defer cs.mu.Unlock()
	if e.c.SubmittedAt.IsZero() {
		return nil, notFound()
	}
	return &domain.Analysis{ID: "analysis-1", CaseID: id, RuleVersion: "2026.11.1", Recommendation: domain.RecommendAttention,
		CoverageFrom: "2021-11-23", CoverageTo: "2026-11-22", NextRecheck: "2027-11-23",
		Findings: []*domain.Finding{
			{ID: "f1", Key: FindingKey, Rule: "gap_unexplained", Category: "cv", Severity: domain.SeverityActionRequired,
				Evidence: []domain.FindingEvidence{{Source: "declared", ID: "activity-1"}}, Params: map[string]string{"From": "2024-01-01", "To": "2024-03-01", "Days": "60", "UnexplainedDays": "60"}},
			{ID: "f2", Key: "k2", Rule: "recheck_due", Category: "cv", Severity: domain.SeverityInfo, Params: map[string]string{"CoverageFrom": "2021-11-23", "CoverageTo": "2026-11-22", "ValidUntil": "2027-11-22", "NextRecheck": "2027-11-23"},
				Resolution: &domain.Resolution{Note: "Noted", ResolvedBy: "handler@example.com"}},
		}}, nil
}

func (cs casesFake) ResolveFinding(ctx context.Context, caseID, key, note string) error {
	if err := cs.call("Cases.ResolveFinding"); err != nil {
		return err
	}
	if _, err := cs.entry(ctx, domain.PermCasesManage, caseID); err != nil {
		return err
	}
	cs.mu.Unlock()
	if key != FindingKey {
		return notFound()
	}
	if strings.TrimSpace(note) == "" {
		return domain.Invalid(map[string]string{"note": "error.note_required"})
	}
	return nil
}

func (cs casesFake) Reanalyse(ctx context.Context, id string) error {
	if err := cs.call("Cases.Reanalyse"); err != nil {
		return err
	}
	if _, err := cs.entry(ctx, domain.PermCasesManage, id); err != nil {
		return err
	}
	cs.mu.Unlock()
	return nil
}

func (cs casesFake) VerifyIdentity(ctx context.Context, caseID, docID, note string) error {
	if err := cs.call("Cases.VerifyIdentity"); err != nil {
		return err
	}
	if _, err := cs.entry(ctx, domain.PermCasesManage, caseID); err != nil {
		return err
	}
	cs.mu.Unlock()
	if docID != SubmittedDocID {
		return domain.Invalid(map[string]string{"document": "error.invalid"})
	}
	if strings.TrimSpace(note) == "" {
		return domain.Invalid(map[string]string{"note": "error.note_required"})
	}
	return nil
}

// SetAssurance sets how a fake case's subject was identified.
func (f *Fakes) SetAssurance(id, assurance string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if e := f.caseByID(id); e != nil {
		e.c.Assurance = assurance
	}
}

func (cs casesFake) AddEmployerContact(ctx context.Context, caseID string, c domain.EmployerContact) error {
	if err := cs.call("Cases.AddEmployerContact"); err != nil {
		return err
	}
	if _, err := cs.entry(ctx, domain.PermCasesManage, caseID); err != nil {
		return err
	}
	cs.mu.Unlock()
	if strings.TrimSpace(c.Company) == "" {
		return domain.Invalid(map[string]string{"company": "error.required"})
	}
	return nil
}

func (cs casesFake) EmployerContacts(ctx context.Context, caseID string) ([]*domain.EmployerContact, error) {
	if err := cs.call("Cases.EmployerContacts"); err != nil {
		return nil, err
	}
	if _, err := cs.entry(ctx, domain.PermCasesRead, caseID); err != nil {
		return nil, err
	}
	cs.mu.Unlock()
	return []*domain.EmployerContact{{ID: "ec-1", Activity: "activity-1", ContactDate: "10/11/26", Company: "Lufthavn A/S",
		ContactPerson: "Henrik HR", ConfirmedFrom: "01/01/20", ConfirmedTo: "31/10/26", RecordedBy: "handler@example.com"}}, nil
}
