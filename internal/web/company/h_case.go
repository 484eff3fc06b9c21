package company

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// maxCancelReason bounds the reason given for cancelling a case.
const maxCancelReason = 1000

// caseData is the case page's data.
type caseData struct {
	C        *domain.Case
	Events   []eventRow
	Consents []*domain.Consent
	People   people
	// Manage says the signed-in user may change the case and it is not
	// closed.
	Manage bool
	// Invitation says the subject has not submitted yet, so the invitation
	// can be sent again or to another address.
	Invitation bool
	// Sub is what the subject submitted; nil before submission.
	Sub *domain.Submission
	// Analysis is the newest analysis; nil before the first.
	Analysis *domain.Analysis
	// Contacts are the employer-contact records of the case.
	Contacts []*domain.EmployerContact
	// ActivityOptions are the CV lines a contact record can verify.
	ActivityOptions []activityOption
	// ContactFields are the employer-contact form's text fields.
	ContactFields []contactField
	// Findings groups the analysis' findings by severity, gravest first.
	Findings []findingGroup
	// Decisions are the case's decisions, oldest first; Current is the
	// newest unless it was reopened. Decide says the signed-in user may
	// decide now; Confirm that they may confirm a pending decision.
	Decisions []*domain.Decision
	Current   *domain.Decision
	Decide    bool
	Confirm   bool
}

// contactField is one text field of the employer-contact form.
type contactField struct{ Name, Label string }

var contactFields = []contactField{
	{"contact_date", "field.ec_contact_date"}, {"company", "field.ec_company"}, {"contact_person", "field.ec_contact_person"},
	{"confirmed_from", "field.ec_confirmed_from"}, {"confirmed_to", "field.ec_confirmed_to"},
}

// activityOption is one CV line in the employer-contact form; Value is the
// id the analysis knows the line by.
type activityOption struct {
	Value string
	domain.Activity
}

// findingGroup is the findings of one severity.
type findingGroup struct {
	Severity string
	Findings []*domain.Finding
}

// severities orders finding groups on the page, gravest first.
var severities = []string{domain.SeverityBlocking, domain.SeverityActionRequired, domain.SeverityWarning, domain.SeverityInfo}

// eventRow is one timeline line prepared for display.
type eventRow struct {
	*domain.CaseEvent
	Label   string
	Details []pair
}

func (s *Server) caseShow(w http.ResponseWriter, r *http.Request) {
	c, err := s.Cases.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.casePage(w, r, c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, viewCase, p)
}

// casePage gathers what the case page shows besides the case itself.
func (s *Server) casePage(w http.ResponseWriter, r *http.Request, c *domain.Case) (*page, error) {
	events, err := s.Cases.Timeline(r.Context(), c.ID)
	if err != nil {
		return nil, err
	}
	consents, err := s.Cases.Consents(r.Context(), c.ID)
	if err != nil {
		return nil, err
	}
	ppl, err := s.people(r)
	if err != nil {
		return nil, err
	}
	p := s.newPage(w, r, "page.case.title")
	d := caseData{C: c, Consents: consents, People: ppl}
	d.Manage = p.May.CasesManage && !c.Status.Closed()
	d.Invitation = d.Manage && (c.Status == domain.CaseDraft || c.Status.Open())
	if !c.SubmittedAt.IsZero() {
		if d.Sub, err = s.Cases.Submission(r.Context(), c.ID); err != nil {
			return nil, err
		}
		if d.Contacts, err = s.Cases.EmployerContacts(r.Context(), c.ID); err != nil {
			return nil, err
		}
		for i, a := range d.Sub.Data.Activities {
			d.ActivityOptions = append(d.ActivityOptions, activityOption{Value: fmt.Sprintf("activity-%d", i+1), Activity: a})
		}
		d.ContactFields = contactFields
		an, err := s.Cases.Analysis(r.Context(), c.ID)
		switch {
		case err == nil:
			d.Analysis, d.Findings = an, groupFindings(an.Findings)
		case !domain.IsNotFound(err):
			return nil, err
		}
	}
	if d.Analysis != nil {
		if d.Decisions, err = s.Cases.Decisions(r.Context(), c.ID); err != nil {
			return nil, err
		}
		if n := len(d.Decisions); n > 0 && d.Decisions[n-1].ReopenedAt.IsZero() {
			d.Current = d.Decisions[n-1]
		}
		me := s.stateOf(r).user.ID
		d.Decide = p.May.CasesDecide && c.Status == domain.CaseReadyForReview && d.Current == nil
		d.Confirm = p.May.CasesDecide && d.Current != nil && d.Current.Pending() && d.Current.DecidedByID != me
	}
	for _, e := range events {
		d.Events = append(d.Events, eventRow{CaseEvent: e, Label: s.eventLabel(p, e.Action), Details: s.eventDetails(p, e.Details)})
	}
	p.Data = d
	p.Form["handler"], p.Form["email"] = c.HandlerID, c.SubjectEmail
	return p, nil
}

