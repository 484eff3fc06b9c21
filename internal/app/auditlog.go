package app

import (
	"context"
	"encoding/json"

	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// event is one audit entry to append.
type event struct {
	OrgID      string // defaults to the actor's organisation
	Action     string
	TargetType string
	TargetID   string
	SubjectID  string            // set when the entry concerns a data subject
	Details    map[string]string // non-personal, stored in clear
	Personal   map[string]string // personal, encrypted with the subject's key
}

// record appends ev to the audit log inside tx, taking actor and request
// metadata from ctx.
func (a *App) record(ctx context.Context, tx *store.Tx, ev event) error {
	ac := domain.ActorFrom(ctx)
	req := domain.RequestFrom(ctx)
	org := ev.OrgID
	if org == "" {
		org = ac.OrgID
	}
	e := &domain.AuditEntry{
		OrgID: org, ActorType: ac.Type, ActorID: ac.ID, ActorLabel: ac.Label,
		Action: ev.Action, TargetType: ev.TargetType, TargetID: ev.TargetID, SubjectID: ev.SubjectID,
		IP: req.IP, RequestID: req.ID, Details: ev.Details,
	}
	if len(ev.Personal) > 0 {
		if ev.SubjectID == "" {
			return domain.Errorf(domain.EInternal, "personal audit details without a subject")
		}
		b, err := json.Marshal(ev.Personal)
		if err != nil {
			return err
		}
		e.Personal, err = a.Envelope.Encrypt(ctx, auditScope(org, ev.SubjectID, ev.Action, ev.TargetID), b)
		if err != nil {
			return err
		}
	}
	return tx.AppendAudit(e)
}

// auditScope binds an entry's personal details to its organisation,
// subject, action and target. The sequence number is not known before the
// entry is sealed, so it cannot be part of the binding.
func auditScope(org, subject, action, target string) crypto.Scope {
	return crypto.Scope{OrgID: org, OwnerID: subject, Record: "audit:" + action + ":" + target, Field: "personal"}
}
