package app

import (
	"context"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// Submission implements domain.CaseService.
func (s *CaseService) Submission(ctx context.Context, id string) (*domain.Submission, error) {
	_, r, err := s.load(ctx, domain.PermCasesRead, id)
	if err != nil {
		return nil, err
	}
	var subj *store.SubjectRow
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { subj, err = tx.Subject(r.OrgID, r.SubjectID); return err }); err != nil {
		return nil, err
	}
	w, err := s.wizardOf(ctx, r)
	if err != nil {
		return nil, err
	}
	sub := &domain.Submission{Data: w.Data, Steps: w.Steps, Documents: w.Documents, UpdatedAt: w.UpdatedAt, CPRMasked: subj.CPRMasked}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		return s.record(ctx, tx, event{Action: "case.submission_read", TargetType: "case", TargetID: id, SubjectID: r.SubjectID})
	})
	return sub, err
}

// OpenDocument implements domain.CaseService.
func (s *CaseService) OpenDocument(ctx context.Context, caseID, docID string) (io.ReadCloser, *domain.Document, error) {
	ac, r, err := s.load(ctx, domain.PermCasesRead, caseID)
	if err != nil {
		return nil, nil, err
	}
	var row *store.DocumentRow
	err = s.DB.Write(ctx, func(tx *store.Tx) (err error) {
		if row, err = tx.Document(ac.OrgID, docID); err != nil {
			return err
		}
		if row.CaseID != r.ID {
			return domain.Errorf(domain.ENotFound, "error.not_found")
		}
		if err := tx.AddCaseEvent(r.OrgID, r.ID, ac, "document.opened", map[string]string{"kind": row.Kind}); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "document.read", TargetType: "document", TargetID: docID, SubjectID: r.SubjectID})
	})
	if err != nil {
		return nil, nil, err
	}
	d, err := s.Portal().document(ctx, row)
	if err != nil {
		return nil, nil, err
	}
	rc, err := s.Blobs.Open(ctx, documentScope(row.OrgID, row.SubjectID, row.ID, "content"), row.BlobID)
	return rc, d, err
}

// AssuranceVerified marks a case whose subject signed in with an e-mail code
// and whose ID document a handler has checked.
const AssuranceVerified = "email_code_id_verified"

// VerifyIdentity implements domain.CaseService.
func (s *CaseService) VerifyIdentity(ctx context.Context, caseID, docID, note string) error {
	note = strings.TrimSpace(note)
	if note == "" || utf8.RuneCountInString(note) > 2000 {
		return &domain.Error{Code: domain.EInvalid, Message: "error.note_required", Fields: map[string]string{"note": "error.note_required"}}
	}
	ac, r, err := s.load(ctx, domain.PermCasesManage, caseID)
	if err != nil {
		return err
	}
	if r.Assurance != "email_code" {
		return domain.Errorf(domain.EConflict, "error.identity_not_pending")
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		doc, err := tx.Document(ac.OrgID, docID)
		if err != nil || doc.CaseID != caseID {
			return &domain.Error{Code: domain.EInvalid, Message: "error.invalid", Fields: map[string]string{"document": "error.invalid"}, Err: err}
		}
		if err := tx.BindCaseIdentity(ac.OrgID, caseID, r.IdentityRef, AssuranceVerified); err != nil {
			return err
		}
		if err := tx.AddCaseEvent(ac.OrgID, caseID, ac, "identity.document_verified", map[string]string{"kind": doc.Kind}); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "identity.document_verified", TargetType: "case", TargetID: caseID, SubjectID: r.SubjectID,
			Details: map[string]string{"document": docID}, Personal: map[string]string{"note": note}})
	})
}