// eventLabel translates a timeline action when the catalogue knows it.
func (s *Server) eventLabel(p *page, action string) string {
	if id := caseEventPrefix + action; s.Cat.Has(id) {
		return p.loc.T(id)
	}
	return action
}

// eventDetails lists a timeline line's non-empty details with their
// names translated when the catalogue knows them.
func (s *Server) eventDetails(p *page, details map[string]string) []pair {
	var ps []pair
	for _, d := range sortedPairs(details) {
		if d.Value == "" {
			continue
		}
		if id := caseDetailPrefix + d.Key; s.Cat.Has(id) {
			d.Key = p.loc.T(id)
		}
		ps = append(ps, d)
	}
	return ps
}

// caseAction runs one change to the case named in the path. On success it
// redirects to the case with flash; a refusal the user can act on (a
// closed case, an invalid address) shows the case page again with the
// reason and the submitted form.
func (s *Server) caseAction(w http.ResponseWriter, r *http.Request, flash string, form map[string]string, do func(ctx context.Context, id string) error) {
	id := r.PathValue("id")
	err := do(r.Context(), id)
	if err == nil {
		s.setFlash(w, flash)
		s.redirect(w, r, casePath(id))
		return
	}
	switch domain.ErrorCode(err) {
	case domain.EInvalid, domain.EConflict, domain.EForbidden, domain.ETooMany:
	default:
		s.fail(w, r, err)
		return
	}
	c, gerr := s.Cases.Get(r.Context(), id)
	if gerr != nil {
		s.fail(w, r, gerr)
		return
	}
	p, perr := s.casePage(w, r, c)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	for k, v := range form {
		p.Form[k] = v
	}
	s.formError(w, r, viewCase, p, err)
}

func (s *Server) caseAssign(w http.ResponseWriter, r *http.Request) {
	handler := strings.TrimSpace(r.PostFormValue("handler"))
	s.caseAction(w, r, "flash.case_assigned", map[string]string{"handler": handler}, func(ctx context.Context, id string) error {
		return s.Cases.Assign(ctx, id, handler)
	})
}

func (s *Server) caseResend(w http.ResponseWriter, r *http.Request) {
	s.caseAction(w, r, "flash.case_invitation_resent", nil, s.Cases.ResendInvitation)
}

func (s *Server) caseChangeEmail(w http.ResponseWriter, r *http.Request) {
	email := domain.NormalizeEmail(r.PostFormValue("email"))
	s.caseAction(w, r, "flash.case_email_changed", map[string]string{"email": email}, func(ctx context.Context, id string) error {
		switch {
		case email == "":
			return domain.Invalid(map[string]string{"email": "error.required"})
		case !domain.ValidEmail(email):
			return domain.Invalid(map[string]string{"email": "error.email"})
		}
		return s.Cases.ChangeEmail(ctx, id, email)
	})
}

func (s *Server) caseCancel(w http.ResponseWriter, r *http.Request) {
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	s.caseAction(w, r, "flash.case_cancelled", map[string]string{"reason": reason}, func(ctx context.Context, id string) error {
		switch {
		case reason == "":
			return domain.Invalid(map[string]string{"reason": "error.reason_required"})
		case utf8.RuneCountInString(reason) > maxCancelReason:
			return domain.Invalid(map[string]string{"reason": "error.too_long"})
		}
		return s.Cases.Cancel(ctx, id, reason)
	})
}

