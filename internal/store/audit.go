package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/bgcheck/bgcheck/internal/audit"
	"github.com/bgcheck/bgcheck/internal/domain"
)

const auditColumns = `org_id, seq, at, actor_type, actor_id, actor_label, action, target_type, target_id, subject_id, ip, request_id, details, personal, prev_hash, hash`

func scanAudit(s scanner) (*domain.AuditEntry, error) {
	var e domain.AuditEntry
	var at int64
	var details string
	err := s.Scan(&e.OrgID, &e.Seq, &at, &e.ActorType, &e.ActorID, &e.ActorLabel, &e.Action, &e.TargetType, &e.TargetID,
		&e.SubjectID, &e.IP, &e.RequestID, &details, &e.Personal, &e.PrevHash, &e.Hash)
	if err != nil {
		return nil, err
	}
	e.At = fromMS(at)
	if details != "" && details != "{}" {
		if err := json.Unmarshal([]byte(details), &e.Details); err != nil {
			return nil, err
		}
	}
	return &e, nil
}

// AppendAudit appends e to its organisation's chain in this transaction, so
// the entry commits or rolls back together with the change it records. It
// sets e.Seq, e.At, e.PrevHash and e.Hash.
func (tx *Tx) AppendAudit(e *domain.AuditEntry) error {
	if e.OrgID == "" {
		return domain.Errorf(domain.EInternal, "audit entry without organisation")
	}
	// Bumping the head row takes its lock, which serialises concurrent
	// appends to one organisation's chain on PostgreSQL; SQLite has a
	// single writer anyway.
	var seq int64
	var prev []byte
	err := tx.queryRow(`UPDATE audit_heads SET seq = seq + 1 WHERE org_id = ? RETURNING seq, hash`, e.OrgID).Scan(&seq, &prev)
	if err != nil {
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		seq, prev = 1, audit.Genesis()
		if _, err := tx.exec(`INSERT INTO audit_heads (org_id, seq, hash) VALUES (?, 1, ?)`, e.OrgID, prev); err != nil {
			return err
		}
	}
	e.Seq, e.At = seq, tx.Now
	audit.Seal(prev, e)
	details := "{}"
	if len(e.Details) > 0 {
		b, err := json.Marshal(e.Details)
		if err != nil {
			return err
		}
		details = string(b)
	}
	if _, err := tx.exec(`UPDATE audit_heads SET hash = ? WHERE org_id = ?`, e.Hash, e.OrgID); err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO audit_log (`+auditColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		e.OrgID, e.Seq, ms(e.At), string(e.ActorType), e.ActorID, e.ActorLabel, e.Action, e.TargetType, e.TargetID,
		e.SubjectID, e.IP, e.RequestID, details, e.Personal, e.PrevHash, e.Hash)
	return err
}

// AuditHead returns the size and head hash of an organisation's chain;
// size 0 means an empty chain.
func (tx *Tx) AuditHead(orgID string) (int64, []byte, error) {
	var seq int64
	var hash []byte
	err := tx.queryRow(`SELECT seq, hash FROM audit_heads WHERE org_id = ?`, orgID).Scan(&seq, &hash)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return 0, audit.Genesis(), nil
		}
		return 0, nil, err
	}
	return seq, hash, nil
}

// AuditEntry returns one entry.
func (tx *Tx) AuditEntry(orgID string, seq int64) (*domain.AuditEntry, error) {
	e, err := scanAudit(tx.queryRow(`SELECT `+auditColumns+` FROM audit_log WHERE org_id = ? AND seq = ?`, orgID, seq))
	return e, notFound(err, "audit entry")
}

// AuditEntries lists entries of org matching f, newest first.
func (tx *Tx) AuditEntries(orgID string, f domain.AuditFilter) ([]*domain.AuditEntry, error) {
	where := []string{"org_id = ?"}
	args := []any{orgID}
	add := func(cond string, v any) { where, args = append(where, cond), append(args, v) }
	if f.Action != "" {
		add(`action LIKE ? ESCAPE '\'`, escapeLike(f.Action)+"%")
	}
	if f.ActorID != "" {
		add("actor_id = ?", f.ActorID)
	}
	if f.TargetID != "" {
		add("target_id = ?", f.TargetID)
	}
	if f.SubjectID != "" {
		add("subject_id = ?", f.SubjectID)
	}
	if !f.From.IsZero() {
		add("at >= ?", ms(f.From))
	}
	if !f.To.IsZero() {
		add("at <= ?", ms(f.To))
	}
	if f.BeforeSeq > 0 {
		add("seq < ?", f.BeforeSeq)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	args = append(args, limit)
	rows, err := tx.query(`SELECT `+auditColumns+` FROM audit_log WHERE `+strings.Join(where, " AND ")+` ORDER BY seq DESC LIMIT ?`, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanAudit)
}

// AuditRange returns up to limit entries of org with seq > after, in chain
// order; verification walks the chain with it in batches.
func (tx *Tx) AuditRange(orgID string, after int64, limit int) ([]*domain.AuditEntry, error) {
	rows, err := tx.query(`SELECT `+auditColumns+` FROM audit_log WHERE org_id = ? AND seq > ? ORDER BY seq LIMIT ?`, orgID, after, limit)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanAudit)
}
