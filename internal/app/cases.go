package app

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bgcheck/bgcheck/internal/auth"
	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// CaseService implements domain.CaseService.
type CaseService struct{ *App }

// Cases returns the case service.
func (a *App) Cases() *CaseService { return &CaseService{a} }

var _ domain.CaseService = (*CaseService)(nil)

// Defaults for case links and reminders (Deps.LinkTTL, Deps.ReminderAfter).
const (
	DefaultLinkTTL       = 30 * 24 * time.Hour
	DefaultReminderAfter = 3 * 24 * time.Hour
	// JobCaseReminder reminds a subject who has not submitted yet.
	JobCaseReminder = "case.reminder"
)

func caseScope(orgID, subjectID, caseID, field string) crypto.Scope {
	return crypto.Scope{OrgID: orgID, OwnerID: subjectID, Record: "case:" + caseID, Field: field}
}

// Create implements domain.CaseService.
func (s *CaseService) Create(ctx context.Context, n domain.NewCase) (*domain.Case, []string, error) {
	ac, err := require(ctx, domain.PermCasesManage)
	if err != nil {
		return nil, nil, err
	}
	n.Normalize()
	if err := n.Validate(); err != nil {
		return nil, nil, err
	}
	var pkg *domain.Package
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { pkg, err = tx.Package(ac.OrgID, n.PackageID); return err }); err != nil || !pkg.ArchivedAt.IsZero() {
		return nil, nil, &domain.Error{Code: domain.EInvalid, Message: "error.invalid", Fields: map[string]string{"package": "error.package_unknown"}, Err: err}
	}
	row, subj, terms, err := s.prepare(ctx, ac, pkg, n)
	if err != nil {
		return nil, nil, err
	}
	var warnings []string
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		open, err := tx.OpenCasesByEmail(ac.OrgID, row.EmailIndex, "")
		if err != nil {
			return err
		}
		if open > 0 {
			warnings = append(warnings, "warning.open_case_same_email")
		}
		if err := tx.CreateSubject(subj); err != nil {
			return err
		}
		if err := tx.CreateCase(row, terms); err != nil {
			return err
		}
		if err := s.caseEvent(ctx, tx, row, "case.created", map[string]string{"package": pkg.Definition.Name, "version": itoa(int64(pkg.Version))}); err != nil {
			return err
		}
		if err := s.record(ctx, tx, event{Action: "case.created", TargetType: "case", TargetID: row.ID, SubjectID: subj.ID,
			Personal: map[string]string{"name": n.SubjectName, "email": n.SubjectEmail}}); err != nil {
			return err
		}
		return s.invite(ctx, tx, row, n.SubjectName, n.SubjectEmail, "case.invitation_queued")
	})
	if err != nil {
		return nil, nil, err
	}
	row.SubjectName, row.SubjectEmail, row.Phone, row.EmployeeNumber = n.SubjectName, n.SubjectEmail, n.Phone, n.EmployeeNumber
	row.Status = domain.CaseInvited
	return &row.Case, warnings, nil
}

// prepare encrypts the new case's personal fields and computes its search
// terms, outside any transaction.
func (s *CaseService) prepare(ctx context.Context, ac domain.Actor, pkg *domain.Package, n domain.NewCase) (*store.CaseRow, *store.SubjectRow, []string, error) {
	subj := &store.SubjectRow{ID: store.NewID(), OrgID: ac.OrgID}
	row := &store.CaseRow{Case: domain.Case{
		ID: store.NewID(), OrgID: ac.OrgID, SubjectID: subj.ID, PackageID: pkg.ID, PackageVersion: pkg.Version, PackageName: pkg.Definition.Name,
		Status: domain.CaseDraft, Position: n.Position, Department: n.Department, Language: n.Language, CreatedBy: ac.ID,
		// Whoever creates a case handles it until it is assigned to someone
		// else, so a submission always reaches a person.
		HandlerID: ac.ID,
	}}
	var err error
	enc := func(sc crypto.Scope, v string) []byte {
		if v == "" || err != nil {
			return nil
		}
		var b []byte
		b, err = s.Envelope.Encrypt(ctx, sc, []byte(v))
		return b
	}
	subj.NameEnc = enc(subjectScope(ac.OrgID, subj.ID, "name"), n.SubjectName)
	subj.EmailEnc = enc(subjectScope(ac.OrgID, subj.ID, "email"), n.SubjectEmail)
	row.PhoneEnc = enc(caseScope(ac.OrgID, subj.ID, row.ID, "phone"), n.Phone)
	row.EmployeeNoEnc = enc(caseScope(ac.OrgID, subj.ID, row.ID, "employee_number"), n.EmployeeNumber)
	if err != nil {
		return nil, nil, nil, err
	}
	if row.EmailIndex, err = s.emailIndex(ctx, ac.OrgID, n.SubjectEmail); err != nil {
		return nil, nil, nil, err
	}
	terms, err := s.terms(ctx, ac.OrgID, searchWords(n.SubjectName, n.SubjectEmail, n.EmployeeNumber))
	return row, subj, terms, err
}

