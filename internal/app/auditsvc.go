package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/bgcheck/bgcheck/internal/audit"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// AuditService implements domain.AuditService and keeps the signed
// checkpoints.
type AuditService struct{ *App }

// List implements domain.AuditService.
func (s *AuditService) List(ctx context.Context, f domain.AuditFilter) ([]*domain.AuditEntry, error) {
	ac, err := require(ctx, domain.PermAuditRead)
	if err != nil {
		return nil, err
	}
	var out []*domain.AuditEntry
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) { out, err = tx.AuditEntries(ac.OrgID, f); return err })
	return out, err
}

// Personal implements domain.AuditService. Revealing personal details is
// itself a read of personal data, so it is audited.
func (s *AuditService) Personal(ctx context.Context, seq int64) (map[string]string, error) {
	ac, err := require(ctx, domain.PermAuditRead)
	if err != nil {
		return nil, err
	}
	var e *domain.AuditEntry
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { e, err = tx.AuditEntry(ac.OrgID, seq); return err }); err != nil {
		return nil, err
	}
	if len(e.Personal) == 0 {
		return map[string]string{}, nil
	}
	plain, err := s.Envelope.Decrypt(ctx, auditScope(e.OrgID, e.SubjectID, e.Action, e.TargetID), e.Personal)
	if err != nil {
		return nil, err
	}
	var out map[string]string
	if err := json.Unmarshal(plain, &out); err != nil {
		return nil, err
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		return s.record(ctx, tx, event{Action: "audit.personal_read", TargetType: "audit_entry", TargetID: fmt.Sprint(seq), SubjectID: e.SubjectID})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Checkpoint signs the current head of every organisation's chain and
// appends it to the checkpoint folder. An organisation whose head has not
// moved since its last checkpoint gets no new one.
func (s *AuditService) Checkpoint(ctx context.Context) (written int, err error) {
	var orgs []*domain.Organisation
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { orgs, err = tx.Organisations(); return err }); err != nil {
		return 0, err
	}
	for _, o := range orgs {
		var size int64
		var head []byte
		if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { size, head, err = tx.AuditHead(o.ID); return err }); err != nil {
			return written, err
		}
		last, err := s.Checkpoints.Last(o.ID)
		if err != nil && !errors.Is(err, audit.ErrNoCheckpoint) {
			return written, err
		}
		if size == 0 || (last != nil && last.Size == size) {
			continue
		}
		cp := s.Signer.Sign(audit.Checkpoint{OrgID: o.ID, Size: size, Head: head, At: s.DB.Now()})
		if err := s.Checkpoints.Append(cp); err != nil {
			return written, err
		}
		written++
	}
	return written, nil
}

// Verify walks one organisation's chain and compares it with the latest
// checkpoint.
func (s *AuditService) Verify(ctx context.Context, orgID string) (audit.Report, error) {
	last, err := s.Checkpoints.Last(orgID)
	if errors.Is(err, audit.ErrNoCheckpoint) {
		last, err = nil, nil
	}
	if err != nil {
		return audit.Report{}, err
	}
	const batch = 1000
	var buf []*domain.AuditEntry
	var after int64
	var readErr error
	next := func() (*domain.AuditEntry, error) {
		if len(buf) == 0 {
			readErr = s.DB.Read(ctx, func(tx *store.Tx) (err error) { buf, err = tx.AuditRange(orgID, after, batch); return err })
			if readErr != nil {
				return nil, readErr
			}
			if len(buf) == 0 {
				return nil, io.EOF
			}
		}
		e := buf[0]
		buf, after = buf[1:], e.Seq
		return e, nil
	}
	rep := audit.Verify(next, last, s.Signer.PublicKey())
	return rep, readErr
}
