package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

func decisionRecord(id string) string { return "decision:" + id }
func reopenRecord(id string) string   { return "decision_reopen:" + id }

// reasonOf checks a decision's or reopening's mandatory reason.
func reasonOf(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", domain.Invalid(map[string]string{"reason": "error.reason_required"})
	}
	if utf8.RuneCountInString(s) > 2000 {
		return "", domain.Invalid(map[string]string{"reason": "error.too_long"})
	}
	return s, nil
}

// Decide implements domain.CaseService.
func (s *CaseService) Decide(ctx context.Context, caseID, outcome, reason string) (*domain.Decision, error) {
	f := map[string]string{}
	if outcome != domain.DecisionApproved && outcome != domain.DecisionRejected {
		f["outcome"] = "error.decision_outcome"
	}
	reason, err := reasonOf(reason)
	if err != nil {
		for k, v := range domain.ErrorFields(err) {
			f[k] = v
		}
	}
	if len(f) > 0 {
		return nil, domain.Invalid(f)
	}
	ac, r, err := s.load(ctx, domain.PermCasesDecide, caseID)
	if err != nil {
		return nil, err
	}
	if r.Status != domain.CaseReadyForReview {
		return nil, domain.Errorf(domain.EConflict, "error.case_not_ready")
	}
	prev, err := s.decisionsOf(ctx, r)
	if err != nil {
		return nil, err
	}
	if n := len(prev); n > 0 && prev[n-1].Pending() {
		return nil, domain.Errorf(domain.EConflict, "error.decision_pending")
	}
	an, err := s.Analysis(ctx, caseID)
	if err != nil {
		return nil, err
	}
	if outcome == domain.DecisionApproved {
		for _, fd := range an.Findings {
			if fd.Severity == domain.SeverityBlocking && fd.Resolution == nil {
				return nil, domain.Errorf(domain.EConflict, "error.blocking_unresolved")
			}
		}
	}
	var pkg *domain.Package
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) {
		pkg, err = tx.PackageVersion(r.OrgID, r.PackageID, r.PackageVersion)
		return err
	}); err != nil {
		return nil, err
	}
	d := &store.DecisionRow{ID: store.NewID(), OrgID: r.OrgID, CaseID: r.ID, Outcome: outcome,
		DecidedBy: ac.ID, DecidedLabel: ac.Label, FourEyes: pkg.Definition.FourEyes}
	if d.ReasonEnc, err = s.Envelope.Encrypt(ctx, caseScope(r.OrgID, r.SubjectID, r.ID, decisionRecord(d.ID)), []byte(reason)); err != nil {
		return nil, err
	}
	details := map[string]string{"outcome": outcome}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.AddDecision(d); err != nil {
			return err
		}
		if d.FourEyes {
			if err := tx.AddCaseEvent(r.OrgID, r.ID, ac, "decision.awaiting_confirmation", details); err != nil {
				return err
			}
			return s.record(ctx, tx, event{Action: "case.decision_proposed", TargetType: "case", TargetID: r.ID, SubjectID: r.SubjectID, Details: details})
		}
		return s.takeEffect(ctx, tx, ac, r, outcome, details)
	})
	if err != nil {
		return nil, err
	}
	return &domain.Decision{ID: d.ID, CaseID: r.ID, Outcome: outcome, Reason: reason, DecidedByID: ac.ID, DecidedBy: ac.Label,
		DecidedAt: d.DecidedAt, FourEyes: d.FourEyes}, nil
}

// takeEffect closes the case with the decided outcome.
func (s *CaseService) takeEffect(ctx context.Context, tx *store.Tx, ac domain.Actor, r *store.CaseRow, outcome string, details map[string]string) error {
	st := domain.CaseApproved
	if outcome == domain.DecisionRejected {
		st = domain.CaseRejected
	}
	if err := tx.SetCaseStatus(r.OrgID, r.ID, st); err != nil {
		return err
	}
	if err := tx.AddCaseEvent(r.OrgID, r.ID, ac, "case.decided", details); err != nil {
		return err
	}
	return s.record(ctx, tx, event{Action: "case.decided", TargetType: "case", TargetID: r.ID, SubjectID: r.SubjectID, Details: details})
}

