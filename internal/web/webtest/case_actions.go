package webtest

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// WarnOpenCase is the warning the fake case service returns for a second
// open case with the same e-mail, as the real one does.
const WarnOpenCase = "warning.open_case_same_email"

func (cs casesFake) Create(ctx context.Context, n domain.NewCase) (*domain.Case, []string, error) {
	if err := cs.call("Cases.Create"); err != nil {
		return nil, nil, err
	}
	if err := cs.require(ctx, domain.PermCasesManage); err != nil {
		return nil, nil, err
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	e, warnings, err := cs.create(domain.ActorFrom(ctx), n)
	if err != nil {
		return nil, nil, err
	}
	c := e.c
	return &c, warnings, nil
}

// create validates n and makes the case; f.mu is held.
func (cs casesFake) create(a domain.Actor, n domain.NewCase) (*caseEntry, []string, error) {
	n.Normalize()
	if err := n.Validate(); err != nil {
		return nil, nil, err
	}
	pkg := cs.packages[n.PackageID]
	if len(pkg) == 0 || !pkg[len(pkg)-1].ArchivedAt.IsZero() {
		return nil, nil, domain.Invalid(map[string]string{"package": "error.package_unknown"})
	}
	var warnings []string
	for _, e := range cs.cases {
		if e.c.SubjectEmail == n.SubjectEmail && !e.c.Status.Closed() {
			warnings = []string{WarnOpenCase}
		}
	}
	return cs.addCase(n, a.ID), warnings, nil
}

// CreateBulk reads a CSV file whose header names its columns, as the real
// service does: any order, name and email required.
func (cs casesFake) CreateBulk(ctx context.Context, packageID string, r io.Reader) (*domain.BulkReport, error) {
	if err := cs.call("Cases.CreateBulk"); err != nil {
		return nil, err
	}
	if err := cs.require(ctx, domain.PermCasesManage); err != nil {
		return nil, err
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	if _, ok := col["email"]; err != nil || !ok {
		return nil, &domain.Error{Code: domain.EInvalid, Message: "error.csv_header", Fields: map[string]string{"file": "error.csv_header"}}
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	rep := &domain.BulkReport{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rep, nil
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
		if e, warnings, err := cs.create(domain.ActorFrom(ctx), n); err != nil {
			row.Errors = domain.ErrorFields(err)
		} else {
			row.CaseID, row.Warnings = e.c.ID, warnings
			rep.Created++
		}
		rep.Rows = append(rep.Rows, row)
	}
}

// change applies fn to case id after the checks the real service makes:
// permission, existence, and a case that has not closed.
func (cs casesFake) change(ctx context.Context, name, id string, fn func(*caseEntry) error) error {
	if err := cs.call(name); err != nil {
		return err
	}
	e, err := cs.entry(ctx, domain.PermCasesManage, id)
	if err != nil {
		return err
	}
	defer cs.mu.Unlock()
	if e.c.Status.Closed() {
		return domain.Errorf(domain.EConflict, "error.case_closed")
	}
	cs.clock = cs.clock.Add(time.Minute)
	e.c.UpdatedAt = cs.clock
	return fn(e)
}

func (cs casesFake) ResendInvitation(ctx context.Context, id string) error {
	a := domain.ActorFrom(ctx)
	return cs.change(ctx, "Cases.ResendInvitation", id, func(e *caseEntry) error {
		e.event(cs.clock, a, "case.invitation_resent", nil)
		return nil
	})
}

func (cs casesFake) ChangeEmail(ctx context.Context, id, email string) error {
	a := domain.ActorFrom(ctx)
	email = domain.NormalizeEmail(email)
	return cs.change(ctx, "Cases.ChangeEmail", id, func(e *caseEntry) error {
		if !domain.ValidEmail(email) {
			return domain.Invalid(map[string]string{"email": "error.email"})
		}
		e.c.SubjectEmail = email
		e.event(cs.clock, a, "case.email_changed", nil)
		return nil
	})
}

func (cs casesFake) Cancel(ctx context.Context, id, reason string) error {
	a := domain.ActorFrom(ctx)
	return cs.change(ctx, "Cases.Cancel", id, func(e *caseEntry) error {
		e.c.Status, e.c.ClosedAt = domain.CaseCancelled, cs.clock
		e.event(cs.clock, a, "case.cancelled", map[string]string{"reason": strings.TrimSpace(reason)})
		return nil
	})
}

func (cs casesFake) Assign(ctx context.Context, id, handlerID string) error {
	a := domain.ActorFrom(ctx)
	return cs.change(ctx, "Cases.Assign", id, func(e *caseEntry) error {
		if handlerID != "" {
			u, ok := cs.users[handlerID]
			if !ok || !(u.Role.Can(domain.PermCasesManage) || u.Role.Can(domain.PermCasesDecide)) || u.Status != domain.UserActive {
				return domain.Invalid(map[string]string{"handler": "error.handler"})
			}
		}
		e.c.HandlerID = handlerID
		e.event(cs.clock, a, "case.assigned", nil)
		return nil
	})
}