// caseDocument streams one of the case's documents to the viewer. The
// service audits the opening; the browser is told not to cache or sniff.
func (s *Server) caseDocument(w http.ResponseWriter, r *http.Request) {
	rc, d, err := s.Cases.OpenDocument(r.Context(), r.PathValue("id"), r.PathValue("doc"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer rc.Close()
	h := w.Header()
	h.Set("Content-Type", d.ContentType)
	h.Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": d.Name}))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
	if _, err := io.Copy(w, rc); err != nil {
		s.Logger.Warn("document stream cut short", "err", err)
	}
}

func groupFindings(fs []*domain.Finding) []findingGroup {
	var out []findingGroup
	for _, sev := range severities {
		g := findingGroup{Severity: sev}
		for _, f := range fs {
			if f.Severity == sev {
				g.Findings = append(g.Findings, f)
			}
		}
		if len(g.Findings) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func (s *Server) caseResolveFinding(w http.ResponseWriter, r *http.Request) {
	key, note := r.PostFormValue("key"), r.PostFormValue("note")
	s.caseAction(w, r, "flash.finding_resolved", map[string]string{"note": note}, func(ctx context.Context, id string) error {
		return s.Cases.ResolveFinding(ctx, id, key, note)
	})
}

func (s *Server) caseReanalyse(w http.ResponseWriter, r *http.Request) {
	s.caseAction(w, r, "flash.case_reanalysis", nil, s.Cases.Reanalyse)
}

func (s *Server) caseVerifyIdentity(w http.ResponseWriter, r *http.Request) {
	doc, note := r.PostFormValue("document"), r.PostFormValue("note")
	s.caseAction(w, r, "flash.identity_verified", map[string]string{"id_note": note}, func(ctx context.Context, id string) error {
		return s.Cases.VerifyIdentity(ctx, id, doc, note)
	})
}

func (s *Server) caseEmployerContact(w http.ResponseWriter, r *http.Request) {
	c := domain.EmployerContact{
		Activity: r.PostFormValue("activity"), ContactDate: r.PostFormValue("contact_date"), Company: r.PostFormValue("company"),
		ContactPerson: r.PostFormValue("contact_person"), ConfirmedFrom: r.PostFormValue("confirmed_from"), ConfirmedTo: r.PostFormValue("confirmed_to"),
	}
	form := map[string]string{"activity": c.Activity, "contact_date": c.ContactDate, "company": c.Company, "contact_person": c.ContactPerson,
		"confirmed_from": c.ConfirmedFrom, "confirmed_to": c.ConfirmedTo}
	s.caseAction(w, r, "flash.employer_contact_recorded", form, func(ctx context.Context, id string) error {
		return s.Cases.AddEmployerContact(ctx, id, c)
	})
}

func (s *Server) caseDecide(w http.ResponseWriter, r *http.Request) {
	outcome, reason := r.PostFormValue("outcome"), r.PostFormValue("reason")
	s.caseAction(w, r, "flash.case_decided", map[string]string{"outcome": outcome, "reason": reason}, func(ctx context.Context, id string) error {
		_, err := s.Cases.Decide(ctx, id, outcome, reason)
		return err
	})
}

func (s *Server) caseConfirmDecision(w http.ResponseWriter, r *http.Request) {
	s.caseAction(w, r, "flash.decision_confirmed", nil, s.Cases.ConfirmDecision)
}

func (s *Server) caseReopenDecision(w http.ResponseWriter, r *http.Request) {
	reason := r.PostFormValue("reopen_reason")
	s.caseAction(w, r, "flash.decision_reopened", map[string]string{"reopen_reason": reason}, func(ctx context.Context, id string) error {
		err := s.Cases.ReopenDecision(ctx, id, reason)
		if f := domain.ErrorFields(err); f["reason"] != "" {
			// The form names its field reopen_reason, beside the decision's.
			return domain.Invalid(map[string]string{"reopen_reason": f["reason"]})
		}
		return err
	})
}

// caseReport sends a freshly issued report as a download. It is never
// cached: each copy has its own recorded document id.
func (s *Server) caseReport(w http.ResponseWriter, r *http.Request) {
	pdf, docID, err := s.Cases.Report(r.Context(), r.PathValue("id"), s.stateOf(r).lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "bgcheck-" + docID + ".pdf"}))
	w.Write(pdf)
}
