package app

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// MaxBulkRows bounds one CSV import.
const MaxBulkRows = 1000

// bulkColumns are the CSV columns a bulk import understands; name and
// email are required.
var bulkColumns = []string{"name", "email", "phone", "position", "department", "employee_number", "language"}

var errBulkHeader = &domain.Error{Code: domain.EInvalid, Message: "error.csv_header", Fields: map[string]string{"file": "error.csv_header"}}

// CreateBulk implements domain.CaseService. Each valid row becomes a case
// in its own transaction; invalid rows are reported and change nothing.
func (s *CaseService) CreateBulk(ctx context.Context, packageID string, r io.Reader) (*domain.BulkReport, error) {
	if _, err := require(ctx, domain.PermCasesManage); err != nil {
		return nil, err
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, errBulkHeader
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		col[h] = i
	}
	if _, ok := col["name"]; !ok {
		return nil, errBulkHeader
	}
	if _, ok := col["email"]; !ok {
		return nil, errBulkHeader
	}
	rep := &domain.BulkReport{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if line-1 > MaxBulkRows {
			return nil, &domain.Error{Code: domain.EInvalid, Message: "error.csv_too_many_rows", Fields: map[string]string{"file": "error.csv_too_many_rows"}}
		}
		row := domain.BulkRow{Line: line}
		if err != nil {
			row.Errors = map[string]string{"file": "error.csv_row"}
			rep.Rows = append(rep.Rows, row)
			continue
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		n := domain.NewCase{PackageID: packageID, SubjectName: get("name"), SubjectEmail: get("email"), Phone: get("phone"),
			Position: get("position"), Department: get("department"), EmployeeNumber: get("employee_number"), Language: get("language")}
		c, warnings, err := s.Create(ctx, n)
		switch {
		case err == nil:
			row.CaseID, row.Warnings = c.ID, warnings
			rep.Created++
		case domain.ErrorFields(err) != nil:
			row.Errors = domain.ErrorFields(err)
		case domain.ErrorCode(err) == domain.EInternal:
			return nil, err
		default:
			row.Errors = map[string]string{"file": domain.ErrorMessage(err)}
		}
		rep.Rows = append(rep.Rows, row)
	}
	return rep, nil
}

// ReminderHandler returns the job that reminds a subject who has not yet
// submitted, repeating the link they already have.
func (a *App) ReminderHandler() func(ctx context.Context, j *store.Job) error {
	s := a.Cases()
	return func(ctx context.Context, j *store.Job) error {
		var r *store.CaseRow
		var linkEnc []byte
		err := a.DB.Read(ctx, func(tx *store.Tx) (err error) {
			if r, err = tx.CaseRecord(j.OrgID, string(j.Payload)); err != nil {
				return err
			}
			linkEnc, err = tx.CaseLink(j.OrgID, r.ID)
			return err
		})
		if domain.IsNotFound(err) {
			return nil // case gone or closed: nothing to remind of
		}
		if err != nil {
			return err
		}
		if !r.Status.Open() || !r.SubmittedAt.IsZero() || !a.DB.Now().Before(r.LinkExpiresAt) {
			return nil
		}
		token, err := a.Envelope.Decrypt(ctx, caseScope(r.OrgID, r.SubjectID, r.ID, "link"), linkEnc)
		if err != nil {
			return err
		}
		if err := s.decryptCase(ctx, r, false); err != nil {
			return err
		}
		ctx = domain.WithActor(ctx, domain.Actor{Type: domain.ActorSystem, OrgID: r.OrgID, Label: "system"})
		return a.DB.Write(ctx, func(tx *store.Tx) error {
			if err := s.caseMail(tx, r, r.SubjectName, r.SubjectEmail, string(token), r.LinkExpiresAt, "case_reminder", "case.reminder_sent"); err != nil {
				return err
			}
			return s.caseEvent(ctx, tx, r, "case.reminder_queued", nil)
		})
	}
}
