package store

import (
	"time"
)

// SubjectRow is a subject as stored: personal fields are ciphertext under
// the subject's own data key. The app layer encrypts and decrypts.
type SubjectRow struct {
	ID        string
	OrgID     string
	NameEnc   []byte
	EmailEnc  []byte
	CPREnc    []byte
	CPRMasked string
	CreatedAt time.Time
	ErasedAt  time.Time
}

// DocumentRow is a document's metadata as stored.
type DocumentRow struct {
	ID          string
	OrgID       string
	SubjectID   string
	BlobID      string
	ContentType string
	Size        int64
	NameEnc     []byte
	SHA256Enc   []byte
	CaseID      string
	Step        string
	Kind        string
	CreatedAt   time.Time
}

// CreateSubject inserts a subject; r.ID must be set by the caller because
// the ciphertexts are bound to it.
func (tx *Tx) CreateSubject(r *SubjectRow) error {
	r.CreatedAt = tx.Now
	_, err := tx.exec(`INSERT INTO subjects (id, org_id, name_enc, email_enc, cpr_enc, cpr_masked, created_at) VALUES (?,?,?,?,?,?,?)`,
		r.ID, r.OrgID, r.NameEnc, r.EmailEnc, r.CPREnc, r.CPRMasked, ms(tx.Now))
	return err
}

// Subject returns one subject of org.
func (tx *Tx) Subject(orgID, id string) (*SubjectRow, error) {
	var r SubjectRow
	var created, erased int64
	err := tx.queryRow(`SELECT id, org_id, name_enc, email_enc, cpr_enc, cpr_masked, created_at, erased_at FROM subjects WHERE org_id = ? AND id = ?`, orgID, id).
		Scan(&r.ID, &r.OrgID, &r.NameEnc, &r.EmailEnc, &r.CPREnc, &r.CPRMasked, &created, &erased)
	if err != nil {
		return nil, notFound(err, "subject")
	}
	r.CreatedAt, r.ErasedAt = fromMS(created), fromMS(erased)
	return &r, nil
}

// MarkSubjectErased clears a subject's ciphertexts (their key is destroyed
// separately) and records the erasure. The row stays so references and the
// audit trail remain consistent.
func (tx *Tx) MarkSubjectErased(orgID, id string) error {
	return tx.execOne("subject", `UPDATE subjects SET name_enc = NULL, email_enc = NULL, cpr_enc = NULL, cpr_masked = '', erased_at = ? WHERE org_id = ? AND id = ?`,
		ms(tx.Now), orgID, id)
}

// CreateDocument inserts document metadata; r.ID must be set.
func (tx *Tx) CreateDocument(r *DocumentRow) error {
	r.CreatedAt = tx.Now
	_, err := tx.exec(`INSERT INTO documents (id, org_id, subject_id, blob_id, content_type, size, name_enc, sha256_enc, case_id, step, kind, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
		r.ID, r.OrgID, r.SubjectID, r.BlobID, r.ContentType, r.Size, r.NameEnc, r.SHA256Enc, r.CaseID, r.Step, r.Kind, ms(tx.Now))
	return err
}

const documentColumns = `id, org_id, subject_id, blob_id, content_type, size, name_enc, sha256_enc, case_id, step, kind, created_at`

func scanDocument(s scanner) (*DocumentRow, error) {
	var r DocumentRow
	var created int64
	if err := s.Scan(&r.ID, &r.OrgID, &r.SubjectID, &r.BlobID, &r.ContentType, &r.Size, &r.NameEnc, &r.SHA256Enc, &r.CaseID, &r.Step, &r.Kind, &created); err != nil {
		return nil, err
	}
	r.CreatedAt = fromMS(created)
	return &r, nil
}

// Document returns one document of org.
func (tx *Tx) Document(orgID, id string) (*DocumentRow, error) {
	r, err := scanDocument(tx.queryRow(`SELECT `+documentColumns+` FROM documents WHERE org_id = ? AND id = ?`, orgID, id))
	return r, notFound(err, "document")
}

// SubjectDocuments lists a subject's documents, oldest first.
func (tx *Tx) SubjectDocuments(orgID, subjectID string) ([]*DocumentRow, error) {
	rows, err := tx.query(`SELECT `+documentColumns+` FROM documents WHERE org_id = ? AND subject_id = ? ORDER BY created_at, id`, orgID, subjectID)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanDocument)
}

// DeleteSubjectDocuments removes a subject's document rows and returns
// their blob ids, so the caller deletes the files after commit.
func (tx *Tx) DeleteSubjectDocuments(orgID, subjectID string) ([]string, error) {
	docs, err := tx.SubjectDocuments(orgID, subjectID)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(docs))
	for _, d := range docs {
		ids = append(ids, d.BlobID)
	}
	_, err = tx.exec(`DELETE FROM documents WHERE org_id = ? AND subject_id = ?`, orgID, subjectID)
	return ids, err
}

// ReferencedBlobs reports which of ids are referenced by a committed row;
// the blob garbage collector deletes the rest.
func (tx *Tx) ReferencedBlobs(ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		q := `SELECT blob_id FROM documents WHERE blob_id IN (` + placeholders(len(chunk)) + `)`
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := tx.query(q, args...)
		if err != nil {
			return nil, err
		}
		found, err := collect(rows, func(s scanner) (string, error) { var id string; return id, s.Scan(&id) })
		if err != nil {
			return nil, err
		}
		for _, id := range found {
			out[id] = true
		}
	}
	return out, nil
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	b := make([]byte, 0, 2*n)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '?')
	}
	return string(b)
}

// SetSubjectEmail replaces a subject's encrypted e-mail.
func (tx *Tx) SetSubjectEmail(orgID, id string, emailEnc []byte) error {
	return tx.execOne("subject", `UPDATE subjects SET email_enc = ? WHERE org_id = ? AND id = ? AND erased_at = 0`, emailEnc, orgID, id)
}

// CaseDocuments lists a case's documents, oldest first.
func (tx *Tx) CaseDocuments(orgID, caseID string) ([]*DocumentRow, error) {
	rows, err := tx.query(`SELECT `+documentColumns+` FROM documents WHERE org_id = ? AND case_id = ? ORDER BY created_at, id`, orgID, caseID)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanDocument)
}

// DeleteDocument removes one document row of a case and returns its blob
// id, so the caller deletes the file after commit.
func (tx *Tx) DeleteDocument(orgID, caseID, id string) (string, error) {
	var blobID string
	err := tx.queryRow(`DELETE FROM documents WHERE org_id = ? AND case_id = ? AND id = ? RETURNING blob_id`, orgID, caseID, id).Scan(&blobID)
	return blobID, notFound(err, "document")
}

// SetSubjectCPR stores a subject's CPR number (encrypted) and its masked
// form, once MitID has released it.
func (tx *Tx) SetSubjectCPR(orgID, id string, cprEnc []byte, masked string) error {
	return tx.execOne("subject", `UPDATE subjects SET cpr_enc = ?, cpr_masked = ? WHERE org_id = ? AND id = ? AND erased_at = 0`, cprEnc, masked, orgID, id)
}
