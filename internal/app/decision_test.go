package app_test

import (
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// TestDecisionFourEyesAndReopen runs a decision through a four-eyes
// package: the reason is mandatory, the decision waits for a second
// reviewer, the same person cannot confirm it, confirming closes the case,
// and reopening with a reason makes it ready for review again, all on the
// timeline and in the audit log.
func TestDecisionFourEyesAndReopen(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		_, owner := e.org("Alfa")
		reviewer := e.user(owner.OrgID, "reviewer@alfa.example", domain.RoleReviewer)
		handler := e.user(owner.OrgID, "handler@alfa.example", domain.RoleCaseHandler)
		pkg := e.pkg(owner, "id_check")
		def := pkg.Definition
		def.FourEyes = true
		if _, err := e.app.Packages().Update(as(owner), pkg.ID, def); err != nil {
			t.Fatal(err)
		}
		c, _, err := e.app.Cases().Create(as(owner), newCase(pkg, "Karen Prøvesen", "karen@example.dk"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.app.Cases().Decide(as(reviewer), c.ID, domain.DecisionApproved, "fine"); domain.ErrorCode(err) != domain.EConflict {
			t.Fatalf("decided before any analysis: %v", err)
		}
		e.submitAndAnalyse(t, owner, c.ID)
		if _, err := e.app.Cases().Decide(as(handler), c.ID, domain.DecisionApproved, "fine"); domain.ErrorCode(err) != domain.EForbidden {
			t.Fatalf("a case handler decided: %v", err)
		}
		_, err = e.app.Cases().Decide(as(reviewer), c.ID, "maybe", " ")
		if f := domain.ErrorFields(err); f["outcome"] != "error.decision_outcome" || f["reason"] != "error.reason_required" {
			t.Fatalf("bad decision accepted: %v", err)
		}
		d, err := e.app.Cases().Decide(as(reviewer), c.ID, domain.DecisionRejected, "  Identiteten kunne ikke bekræftes.  ")
		if err != nil {
			t.Fatal(err)
		}
		if !d.Pending() || d.Reason != "Identiteten kunne ikke bekræftes." {
			t.Fatalf("decision %+v", d)
		}
		if got, _ := e.app.Cases().Get(as(owner), c.ID); got.Status != domain.CaseReadyForReview {
			t.Fatalf("a four-eyes decision took effect alone: %s", got.Status)
		}
		if _, err := e.app.Cases().Decide(as(owner), c.ID, domain.DecisionApproved, "other view"); domain.ErrorCode(err) != domain.EConflict {
			t.Fatalf("second decision while one is pending: %v", err)
		}
		if err := e.app.Cases().ConfirmDecision(as(reviewer), c.ID); domain.ErrorCode(err) != domain.EForbidden {
			t.Fatalf("the decider confirmed their own decision: %v", err)
		}
		if err := e.app.Cases().ConfirmDecision(as(owner), c.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := e.app.Cases().Get(as(owner), c.ID); got.Status != domain.CaseRejected {
			t.Fatalf("status after confirmation: %s", got.Status)
		}
		if err := e.app.Cases().ConfirmDecision(as(owner), c.ID); domain.ErrorCode(err) != domain.EConflict {
			t.Fatalf("confirmed twice: %v", err)
		}
		if err := e.app.Cases().ReopenDecision(as(reviewer), c.ID, ""); domain.ErrorFields(err)["reason"] != "error.reason_required" {
			t.Fatalf("reopened without a reason: %v", err)
		}
		if err := e.app.Cases().ReopenDecision(as(reviewer), c.ID, "Nye oplysninger fra arbejdsgiveren."); err != nil {
			t.Fatal(err)
		}
		if got, _ := e.app.Cases().Get(as(owner), c.ID); got.Status != domain.CaseReadyForReview || !got.ClosedAt.IsZero() {
			t.Fatalf("after reopening: %s closed %v", got.Status, got.ClosedAt)
		}
		ds, err := e.app.Cases().Decisions(as(owner), c.ID)
		if err != nil || len(ds) != 1 || ds[0].ConfirmedBy != owner.Email || ds[0].ReopenReason != "Nye oplysninger fra arbejdsgiveren." || ds[0].Standing() {
			t.Fatalf("decisions %+v %v", ds, err)
		}
		// Decided again, now approved: still four eyes.
		if _, err := e.app.Cases().Decide(as(owner), c.ID, domain.DecisionApproved, "Arbejdsgiveren har bekræftet perioden."); err != nil {
			t.Fatal(err)
		}
		if err := e.app.Cases().ConfirmDecision(as(reviewer), c.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := e.app.Cases().Get(as(owner), c.ID); got.Status != domain.CaseApproved {
			t.Fatalf("status: %s", got.Status)
		}
		tl, _ := e.app.Cases().Timeline(as(owner), c.ID)
		seen := map[string]int{}
		for _, ev := range tl {
			seen[ev.Action]++
		}
		if seen["case.decided"] != 2 || seen["decision.awaiting_confirmation"] != 2 || seen["case.decision_reopened"] != 1 {
			t.Fatalf("timeline %v", seen)
		}
		audited, _ := e.app.Audit().List(as(owner), domain.AuditFilter{Action: "case.decided"})
		if len(audited) != 2 {
			t.Fatalf("decisions audited %d times", len(audited))
		}
		// Another organisation cannot see or decide the case.
		_, other := e.org("Beta")
		if _, err := e.app.Cases().Decisions(as(other), c.ID); !domain.IsNotFound(err) {
			t.Fatalf("other tenant read decisions: %v", err)
		}
	})
}