// invite gives the case a fresh link, moves it to invited, and queues the
// invitation e-mail and a reminder — all in tx.
func (s *CaseService) invite(ctx context.Context, tx *store.Tx, row *store.CaseRow, name, email, eventName string) error {
	token, hash := auth.NewToken()
	linkEnc, err := s.Envelope.Encrypt(ctx, caseScope(row.OrgID, row.SubjectID, row.ID, "link"), []byte(token))
	if err != nil {
		return err
	}
	expires := tx.Now.Add(s.LinkTTL)
	if err := tx.SetCaseLink(row.OrgID, row.ID, hash, linkEnc, expires); err != nil {
		return err
	}
	if row.Status == domain.CaseDraft || row.Status == domain.CaseExpired {
		if err := tx.SetCaseStatus(row.OrgID, row.ID, domain.CaseInvited); err != nil {
			return err
		}
	}
	if err := s.caseMail(tx, row, name, email, token, expires, "case_invite", "case.invitation_sent"); err != nil {
		return err
	}
	if _, err := tx.Enqueue(row.OrgID, JobCaseReminder, []byte(row.ID), tx.Now.Add(s.ReminderAfter), 3); err != nil {
		return err
	}
	return s.caseEvent(ctx, tx, row, eventName, nil)
}

// caseMail queues an e-mail to the subject in their language; msg names the
// mail in the catalogue (mail.<msg>.subject and .body).
func (s *CaseService) caseMail(tx *store.Tx, row *store.CaseRow, name, email, token string, expires time.Time, msg, sentEvent string) error {
	org, err := tx.Organisation(row.OrgID)
	if err != nil {
		return err
	}
	data := map[string]any{
		"OrgName": org.Name, "Name": name, "Link": s.BaseURL + "/s/" + token, "Position": row.Position,
		"PackageName": row.PackageName, "Expires": expires.In(copenhagen).Format("02-01-2006"),
	}
	return s.enqueueMail(tx, row.OrgID, outgoingMail{
		To: email, Subject: s.Translator.T(row.Language, "mail."+msg+".subject", data), Text: s.Translator.T(row.Language, "mail."+msg+".body", data),
		Owner: row.SubjectID, CaseID: row.ID, SentEvent: sentEvent,
	})
}

var copenhagen = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		return time.UTC
	}
	return loc
}()

// caseEvent adds a timeline line for the acting party.
func (s *CaseService) caseEvent(ctx context.Context, tx *store.Tx, row *store.CaseRow, action string, details map[string]string) error {
	return tx.AddCaseEvent(row.OrgID, row.ID, domain.ActorFrom(ctx), action, details)
}

// List implements domain.CaseService.
func (s *CaseService) List(ctx context.Context, f domain.CaseFilter) (*domain.CasePage, error) {
	ac, err := require(ctx, domain.PermCasesRead)
	if err != nil {
		return nil, err
	}
	lf := store.CaseListFilter{CaseFilter: f}
	if words := searchWords(f.Query); len(words) > 0 {
		if len(words) > 8 {
			words = words[:8]
		}
		if lf.Terms, err = s.terms(ctx, ac.OrgID, words); err != nil {
			return nil, err
		}
	}
	var rows []*store.CaseRow
	page := &domain.CasePage{}
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) { rows, page.Next, err = tx.Cases(ac.OrgID, lf); return err })
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if err := s.decryptCase(ctx, r, false); err != nil {
			return nil, err
		}
		page.Cases = append(page.Cases, &r.Case)
	}
	return page, nil
}

