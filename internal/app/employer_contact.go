package app

import (
	"context"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/store"
)

func contactRecord(id string) string { return "employer_contact:" + id }

// AddEmployerContact implements domain.CaseService.
func (s *CaseService) AddEmployerContact(ctx context.Context, caseID string, c domain.EmployerContact) error {
	f := map[string]string{}
	for key, v := range map[string]*string{"activity": &c.Activity, "company": &c.Company, "contact_person": &c.ContactPerson} {
		*v = strings.TrimSpace(*v)
		if *v == "" {
			f[key] = "error.required"
		} else if utf8.RuneCountInString(*v) > 200 {
			f[key] = "error.too_long"
		}
	}
	now := s.DB.Now()
	today := rules.NewDate(now.Year(), now.Month(), now.Day())
	v := &stepValidator{today: today, fields: f}
	if d := v.date("contact_date", c.ContactDate, true); d.After(today) {
		f["contact_date"] = "error.date_future"
	}
	if c.ConfirmedTo == "" {
		f["confirmed_to"] = "error.required"
	}
	v.period("confirmed", c.ConfirmedFrom, c.ConfirmedTo)
	for _, k := range []string{"from", "to"} {
		if msg, ok := f["confirmed."+k]; ok {
			f["confirmed_"+k] = msg
			delete(f, "confirmed."+k)
		}
	}
	if len(f) > 0 {
		return domain.Invalid(f)
	}
	ac, r, err := s.load(ctx, domain.PermCasesManage, caseID)
	if err != nil {
		return err
	}
	if r.SubmittedAt.IsZero() || r.Status.Closed() {
		return domain.Errorf(domain.EConflict, "error.case_not_submitted")
	}
	c.RecordedBy = ac.Label
	id := store.NewID()
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	enc, err := s.Envelope.Encrypt(ctx, caseScope(r.OrgID, r.SubjectID, r.ID, contactRecord(id)), b)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.AddEmployerContact(ac.OrgID, caseID, id, enc, ac.ID); err != nil {
			return err
		}
		if err := tx.AddCaseEvent(ac.OrgID, caseID, ac, "employer_contact.recorded", map[string]string{"activity": c.Activity}); err != nil {
			return err
		}
		if err := s.record(ctx, tx, event{Action: "employer_contact.recorded", TargetType: "case", TargetID: caseID, SubjectID: r.SubjectID,
			Personal: map[string]string{"company": c.Company, "contact_person": c.ContactPerson}}); err != nil {
			return err
		}
		return s.enqueueAnalysis(tx, ac.OrgID, caseID)
	})
}

// EmployerContacts implements domain.CaseService.
func (s *CaseService) EmployerContacts(ctx context.Context, caseID string) ([]*domain.EmployerContact, error) {
	ac, r, err := s.load(ctx, domain.PermCasesRead, caseID)
	if err != nil {
		return nil, err
	}
	return s.App.employerContacts(ctx, ac.OrgID, r)
}

func (a *App) employerContacts(ctx context.Context, orgID string, r *store.CaseRow) ([]*domain.EmployerContact, error) {
	var ids []string
	var data [][]byte
	if err := a.DB.Read(ctx, func(tx *store.Tx) (err error) { ids, data, err = tx.EmployerContacts(orgID, r.ID); return err }); err != nil {
		return nil, err
	}
	out := make([]*domain.EmployerContact, 0, len(ids))
	for i, id := range ids {
		b, err := a.Envelope.Decrypt(ctx, caseScope(r.OrgID, r.SubjectID, r.ID, contactRecord(id)), data[i])
		if err != nil {
			return nil, err
		}
		c := &domain.EmployerContact{ID: id}
		if err := json.Unmarshal(b, c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// contactEvidence turns employer-contact records into the rules' evidence.
func contactEvidence(cs []*domain.EmployerContact) []rules.EmployerContact {
	out := make([]rules.EmployerContact, 0, len(cs))
	for _, c := range cs {
		out = append(out, rules.EmployerContact{ID: c.ID, For: c.Activity, ContactDate: parse(c.ContactDate), Company: c.Company,
			ContactPerson: c.ContactPerson, Confirmed: period(c.ConfirmedFrom, c.ConfirmedTo)})
	}
	return out
}
