package webtest

import (
	"context"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Decide records a decision the way the real service does in outline:
// outcome and reason checked, only a case ready for review, four-eyes
// when the fake is told so (SetFourEyes).
func (cs casesFake) Decide(ctx context.Context, caseID, outcome, reason string) (*domain.Decision, error) {
	if err := cs.call("Cases.Decide"); err != nil {
		return nil, err
	}
	f := map[string]string{}
	if outcome != domain.DecisionApproved && outcome != domain.DecisionRejected {
		f["outcome"] = "error.decision_outcome"
	}
	if strings.TrimSpace(reason) == "" {
		f["reason"] = "error.reason_required"
	}
	if len(f) > 0 {
		return nil, domain.Invalid(f)
	}
	e, err := cs.entry(ctx, domain.PermCasesDecide, caseID)
	if err != nil {
		return nil, err
	}
	defer cs.mu.Unlock()
	if e.c.Status != domain.CaseReadyForReview {
		return nil, domain.Errorf(domain.EConflict, "error.case_not_ready")
	}
	ac := domain.ActorFrom(ctx)
	d := &domain.Decision{ID: "decision-" + caseID, CaseID: caseID, Outcome: outcome, Reason: strings.TrimSpace(reason),
		DecidedByID: ac.ID, DecidedBy: ac.Label, DecidedAt: cs.clock, FourEyes: cs.fourEyes}
	e.decisions = append(e.decisions, d)
	if !d.FourEyes {
		cs.decided(e, ac, outcome)
	}
	return d, nil
}

func (cs casesFake) decided(e *caseEntry, ac domain.Actor, outcome string) {
	e.c.Status = domain.CaseApproved
	if outcome == domain.DecisionRejected {
		e.c.Status = domain.CaseRejected
	}
	e.event(cs.clock, ac, "case.decided", map[string]string{"outcome": outcome})
}

func (cs casesFake) ConfirmDecision(ctx context.Context, caseID string) error {
	if err := cs.call("Cases.ConfirmDecision"); err != nil {
		return err
	}
	e, err := cs.entry(ctx, domain.PermCasesDecide, caseID)
	if err != nil {
		return err
	}
	defer cs.mu.Unlock()
	if len(e.decisions) == 0 || !e.decisions[len(e.decisions)-1].Pending() {
		return domain.Errorf(domain.EConflict, "error.no_pending_decision")
	}
	d, ac := e.decisions[len(e.decisions)-1], domain.ActorFrom(ctx)
	if d.DecidedByID == ac.ID {
		return domain.Errorf(domain.EForbidden, "error.four_eyes_same_person")
	}
	d.ConfirmedBy, d.ConfirmedAt = ac.Label, cs.clock
	cs.decided(e, ac, d.Outcome)
	return nil
}

func (cs casesFake) ReopenDecision(ctx context.Context, caseID, reason string) error {
	if err := cs.call("Cases.ReopenDecision"); err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return domain.Invalid(map[string]string{"reason": "error.reason_required"})
	}
	e, err := cs.entry(ctx, domain.PermCasesDecide, caseID)
	if err != nil {
		return err
	}
	defer cs.mu.Unlock()
	if len(e.decisions) == 0 || !e.decisions[len(e.decisions)-1].ReopenedAt.IsZero() {
		return domain.Errorf(domain.EConflict, "error.no_decision")
	}
	d := e.decisions[len(e.decisions)-1]
	d.ReopenedBy, d.ReopenedAt, d.ReopenReason = domain.ActorFrom(ctx).Label, cs.clock, strings.TrimSpace(reason)
	e.c.Status = domain.CaseReadyForReview
	return nil
}

func (cs casesFake) Decisions(ctx context.Context, caseID string) ([]*domain.Decision, error) {
	if err := cs.call("Cases.Decisions"); err != nil {
		return nil, err
	}
	e, err := cs.entry(ctx, domain.PermCasesRead, caseID)
	if err != nil {
		return nil, err
	}
	defer cs.mu.Unlock()
	out := make([]*domain.Decision, len(e.decisions))
	for i, d := range e.decisions {
		c := *d
		out[i] = &c
	}
	return out, nil
}

// SetFourEyes makes the fake's decisions wait for a second reviewer.
func (f *Fakes) SetFourEyes(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fourEyes = on
}

// SetCaseStatus sets a fake case's status, e.g. ready for review.
func (f *Fakes) SetCaseStatus(id string, st domain.CaseStatus) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if e := f.caseByID(id); e != nil {
		e.c.Status = st
	}
}

// Report returns a small stand-in PDF named by a fixed document id.
func (cs casesFake) Report(ctx context.Context, caseID, lang string) ([]byte, string, error) {
	if err := cs.call("Cases.Report"); err != nil {
		return nil, "", err
	}
	if _, err := cs.entry(ctx, domain.PermCasesRead, caseID); err != nil {
		return nil, "", err
	}
	cs.mu.Unlock()
	return []byte("%PDF-1.7 fake report " + lang), "BGC-TEST-0000-0000-0001", nil
}