// decryptCase fills the clear-text fields of r. An erased subject shows
// empty fields rather than failing the whole list.
func (s *CaseService) decryptCase(ctx context.Context, r *store.CaseRow, full bool) error {
	fields := []struct {
		dst *string
		sc  crypto.Scope
		enc []byte
	}{
		{&r.SubjectName, subjectScope(r.OrgID, r.SubjectID, "name"), r.NameEnc},
		{&r.SubjectEmail, subjectScope(r.OrgID, r.SubjectID, "email"), r.EmailEnc},
		{&r.EmployeeNumber, caseScope(r.OrgID, r.SubjectID, r.ID, "employee_number"), r.EmployeeNoEnc},
	}
	if full {
		fields = append(fields, struct {
			dst *string
			sc  crypto.Scope
			enc []byte
		}{&r.Phone, caseScope(r.OrgID, r.SubjectID, r.ID, "phone"), r.PhoneEnc})
	}
	for _, f := range fields {
		if f.enc == nil {
			continue
		}
		b, err := s.Envelope.Decrypt(ctx, f.sc, f.enc)
		if crypto.IsErased(err) {
			continue
		}
		if err != nil {
			return err
		}
		*f.dst = string(b)
	}
	return nil
}

// Counts implements domain.CaseService.
func (s *CaseService) Counts(ctx context.Context) (map[domain.CaseStatus]int, error) {
	ac, err := require(ctx, domain.PermCasesRead)
	if err != nil {
		return nil, err
	}
	var out map[domain.CaseStatus]int
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) { out, err = tx.CaseCounts(ac.OrgID); return err })
	return out, err
}

// load reads one case of the acting user's organisation.
func (s *CaseService) load(ctx context.Context, perm domain.Permission, id string) (domain.Actor, *store.CaseRow, error) {
	ac, err := require(ctx, perm)
	if err != nil {
		return ac, nil, err
	}
	var r *store.CaseRow
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) { r, err = tx.CaseRecord(ac.OrgID, id); return err })
	return ac, r, err
}

// Get implements domain.CaseService.
func (s *CaseService) Get(ctx context.Context, id string) (*domain.Case, error) {
	_, r, err := s.load(ctx, domain.PermCasesRead, id)
	if err != nil {
		return nil, err
	}
	if err := s.decryptCase(ctx, r, true); err != nil {
		return nil, err
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		return s.record(ctx, tx, event{Action: "case.read", TargetType: "case", TargetID: id, SubjectID: r.SubjectID})
	})
	return &r.Case, err
}

// Timeline implements domain.CaseService.
func (s *CaseService) Timeline(ctx context.Context, id string) ([]*domain.CaseEvent, error) {
	ac, _, err := s.load(ctx, domain.PermCasesRead, id)
	if err != nil {
		return nil, err
	}
	var out []*domain.CaseEvent
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) { out, err = tx.CaseEvents(ac.OrgID, id); return err })
	return out, err
}

// Consents implements domain.CaseService.
func (s *CaseService) Consents(ctx context.Context, id string) ([]*domain.Consent, error) {
	ac, _, err := s.load(ctx, domain.PermCasesRead, id)
	if err != nil {
		return nil, err
	}
	var out []*domain.Consent
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) { out, err = tx.Consents(ac.OrgID, id); return err })
	return out, err
}

var errCaseClosed = domain.Errorf(domain.EConflict, "error.case_closed")

// ResendInvitation implements domain.CaseService: the subject gets a new
// link and the old one stops working.
func (s *CaseService) ResendInvitation(ctx context.Context, id string) error {
	_, r, err := s.load(ctx, domain.PermCasesManage, id)
	if err != nil {
		return err
	}
	if r.Status.Closed() && r.Status != domain.CaseExpired || r.SubmittedAt.After(time.Time{}) {
		return errCaseClosed
	}
	if err := s.decryptCase(ctx, r, false); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		return s.invite(ctx, tx, r, r.SubjectName, r.SubjectEmail, "case.invitation_resent")
	})
}

