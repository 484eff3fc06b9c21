package store

import (
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

const sessionColumns = `id_hash, org_id, user_id, stage, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent`

func scanSession(s scanner) (*domain.Session, error) {
	var x domain.Session
	var created, seen, expires int64
	err := s.Scan(&x.IDHash, &x.OrgID, &x.UserID, &x.Stage, &x.CSRFToken, &created, &seen, &expires, &x.IP, &x.UserAgent)
	if err != nil {
		return nil, err
	}
	x.CreatedAt, x.LastSeenAt, x.ExpiresAt = fromMS(created), fromMS(seen), fromMS(expires)
	return &x, nil
}

// CreateSession stores a session; s.IDHash is the hash of the cookie value.
func (tx *Tx) CreateSession(s *domain.Session) error {
	_, err := tx.exec(`INSERT INTO sessions (`+sessionColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?)`,
		s.IDHash, s.OrgID, s.UserID, string(s.Stage), s.CSRFToken, ms(s.CreatedAt), ms(s.LastSeenAt), ms(s.ExpiresAt), s.IP, s.UserAgent)
	return err
}

// Session returns the session with the id hash, or not-found. Expiry is
// the caller's decision.
func (tx *Tx) Session(idHash []byte) (*domain.Session, error) {
	s, err := scanSession(tx.queryRow(`SELECT `+sessionColumns+` FROM sessions WHERE id_hash = ?`, idHash))
	return s, notFound(err, "session")
}

// TouchSession records activity on a session.
func (tx *Tx) TouchSession(idHash []byte) error {
	_, err := tx.exec(`UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?`, ms(tx.Now), idHash)
	return err
}

// DeleteSession ends one session.
func (tx *Tx) DeleteSession(idHash []byte) error {
	_, err := tx.exec(`DELETE FROM sessions WHERE id_hash = ?`, idHash)
	return err
}

// DeleteUserSessions ends every session of a user, except keep when it is
// not nil.
func (tx *Tx) DeleteUserSessions(orgID, userID string, keep []byte) (int64, error) {
	q, args := `DELETE FROM sessions WHERE org_id = ? AND user_id = ?`, []any{orgID, userID}
	if keep != nil {
		q, args = q+` AND id_hash <> ?`, append(args, keep)
	}
	res, err := tx.exec(q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// DeleteExpiredSessions removes sessions past their absolute expiry or idle
// for longer than idle.
func (tx *Tx) DeleteExpiredSessions(idle time.Duration) (int64, error) {
	res, err := tx.exec(`DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?`, ms(tx.Now), ms(tx.Now.Add(-idle)))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// RecordLoginFailure counts one failed sign-in against a scope key such as
// "acct:<user id>" or "ip:<address>".
func (tx *Tx) RecordLoginFailure(scopeKey string) error {
	_, err := tx.exec(`INSERT INTO login_failures (scope_key, at) VALUES (?, ?)`, scopeKey, ms(tx.Now))
	return err
}

// LoginFailures counts failures for a scope key since a time.
func (tx *Tx) LoginFailures(scopeKey string, since time.Time) (int, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM login_failures WHERE scope_key = ? AND at > ?`, scopeKey, ms(since)).Scan(&n)
	return n, err
}

// ClearLoginFailures forgets failures for a scope key after a success.
func (tx *Tx) ClearLoginFailures(scopeKey string) error {
	_, err := tx.exec(`DELETE FROM login_failures WHERE scope_key = ?`, scopeKey)
	return err
}

// PruneLoginFailures removes failures older than before.
func (tx *Tx) PruneLoginFailures(before time.Time) (int64, error) {
	res, err := tx.exec(`DELETE FROM login_failures WHERE at < ?`, ms(before))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
