package store

import "time"

// DecisionRow is a reviewer's decision on a case as stored. Reasons are
// encrypted by the caller.
type DecisionRow struct {
	ID, OrgID, CaseID           string
	Outcome                     string
	ReasonEnc                   []byte
	DecidedBy, DecidedLabel     string
	DecidedAt                   time.Time
	FourEyes                    bool
	ConfirmedBy, ConfirmedLabel string
	ConfirmedAt                 time.Time
	ReopenedBy, ReopenedLabel   string
	ReopenedAt                  time.Time
	ReopenReasonEnc             []byte
}

const decisionCols = `id, org_id, case_id, outcome, reason_enc, decided_by, decided_label, decided_at, four_eyes,
	confirmed_by, confirmed_label, confirmed_at, reopened_by, reopened_label, reopened_at, reopen_reason_enc`

func scanDecision(s scanner) (*DecisionRow, error) {
	var d DecisionRow
	var decided, confirmed, reopened, fourEyes int64
	err := s.Scan(&d.ID, &d.OrgID, &d.CaseID, &d.Outcome, &d.ReasonEnc, &d.DecidedBy, &d.DecidedLabel, &decided, &fourEyes,
		&d.ConfirmedBy, &d.ConfirmedLabel, &confirmed, &d.ReopenedBy, &d.ReopenedLabel, &reopened, &d.ReopenReasonEnc)
	d.DecidedAt, d.ConfirmedAt, d.ReopenedAt, d.FourEyes = fromMS(decided), fromMS(confirmed), fromMS(reopened), fourEyes != 0
	return &d, err
}

// AddDecision stores a new decision, decided now.
func (tx *Tx) AddDecision(d *DecisionRow) error {
	d.DecidedAt = tx.Now
	fourEyes := 0
	if d.FourEyes {
		fourEyes = 1
	}
	_, err := tx.exec(`INSERT INTO case_decisions (id, org_id, case_id, outcome, reason_enc, decided_by, decided_label, decided_at, four_eyes)
		VALUES (?,?,?,?,?,?,?,?,?)`, d.ID, d.OrgID, d.CaseID, d.Outcome, d.ReasonEnc, d.DecidedBy, d.DecidedLabel, ms(tx.Now), fourEyes)
	return err
}

// ConfirmDecision records the second reviewer of a pending four-eyes
// decision. It fails with not-found unless the decision is still pending,
// so two confirmations cannot both win.
func (tx *Tx) ConfirmDecision(orgID, id, by, label string) error {
	return tx.execOne("pending decision", `UPDATE case_decisions SET confirmed_by = ?, confirmed_label = ?, confirmed_at = ?
		WHERE org_id = ? AND id = ? AND four_eyes = 1 AND confirmed_at = 0 AND reopened_at = 0`, by, label, ms(tx.Now), orgID, id)
}

// ReopenDecision marks a decision as reopened, with an encrypted reason.
func (tx *Tx) ReopenDecision(orgID, id, by, label string, reasonEnc []byte) error {
	return tx.execOne("open decision", `UPDATE case_decisions SET reopened_by = ?, reopened_label = ?, reopened_at = ?, reopen_reason_enc = ?
		WHERE org_id = ? AND id = ? AND reopened_at = 0`, by, label, ms(tx.Now), reasonEnc, orgID, id)
}

// Decisions returns a case's decisions, oldest first.
func (tx *Tx) Decisions(orgID, caseID string) ([]*DecisionRow, error) {
	rows, err := tx.query(`SELECT `+decisionCols+` FROM case_decisions WHERE org_id = ? AND case_id = ? ORDER BY decided_at, id`, orgID, caseID)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanDecision)
}

// ReportRow records an issued report.
type ReportRow struct {
	DocumentID, OrgID, CaseID string
	ContentSHA256, FileSHA256 string
	CreatedBy                 string
	CreatedAt                 time.Time
}

// AddReport records an issued report.
func (tx *Tx) AddReport(r *ReportRow) error {
	r.CreatedAt = tx.Now
	_, err := tx.exec(`INSERT INTO case_reports (document_id, org_id, case_id, content_sha256, file_sha256, created_by, created_at) VALUES (?,?,?,?,?,?,?)`,
		r.DocumentID, r.OrgID, r.CaseID, r.ContentSHA256, r.FileSHA256, r.CreatedBy, ms(tx.Now))
	return err
}

// ReportByDocumentID finds an issued report by the id printed in it, in
// any organisation: verifying a copy is an operator's task.
func (tx *Tx) ReportByDocumentID(documentID string) (*ReportRow, error) {
	var r ReportRow
	var at int64
	err := tx.queryRow(`SELECT document_id, org_id, case_id, content_sha256, file_sha256, created_by, created_at FROM case_reports WHERE document_id = ?`, documentID).
		Scan(&r.DocumentID, &r.OrgID, &r.CaseID, &r.ContentSHA256, &r.FileSHA256, &r.CreatedBy, &at)
	r.CreatedAt = fromMS(at)
	return &r, notFound(err, "report")
}