// ConfirmDecision implements domain.CaseService.
func (s *CaseService) ConfirmDecision(ctx context.Context, caseID string) error {
	ac, r, err := s.load(ctx, domain.PermCasesDecide, caseID)
	if err != nil {
		return err
	}
	ds, err := s.decisionsOf(ctx, r)
	if err != nil {
		return err
	}
	if len(ds) == 0 || !ds[len(ds)-1].Pending() {
		return domain.Errorf(domain.EConflict, "error.no_pending_decision")
	}
	d := ds[len(ds)-1]
	if d.DecidedByID == ac.ID {
		return domain.Errorf(domain.EForbidden, "error.four_eyes_same_person")
	}
	details := map[string]string{"outcome": d.Outcome, "confirmed_by": ac.Label}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.ConfirmDecision(r.OrgID, d.ID, ac.ID, ac.Label); err != nil {
			if domain.IsNotFound(err) {
				return domain.Errorf(domain.EConflict, "error.no_pending_decision")
			}
			return err
		}
		return s.takeEffect(ctx, tx, ac, r, d.Outcome, details)
	})
}

// ReopenDecision implements domain.CaseService.
func (s *CaseService) ReopenDecision(ctx context.Context, caseID, reason string) error {
	reason, err := reasonOf(reason)
	if err != nil {
		return err
	}
	ac, r, err := s.load(ctx, domain.PermCasesDecide, caseID)
	if err != nil {
		return err
	}
	ds, err := s.decisionsOf(ctx, r)
	if err != nil {
		return err
	}
	if len(ds) == 0 || !ds[len(ds)-1].ReopenedAt.IsZero() {
		return domain.Errorf(domain.EConflict, "error.no_decision")
	}
	d := ds[len(ds)-1]
	enc, err := s.Envelope.Encrypt(ctx, caseScope(r.OrgID, r.SubjectID, r.ID, reopenRecord(d.ID)), []byte(reason))
	if err != nil {
		return err
	}
	details := map[string]string{"outcome": d.Outcome}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.ReopenDecision(r.OrgID, d.ID, ac.ID, ac.Label, enc); err != nil {
			if domain.IsNotFound(err) {
				return domain.Errorf(domain.EConflict, "error.no_decision")
			}
			return err
		}
		if r.Status == domain.CaseApproved || r.Status == domain.CaseRejected {
			if err := tx.SetCaseStatus(r.OrgID, r.ID, domain.CaseReadyForReview); err != nil {
				return err
			}
		}
		if err := tx.AddCaseEvent(r.OrgID, r.ID, ac, "case.decision_reopened", details); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "case.decision_reopened", TargetType: "case", TargetID: r.ID, SubjectID: r.SubjectID,
			Details: details, Personal: map[string]string{"reason": reason}})
	})
}

// Decisions implements domain.CaseService.
func (s *CaseService) Decisions(ctx context.Context, caseID string) ([]*domain.Decision, error) {
	_, r, err := s.load(ctx, domain.PermCasesRead, caseID)
	if err != nil {
		return nil, err
	}
	return s.decisionsOf(ctx, r)
}

// decisionsOf returns the decisions of a case already loaded (and its
// permission checked), reasons decrypted.
func (s *CaseService) decisionsOf(ctx context.Context, r *store.CaseRow) ([]*domain.Decision, error) {
	var rows []*store.DecisionRow
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) {
		rows, err = tx.Decisions(r.OrgID, r.ID)
		return err
	}); err != nil {
		return nil, err
	}
	out := make([]*domain.Decision, 0, len(rows))
	for _, d := range rows {
		reason, err := s.Envelope.Decrypt(ctx, caseScope(r.OrgID, r.SubjectID, r.ID, decisionRecord(d.ID)), d.ReasonEnc)
		if err != nil {
			return nil, err
		}
		x := &domain.Decision{ID: d.ID, CaseID: d.CaseID, Outcome: d.Outcome, Reason: string(reason), DecidedByID: d.DecidedBy,
			DecidedBy: d.DecidedLabel, DecidedAt: d.DecidedAt, FourEyes: d.FourEyes, ConfirmedBy: d.ConfirmedLabel,
			ConfirmedAt: d.ConfirmedAt, ReopenedBy: d.ReopenedLabel, ReopenedAt: d.ReopenedAt}
		if d.ReopenReasonEnc != nil {
			b, err := s.Envelope.Decrypt(ctx, caseScope(r.OrgID, r.SubjectID, r.ID, reopenRecord(d.ID)), d.ReopenReasonEnc)
			if err != nil {
				return nil, err
			}
			x.ReopenReason = string(b)
		}
		out = append(out, x)
	}
	return out, nil
}
