package app

import (
	"context"
	"maps"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// Submit implements domain.PortalService: every step must be complete with
// its documents. The company is told by e-mail (the assigned handler, else
// whoever created the case) and sees the case as submitted.
func (s *PortalService) Submit(ctx context.Context, token string) error {
	_, c, ctx, err := s.session(ctx, token)
	if err != nil {
		return err
	}
	w, err := s.wizardOf(ctx, c)
	if err != nil {
		return err
	}
	if !c.Status.Open() {
		return errNotEditable
	}
	fields := map[string]string{}
	for _, st := range w.Steps {
		if !st.Done {
			fields["step_"+st.Key] = "error.step_incomplete"
		}
	}
	if len(fields) > 0 {
		return &domain.Error{Code: domain.EInvalid, Message: "error.steps_incomplete", Fields: fields}
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetCaseStatus(c.OrgID, c.ID, domain.CaseSubmitted); err != nil {
			return err
		}
		if err := tx.AddCaseEvent(c.OrgID, c.ID, subjectActor(c), "case.submitted", map[string]string{"documents": itoa(int64(len(w.Documents)))}); err != nil {
			return err
		}
		if err := s.record(ctx, tx, event{OrgID: c.OrgID, Action: "case.submitted", TargetType: "case", TargetID: c.ID, SubjectID: c.SubjectID}); err != nil {
			return err
		}
		if err := s.enqueueAnalysis(tx, c.OrgID, c.ID); err != nil {
			return err
		}
		return s.notifyHandler(tx, c, "case_submitted")
	})
}

// notifyHandler queues an e-mail (mail.<msg>.subject/.body) to the company
// user responsible for the case. It names no personal data: the link leads
// to the case.
func (a *App) notifyHandler(tx *store.Tx, c *store.CaseRow, msg string, extra ...map[string]any) error {
	to := c.HandlerID
	if to == "" {
		to = c.CreatedBy
	}
	if to == "" {
		return nil
	}
	u, err := tx.User(c.OrgID, to)
	if domain.IsNotFound(err) {
		return nil
	}
	if err != nil || u.Status != domain.UserActive {
		return err
	}
	data := map[string]any{"Link": a.BaseURL + "/cases/" + c.ID, "PackageName": c.PackageName, "Name": u.Name}
	for _, x := range extra {
		maps.Copy(data, x)
	}
	return a.enqueueMail(tx, c.OrgID, outgoingMail{To: u.Email, Owner: u.ID,
		Subject: a.Translator.T("da", "mail."+msg+".subject", data), Text: a.Translator.T("da", "mail."+msg+".body", data)})
}

// WithdrawConsent implements domain.PortalService. Processing of the
// category stops; when nothing consented remains, the case closes.
func (s *PortalService) WithdrawConsent(ctx context.Context, token string, cat domain.Category) error {
	_, c, ctx, err := s.session(ctx, token)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.WithdrawConsent(c.OrgID, c.ID, cat); err != nil {
			return err
		}
		if err := tx.AddCaseEvent(c.OrgID, c.ID, subjectActor(c), "consent.withdrawn", map[string]string{"category": string(cat)}); err != nil {
			return err
		}
		if err := s.record(ctx, tx, event{OrgID: c.OrgID, Action: "consent.withdrawn", TargetType: "case", TargetID: c.ID, SubjectID: c.SubjectID, Details: map[string]string{"category": string(cat)}}); err != nil {
			return err
		}
		consents, err := tx.Consents(c.OrgID, c.ID)
		if err != nil {
			return err
		}
		live := map[domain.Category]bool{}
		for _, k := range consents {
			live[k.Category] = k.Given && k.WithdrawnAt.IsZero()
		}
		for _, ok := range live {
			if ok {
				return nil
			}
		}
		if c.Status.Closed() {
			return nil
		}
		if err := tx.SetCaseStatus(c.OrgID, c.ID, domain.CaseConsentWithdrawn); err != nil {
			return err
		}
		return tx.DeleteCaseSessions(c.OrgID, c.ID)
	})
}
