// Package store is bgcheck's database layer: one implementation over
// database/sql that runs on embedded SQLite and on PostgreSQL. Every
// SQLite/PostgreSQL difference lives in dialect.go.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DB is an open bgcheck database. On SQLite it holds one writer connection
// and a pool of read-only connections; on PostgreSQL both are the same pool.
type DB struct {
	dialect Dialect
	writer  *sql.DB
	reader  *sql.DB
	pool    *pgxpool.Pool // PostgreSQL only
	now     func() time.Time
	dsn     string
}

// Options tune Open.
type Options struct {
	// Now is the clock; tests set it. Defaults to time.Now.
	Now func() time.Time
	// Readers is the size of the SQLite read pool (default 4).
	Readers int
}

// Open opens the database named by url: "postgres://…" or "postgresql://…"
// selects PostgreSQL; "sqlite:///path/file.db", "sqlite://relative.db" or a
// plain file path selects SQLite. It does not migrate.
func Open(ctx context.Context, dsn string, opt Options) (*DB, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Readers <= 0 {
		opt.Readers = 4
	}
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgres(ctx, dsn, opt)
	case dsn == "":
		return nil, errors.New("empty database URL")
	default:
		path, err := SQLitePath(dsn)
		if err != nil {
			return nil, err
		}
		return openSQLite(ctx, path, opt)
	}
}

// SQLitePath returns the file path named by a "sqlite://" URL or plain path.
func SQLitePath(dsn string) (string, error) {
	if rest, ok := strings.CutPrefix(dsn, "sqlite://"); ok {
		u, err := url.Parse("sqlite://" + rest)
		if err != nil {
			return "", fmt.Errorf("invalid sqlite URL: %w", err)
		}
		p := u.Host + u.Path
		if p == "" {
			return "", errors.New("sqlite URL names no file")
		}
		return p, nil
	}
	if strings.Contains(dsn, "://") {
		return "", fmt.Errorf("unsupported database URL scheme in %q (use postgres:// or sqlite://)", redactURL(dsn))
	}
	return dsn, nil
}

func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparseable)"
	}
	return u.Redacted()
}

func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range []string{
		"journal_mode(WAL)",
		// FULL: an acknowledged commit survives power loss, also in WAL mode.
		"synchronous(FULL)",
		"foreign_keys(1)",
		"busy_timeout(10000)",
	} {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		// Take the write lock at BEGIN so a transaction never fails half-way
		// trying to upgrade a read lock.
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

func openSQLite(ctx context.Context, path string, opt Options) (*DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	}
	w, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	// The writer runs first so the WAL is set up before readers connect.
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(opt.Readers)
	r.SetMaxIdleConns(opt.Readers)
	return &DB{dialect: SQLite, writer: w, reader: r, now: opt.Now, dsn: path}, nil
}

func openPostgres(ctx context.Context, dsn string, opt Options) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("invalid PostgreSQL URL: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to PostgreSQL %s: %w", redactURL(dsn), err)
	}
	db := stdlib.OpenDBFromPool(pool)
	return &DB{dialect: Postgres, writer: db, reader: db, pool: pool, now: opt.Now, dsn: dsn}, nil
}

// Dialect reports which database this is.
func (db *DB) Dialect() Dialect { return db.dialect }

// Now returns the store's clock reading, in UTC and truncated to
// milliseconds (the stored resolution).
func (db *DB) Now() time.Time { return db.now().UTC().Truncate(time.Millisecond) }

// SQL returns the writer handle, for tools that need raw access (migrations,
// tests). Application code uses Read and Write.
func (db *DB) SQL() *sql.DB { return db.writer }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.reader.PingContext(ctx) }

// Close closes every connection.
func (db *DB) Close() error {
	var errs []error
	if db.reader != db.writer {
		errs = append(errs, db.reader.Close())
	}
	errs = append(errs, db.writer.Close())
	if db.pool != nil {
		db.pool.Close()
	}
	return errors.Join(errs...)
}

// Checkpoint folds the SQLite WAL back into the main file and truncates it.
// It does nothing on PostgreSQL.
func (db *DB) Checkpoint(ctx context.Context) error {
	if db.dialect != SQLite {
		return nil
	}
	_, err := db.writer.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return err
}

// Optimize refreshes the query planner's statistics (ANALYZE on
// PostgreSQL, PRAGMA optimize on SQLite), so list queries keep choosing the
// right index as data grows. The server runs it periodically.
func (db *DB) Optimize(ctx context.Context) error {
	q := `ANALYZE`
	if db.dialect == SQLite {
		q = `PRAGMA optimize=0x10002`
	}
	_, err := db.writer.ExecContext(ctx, q)
	return err
}
