package crypto

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// keyRow is one row of the key store. A destroyed row (tombstone) has no
// wrapped bytes, an empty master key id and destroyedAt > 0.
type keyRow struct {
	orgID, ownerID string
	masterKeyID    string
	wrapped        []byte
	createdAt      int64 // Unix milliseconds, as in the main database
	destroyedAt    int64 // 0 while the key is alive
}

// queries holds the key store's SQL, written once with "?" placeholders
// and rebound for PostgreSQL.
type queries struct {
	create, get, insert, destroy, stale, swap string
}

const tableColumns = `(
    org_id        TEXT NOT NULL,
    owner_id      TEXT NOT NULL,
    master_key_id TEXT NOT NULL,
    wrapped       %s,
    created_at    BIGINT NOT NULL,
    destroyed_at  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, owner_id),
    CHECK ((destroyed_at = 0) = (wrapped IS NOT NULL))
)`

func newQueries(table string, postgres bool) queries {
	blob := "BLOB"
	if postgres {
		blob = "BYTEA"
	}
	q := queries{
		create: "CREATE TABLE IF NOT EXISTS " + table + " " + fmt.Sprintf(tableColumns, blob),
		get: `SELECT master_key_id, wrapped, created_at, destroyed_at FROM ` + table +
			` WHERE org_id = ? AND owner_id = ?`,
		insert: `INSERT INTO ` + table + ` (org_id, owner_id, master_key_id, wrapped, created_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (org_id, owner_id) DO NOTHING`,
		// The tombstone is written even for an owner who never had a key,
		// so none can be created for them later.
		destroy: `INSERT INTO ` + table + ` AS k (org_id, owner_id, master_key_id, wrapped, created_at, destroyed_at)
			VALUES (?, ?, '', NULL, ?, ?) ON CONFLICT (org_id, owner_id) DO UPDATE
			SET master_key_id = '', wrapped = NULL,
			    destroyed_at = CASE WHEN k.destroyed_at = 0 THEN excluded.destroyed_at ELSE k.destroyed_at END`,
		stale: `SELECT org_id, owner_id, master_key_id, wrapped FROM ` + table + `
			WHERE destroyed_at = 0 AND master_key_id <> ? AND (org_id > ? OR (org_id = ? AND owner_id > ?))
			ORDER BY org_id, owner_id LIMIT ?`,
		// Compare-and-swap: the row changes only if nobody replaced or
		// destroyed the key since it was read.
		swap: `UPDATE ` + table + ` SET master_key_id = ?, wrapped = ?
			WHERE org_id = ? AND owner_id = ? AND destroyed_at = 0 AND wrapped = ?`,
	}
	if postgres {
		q.get, q.insert, q.destroy = rebind(q.get), rebind(q.insert), rebind(q.destroy)
		q.stale, q.swap = rebind(q.stale), rebind(q.swap)
	}
	return q
}

// rebind turns "?" placeholders into PostgreSQL's "$1, $2, …".
func rebind(q string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] != '?' {
			b.WriteByte(q[i])
			continue
		}
		n++
		b.WriteString("$" + strconv.Itoa(n))
	}
	return b.String()
}

func (ks *KeyStore) createSQLite(ctx context.Context) error {
	if _, err := ks.db.ExecContext(ctx, ks.q.create); err != nil {
		return fmt.Errorf("key store: create table: %w", err)
	}
	var on int
	if err := ks.db.QueryRowContext(ctx, "PRAGMA secure_delete").Scan(&on); err != nil {
		return fmt.Errorf("key store: %w", err)
	}
	if on != 1 {
		return errors.New("key store: secure_delete is not on")
	}
	return nil
}

// createPostgres creates the schema and table under an advisory lock, so
// several servers starting at once do not race on the DDL.
func (ks *KeyStore) createPostgres(ctx context.Context, schema string) error {
	tx, err := ks.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("key store: %w", err)
	}
	defer tx.Rollback()
	for _, stmt := range []string{
		"SELECT pg_advisory_xact_lock(hashtext('bgcheck_keys_ddl:" + schema + "'))",
		"CREATE SCHEMA IF NOT EXISTS " + schema,
		ks.q.create,
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("key store: create schema: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("key store: create schema: %w", err)
	}
	return nil
}

// get returns the row of (orgID, ownerID), or errNoRow.
func (ks *KeyStore) get(ctx context.Context, orgID, ownerID string) (*keyRow, error) {
	r := &keyRow{orgID: orgID, ownerID: ownerID}
	err := ks.db.QueryRowContext(ctx, ks.q.get, orgID, ownerID).
		Scan(&r.masterKeyID, &r.wrapped, &r.createdAt, &r.destroyedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoRow
	}
	if err != nil {
		return nil, fmt.Errorf("key store: read key: %w", err)
	}
	return r, nil
}

// insert adds a live key unless the owner already has a row (live or
// tombstone); it reports whether it inserted.
func (ks *KeyStore) insert(ctx context.Context, r *keyRow) (bool, error) {
	res, err := ks.db.ExecContext(ctx, ks.q.insert, r.orgID, r.ownerID, r.masterKeyID, r.wrapped, r.createdAt)
	if err != nil {
		return false, fmt.Errorf("key store: insert key: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// destroy turns the owner's row into a tombstone and, on SQLite, folds the
// WAL into the database file and truncates it, so no old page image that
// held the wrapped key remains in either file.
func (ks *KeyStore) destroy(ctx context.Context, orgID, ownerID string) error {
	now := max(ks.nowMillis(), 1)
	if _, err := ks.db.ExecContext(ctx, ks.q.destroy, orgID, ownerID, now, now); err != nil {
		return fmt.Errorf("key store: destroy key: %w", err)
	}
	return ks.checkpoint(ctx)
}

func (ks *KeyStore) checkpoint(ctx context.Context) error {
	if ks.postgres {
		return nil
	}
	var busy, logFrames, done int
	err := ks.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done)
	if err != nil {
		return fmt.Errorf("key store: checkpoint: %w", err)
	}
	if busy != 0 {
		return errors.New("key store: checkpoint blocked by another connection; retry the erasure")
	}
	return nil
}

// stale returns up to limit live rows after (afterOrg, afterOwner) in key
// order whose master key is not primaryID.
func (ks *KeyStore) stale(ctx context.Context, primaryID, afterOrg, afterOwner string, limit int) ([]*keyRow, error) {
	rows, err := ks.db.QueryContext(ctx, ks.q.stale, primaryID, afterOrg, afterOrg, afterOwner, limit)
	if err != nil {
		return nil, fmt.Errorf("key store: list keys: %w", err)
	}
	defer rows.Close()
	var out []*keyRow
	for rows.Next() {
		r := &keyRow{}
		if err := rows.Scan(&r.orgID, &r.ownerID, &r.masterKeyID, &r.wrapped); err != nil {
			return nil, fmt.Errorf("key store: list keys: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// swap replaces the wrapped key of a live row if it still holds old; it
// reports whether it did.
func (ks *KeyStore) swap(ctx context.Context, r *keyRow, masterKeyID string, wrapped []byte) (bool, error) {
	res, err := ks.db.ExecContext(ctx, ks.q.swap, masterKeyID, wrapped, r.orgID, r.ownerID, r.wrapped)
	if err != nil {
		return false, fmt.Errorf("key store: update key: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