// ChangeEmail implements domain.CaseService: the new address gets a new
// link; the link sent to the old address stops working.
func (s *CaseService) ChangeEmail(ctx context.Context, id, email string) error {
	email = domain.NormalizeEmail(email)
	if !domain.ValidEmail(email) {
		return &domain.Error{Code: domain.EInvalid, Message: "error.email", Fields: map[string]string{"email": "error.email"}}
	}
	ac, r, err := s.load(ctx, domain.PermCasesManage, id)
	if err != nil {
		return err
	}
	if r.Status.Closed() || !r.SubmittedAt.IsZero() {
		return errCaseClosed
	}
	if err := s.decryptCase(ctx, r, false); err != nil {
		return err
	}
	emailEnc, err := s.Envelope.Encrypt(ctx, subjectScope(ac.OrgID, r.SubjectID, "email"), []byte(email))
	if err != nil {
		return err
	}
	index, err := s.emailIndex(ctx, ac.OrgID, email)
	if err != nil {
		return err
	}
	terms, err := s.terms(ctx, ac.OrgID, searchWords(r.SubjectName, email, r.EmployeeNumber))
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetSubjectEmail(ac.OrgID, r.SubjectID, emailEnc); err != nil {
			return err
		}
		if err := tx.SetCaseEmailIndex(ac.OrgID, id, index); err != nil {
			return err
		}
		if err := tx.SetCaseSearchTerms(ac.OrgID, id, terms); err != nil {
			return err
		}
		if err := s.record(ctx, tx, event{Action: "case.email_changed", TargetType: "case", TargetID: id, SubjectID: r.SubjectID,
			Personal: map[string]string{"from": r.SubjectEmail, "to": email}}); err != nil {
			return err
		}
		return s.invite(ctx, tx, r, r.SubjectName, email, "case.email_changed")
	})
}

// Cancel implements domain.CaseService.
func (s *CaseService) Cancel(ctx context.Context, id, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 1000 {
		return &domain.Error{Code: domain.EInvalid, Message: "error.reason_required", Fields: map[string]string{"reason": "error.reason_required"}}
	}
	ac, r, err := s.load(ctx, domain.PermCasesManage, id)
	if err != nil {
		return err
	}
	if r.Status.Closed() {
		return errCaseClosed
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetCaseStatus(ac.OrgID, id, domain.CaseCancelled); err != nil {
			return err
		}
		if err := s.caseEvent(ctx, tx, r, "case.cancelled", map[string]string{"reason": reason}); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "case.cancelled", TargetType: "case", TargetID: id, SubjectID: r.SubjectID, Personal: map[string]string{"reason": reason}})
	})
}

// Assign implements domain.CaseService. The handler must be an active user
// of the organisation who may work on cases.
func (s *CaseService) Assign(ctx context.Context, id, handlerID string) error {
	ac, r, err := s.load(ctx, domain.PermCasesManage, id)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		label := ""
		if handlerID != "" {
			u, err := tx.User(ac.OrgID, handlerID)
			if err != nil || u.Status != domain.UserActive || !(u.Role.Can(domain.PermCasesManage) || u.Role.Can(domain.PermCasesDecide)) {
				return &domain.Error{Code: domain.EInvalid, Message: "error.handler", Fields: map[string]string{"handler": "error.handler"}}
			}
			label = u.Email
		}
		if err := tx.SetCaseHandler(ac.OrgID, id, handlerID); err != nil {
			return err
		}
		return s.caseEvent(ctx, tx, r, "case.assigned", map[string]string{"handler": label})
	})
}

// Handlers implements domain.CaseService.
func (s *CaseService) Handlers(ctx context.Context) ([]*domain.User, error) {
	ac, err := require(ctx, domain.PermCasesRead)
	if err != nil {
		return nil, err
	}
	var users []*domain.User
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) {
		users, err = tx.Users(ac.OrgID, domain.UserFilter{Status: domain.UserActive})
		return err
	})
	out := users[:0]
	for _, u := range users {
		if u.Role.Can(domain.PermCasesManage) || u.Role.Can(domain.PermCasesDecide) {
			out = append(out, &domain.User{ID: u.ID, OrgID: u.OrgID, Name: u.Name, Email: u.Email, Role: u.Role, Status: u.Status})
		}
	}
	return out, err
}
