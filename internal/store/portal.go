package store

import (
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// CaseData returns a case's encrypted wizard data, or not-found when the
// subject has saved nothing yet.
func (tx *Tx) CaseData(orgID, caseID string) ([]byte, time.Time, error) {
	var enc []byte
	var at int64
	err := tx.queryRow(`SELECT data_enc, updated_at FROM case_data WHERE org_id = ? AND case_id = ?`, orgID, caseID).Scan(&enc, &at)
	return enc, fromMS(at), notFound(err, "case data")
}

// PutCaseData stores a case's encrypted wizard data.
func (tx *Tx) PutCaseData(orgID, caseID string, enc []byte) error {
	_, err := tx.exec(`INSERT INTO case_data (case_id, org_id, data_enc, updated_at) VALUES (?,?,?,?)
		ON CONFLICT (case_id) DO UPDATE SET data_enc = excluded.data_enc, updated_at = excluded.updated_at`, caseID, orgID, enc, ms(tx.Now))
	return err
}

// PutSubjectLogin stores a pending MitID sign-in.
func (tx *Tx) PutSubjectLogin(stateHash []byte, orgID, caseID string, loginEnc []byte, expires time.Time) error {
	_, err := tx.exec(`INSERT INTO subject_logins (state_hash, org_id, case_id, login_enc, expires_at) VALUES (?,?,?,?,?)`,
		stateHash, orgID, caseID, loginEnc, ms(expires))
	return err
}

// TakeSubjectLogin removes and returns a pending, unexpired sign-in: a
// state can be used once.
func (tx *Tx) TakeSubjectLogin(stateHash []byte) (orgID, caseID string, loginEnc []byte, err error) {
	var expires int64
	err = tx.queryRow(`DELETE FROM subject_logins WHERE state_hash = ? RETURNING org_id, case_id, login_enc, expires_at`, stateHash).
		Scan(&orgID, &caseID, &loginEnc, &expires)
	if err != nil {
		return "", "", nil, notFound(err, "sign-in")
	}
	if expires <= ms(tx.Now) {
		return "", "", nil, domain.Errorf(domain.ENotFound, "sign-in expired")
	}
	return orgID, caseID, loginEnc, nil
}

// PutSubjectCode stores a one-time e-mail code for a case, replacing any
// earlier one.
func (tx *Tx) PutSubjectCode(orgID, caseID string, codeHash []byte, expires time.Time) error {
	_, err := tx.exec(`INSERT INTO subject_codes (case_id, org_id, code_hash, attempts, expires_at) VALUES (?,?,?,0,?)
		ON CONFLICT (case_id) DO UPDATE SET code_hash = excluded.code_hash, attempts = 0, expires_at = excluded.expires_at`,
		caseID, orgID, codeHash, ms(expires))
	return err
}

// SubjectCode returns a case's live code and how often it was tried.
func (tx *Tx) SubjectCode(orgID, caseID string) ([]byte, int, error) {
	var h []byte
	var attempts int
	err := tx.queryRow(`SELECT code_hash, attempts FROM subject_codes WHERE org_id = ? AND case_id = ? AND expires_at > ?`, orgID, caseID, ms(tx.Now)).Scan(&h, &attempts)
	return h, attempts, notFound(err, "code")
}

// CountSubjectCodeAttempt records a wrong code.
func (tx *Tx) CountSubjectCodeAttempt(orgID, caseID string) error {
	_, err := tx.exec(`UPDATE subject_codes SET attempts = attempts + 1 WHERE org_id = ? AND case_id = ?`, orgID, caseID)
	return err
}

// DeleteSubjectCode removes a used code.
func (tx *Tx) DeleteSubjectCode(orgID, caseID string) error {
	_, err := tx.exec(`DELETE FROM subject_codes WHERE org_id = ? AND case_id = ?`, orgID, caseID)
	return err
}

// CreateSubjectSession stores a subject session under its id hash.
func (tx *Tx) CreateSubjectSession(idHash []byte, s *domain.SubjectSession) error {
	_, err := tx.exec(`INSERT INTO subject_sessions (id_hash, org_id, case_id, subject_id, csrf_token, assurance, created_at, last_seen_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?)`,
		idHash, s.OrgID, s.CaseID, s.SubjectID, s.CSRFToken, s.Assurance, ms(tx.Now), ms(tx.Now), ms(s.ExpiresAt))
	return err
}

// SubjectSession returns a live subject session, touching it.
func (tx *Tx) SubjectSession(idHash []byte, idle time.Duration) (*domain.SubjectSession, error) {
	var s domain.SubjectSession
	var exp, seen int64
	err := tx.queryRow(`SELECT org_id, case_id, subject_id, csrf_token, assurance, expires_at, last_seen_at FROM subject_sessions WHERE id_hash = ?`, idHash).
		Scan(&s.OrgID, &s.CaseID, &s.SubjectID, &s.CSRFToken, &s.Assurance, &exp, &seen)
	if err != nil {
		return nil, notFound(err, "session")
	}
	if exp <= ms(tx.Now) || seen <= ms(tx.Now.Add(-idle)) {
		return nil, domain.Errorf(domain.EUnauthorized, "error.session_expired")
	}
	s.ExpiresAt = fromMS(exp)
	return &s, nil
}

// TouchSubjectSession records activity.
func (tx *Tx) TouchSubjectSession(idHash []byte) error {
	_, err := tx.exec(`UPDATE subject_sessions SET last_seen_at = ? WHERE id_hash = ?`, ms(tx.Now), idHash)
	return err
}

// DeleteSubjectSession ends one subject session.
func (tx *Tx) DeleteSubjectSession(idHash []byte) error {
	_, err := tx.exec(`DELETE FROM subject_sessions WHERE id_hash = ?`, idHash)
	return err
}

// DeleteCaseSessions ends every subject session of a case.
func (tx *Tx) DeleteCaseSessions(orgID, caseID string) error {
	_, err := tx.exec(`DELETE FROM subject_sessions WHERE org_id = ? AND case_id = ?`, orgID, caseID)
	return err
}
