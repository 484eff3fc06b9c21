package store

import (
	"encoding/json"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// ResolutionRow is a stored resolution; the note is encrypted.
type ResolutionRow struct {
	Key        string
	NoteEnc    []byte
	ResolvedBy string
	At         int64
}

// CreateAnalysis stores one analysis with its findings.
func (tx *Tx) CreateAnalysis(orgID string, a *domain.Analysis) error {
	a.ID, a.CreatedAt = NewID(), tx.Now
	if _, err := tx.exec(`INSERT INTO analyses (id, org_id, case_id, rule_version, recommendation, coverage_from, coverage_to, next_recheck, valid_until, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)`,
		a.ID, orgID, a.CaseID, a.RuleVersion, a.Recommendation, a.CoverageFrom, a.CoverageTo, a.NextRecheck, a.ValidUntil, ms(tx.Now)); err != nil {
		return err
	}
	for _, f := range a.Findings {
		f.ID = NewID()
		ev, err := json.Marshal(f.Evidence)
		if err != nil {
			return err
		}
		params, err := json.Marshal(f.Params)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO findings (id, org_id, case_id, analysis_id, finding_key, rule, category, severity, evidence, params) VALUES (?,?,?,?,?,?,?,?,?,?)`,
			f.ID, orgID, a.CaseID, a.ID, f.Key, f.Rule, f.Category, f.Severity, string(ev), string(params)); err != nil {
			return err
		}
	}
	return nil
}

// LatestAnalysis returns a case's newest analysis with its findings.
func (tx *Tx) LatestAnalysis(orgID, caseID string) (*domain.Analysis, error) {
	var a domain.Analysis
	var created int64
	err := tx.queryRow(`SELECT id, case_id, rule_version, recommendation, coverage_from, coverage_to, next_recheck, valid_until, created_at
		FROM analyses WHERE org_id = ? AND case_id = ? ORDER BY created_at DESC, id DESC LIMIT 1`, orgID, caseID).
		Scan(&a.ID, &a.CaseID, &a.RuleVersion, &a.Recommendation, &a.CoverageFrom, &a.CoverageTo, &a.NextRecheck, &a.ValidUntil, &created)
	if err != nil {
		return nil, notFound(err, "analysis")
	}
	a.CreatedAt = fromMS(created)
	rows, err := tx.query(`SELECT id, finding_key, rule, category, severity, evidence, params FROM findings WHERE org_id = ? AND analysis_id = ? ORDER BY id`, orgID, a.ID)
	if err != nil {
		return nil, err
	}
	a.Findings, err = collect(rows, func(s scanner) (*domain.Finding, error) {
		var f domain.Finding
		var ev, params string
		if err := s.Scan(&f.ID, &f.Key, &f.Rule, &f.Category, &f.Severity, &ev, &params); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(ev), &f.Evidence); err != nil {
			return nil, err
		}
		return &f, json.Unmarshal([]byte(params), &f.Params)
	})
	return &a, err
}

// AddResolution records a company user's note on a finding key.
func (tx *Tx) AddResolution(orgID, caseID, key string, noteEnc []byte, by string) error {
	_, err := tx.exec(`INSERT INTO finding_resolutions (id, org_id, case_id, finding_key, note_enc, resolved_by, created_at) VALUES (?,?,?,?,?,?,?)`,
		NewID(), orgID, caseID, key, noteEnc, by, ms(tx.Now))
	return err
}

// Resolutions returns a case's resolutions, oldest first.
func (tx *Tx) Resolutions(orgID, caseID string) ([]*ResolutionRow, error) {
	rows, err := tx.query(`SELECT finding_key, note_enc, resolved_by, created_at FROM finding_resolutions WHERE org_id = ? AND case_id = ? ORDER BY created_at, id`, orgID, caseID)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(s scanner) (*ResolutionRow, error) {
		var r ResolutionRow
		return &r, s.Scan(&r.Key, &r.NoteEnc, &r.ResolvedBy, &r.At)
	})
}

// AddEmployerContact stores an encrypted employer-contact record.
func (tx *Tx) AddEmployerContact(orgID, caseID, id string, dataEnc []byte, by string) error {
	_, err := tx.exec(`INSERT INTO employer_contacts (id, org_id, case_id, data_enc, created_by, created_at) VALUES (?,?,?,?,?,?)`,
		id, orgID, caseID, dataEnc, by, ms(tx.Now))
	return err
}

// EmployerContacts returns a case's encrypted employer-contact records by
// id, oldest first.
func (tx *Tx) EmployerContacts(orgID, caseID string) (ids []string, data [][]byte, err error) {
	rows, err := tx.query(`SELECT id, data_enc FROM employer_contacts WHERE org_id = ? AND case_id = ? ORDER BY created_at, id`, orgID, caseID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var d []byte
		if err := rows.Scan(&id, &d); err != nil {
			return nil, nil, err
		}
		ids, data = append(ids, id), append(data, d)
	}
	return ids, data, rows.Err()
}
