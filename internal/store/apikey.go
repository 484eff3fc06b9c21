package store

import (
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

const apiKeyColumns = `id, org_id, name, scopes, created_by, created_at, last_used_at, revoked_at`

func scanAPIKey(s scanner) (*domain.APIKey, error) {
	var k domain.APIKey
	var scopes string
	var created, used, revoked int64
	if err := s.Scan(&k.ID, &k.OrgID, &k.Name, &scopes, &k.CreatedBy, &created, &used, &revoked); err != nil {
		return nil, err
	}
	k.Scopes = domain.ParseScopes(scopes)
	k.CreatedAt, k.LastUsedAt, k.RevokedAt = fromMS(created), fromMS(used), fromMS(revoked)
	return &k, nil
}

// CreateAPIKey stores a new key of k.OrgID with the hash of its secret;
// it sets k.ID (unless set) and k.CreatedAt.
func (tx *Tx) CreateAPIKey(k *domain.APIKey, secretHash []byte) error {
	if k.ID == "" {
		k.ID = NewID()
	}
	k.CreatedAt = tx.Now
	scopes := make([]string, len(k.Scopes))
	for i, s := range k.Scopes {
		scopes[i] = string(s)
	}
	_, err := tx.exec(`INSERT INTO api_keys (id, org_id, name, scopes, secret_hash, created_by, created_at) VALUES (?,?,?,?,?,?,?)`,
		k.ID, k.OrgID, k.Name, strings.Join(scopes, ","), secretHash, k.CreatedBy, ms(tx.Now))
	return err
}

// APIKeys lists an organisation's keys, newest first, revoked ones too.
func (tx *Tx) APIKeys(orgID string) ([]*domain.APIKey, error) {
	rows, err := tx.query(`SELECT `+apiKeyColumns+` FROM api_keys WHERE org_id = ? ORDER BY created_at DESC, id DESC`, orgID)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanAPIKey)
}

// APIKey returns one key of an organisation, or not-found.
func (tx *Tx) APIKey(orgID, id string) (*domain.APIKey, error) {
	k, err := scanAPIKey(tx.queryRow(`SELECT `+apiKeyColumns+` FROM api_keys WHERE org_id = ? AND id = ?`, orgID, id))
	return k, notFound(err, "api key")
}

// APIKeyForAuth returns a key by id with its secret hash, across
// organisations: authentication is what establishes the tenant.
func (tx *Tx) APIKeyForAuth(id string) (*domain.APIKey, []byte, error) {
	var hash []byte
	row := tx.queryRow(`SELECT `+apiKeyColumns+`, secret_hash FROM api_keys WHERE id = ?`, id)
	k, err := scanAPIKey(scannerFunc(func(dest ...any) error { return row.Scan(append(dest, &hash)...) }))
	if err != nil {
		return nil, nil, notFound(err, "api key")
	}
	return k, hash, nil
}

// scannerFunc adapts a function to the scanner interface, so a scan helper
// can read extra columns.
type scannerFunc func(dest ...any) error

func (f scannerFunc) Scan(dest ...any) error { return f(dest...) }

// RevokeAPIKey marks an active key revoked; not-found when the key does
// not exist in the organisation or is already revoked.
func (tx *Tx) RevokeAPIKey(orgID, id string) error {
	return tx.execOne("api key", `UPDATE api_keys SET revoked_at = ? WHERE org_id = ? AND id = ? AND revoked_at = 0`, ms(tx.Now), orgID, id)
}

// TouchAPIKey records that a key was used, unless that was already
// recorded within the last interval: most requests then write nothing.
func (tx *Tx) TouchAPIKey(id string, interval time.Duration) error {
	_, err := tx.exec(`UPDATE api_keys SET last_used_at = ? WHERE id = ? AND last_used_at <= ?`, ms(tx.Now), id, ms(tx.Now.Add(-interval)))
	return err
}

// BeginIdempotent inserts a reservation for rec. When the key is already
// taken it returns the stored record and false. Records older than ttl,
// and reservations still running after stale, are deleted first, so a key
// can be reused after it expires and a request that died mid-way does not
// block its retries forever.
func (tx *Tx) BeginIdempotent(rec *domain.IdempotencyRecord, ttl, stale time.Duration) (*domain.IdempotencyRecord, bool, error) {
	if _, err := tx.exec(`DELETE FROM api_idempotency WHERE org_id = ? AND (created_at < ? OR (status = 0 AND created_at < ?))`,
		rec.OrgID, ms(tx.Now.Add(-ttl)), ms(tx.Now.Add(-stale))); err != nil {
		return nil, false, err
	}
	prev, err := tx.idempotent(rec.OrgID, rec.KeyID, rec.Key)
	if err == nil {
		return prev, false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, false, err
	}
	rec.CreatedAt = tx.Now
	_, err = tx.exec(`INSERT INTO api_idempotency (org_id, key_id, idem_key, request, body_hash, created_at) VALUES (?,?,?,?,?,?)`,
		rec.OrgID, rec.KeyID, rec.Key, rec.Request, rec.BodyHash, ms(tx.Now))
	if isUniqueViolation(err) {
		// A concurrent request with the same key inserted first.
		return nil, false, &domain.Error{Code: domain.EConflict, Message: "idempotency key in use", Err: err}
	}
	return nil, err == nil, err
}

func (tx *Tx) idempotent(orgID, keyID, key string) (*domain.IdempotencyRecord, error) {
	var r domain.IdempotencyRecord
	var created int64
	err := tx.queryRow(`SELECT org_id, key_id, idem_key, request, body_hash, status, content_type, response, created_at FROM api_idempotency WHERE org_id = ? AND key_id = ? AND idem_key = ?`,
		orgID, keyID, key).Scan(&r.OrgID, &r.KeyID, &r.Key, &r.Request, &r.BodyHash, &r.Status, &r.ContentType, &r.Body, &created)
	if err != nil {
		return nil, err
	}
	r.CreatedAt = fromMS(created)
	return &r, nil
}

// CompleteIdempotent stores the response of a reserved request.
func (tx *Tx) CompleteIdempotent(rec *domain.IdempotencyRecord) error {
	return tx.execOne("idempotency key", `UPDATE api_idempotency SET status = ?, content_type = ?, response = ? WHERE org_id = ? AND key_id = ? AND idem_key = ? AND status = 0`,
		rec.Status, rec.ContentType, rec.Body, rec.OrgID, rec.KeyID, rec.Key)
}

// ReleaseIdempotent deletes an unfinished reservation.
func (tx *Tx) ReleaseIdempotent(orgID, keyID, key string) error {
	_, err := tx.exec(`DELETE FROM api_idempotency WHERE org_id = ? AND key_id = ? AND idem_key = ? AND status = 0`, orgID, keyID, key)
	return err
}
