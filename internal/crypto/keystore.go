package crypto

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DefaultKeySchema is the PostgreSQL schema that holds the key store.
const DefaultKeySchema = "bgcheck_keys"

var schemaPattern = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// KeyStore keeps wrapped data keys in a database of their own: a separate
// SQLite file, or a separate schema on PostgreSQL. Keeping them apart from
// the main database means a copy of that database alone decrypts nothing.
//
// Destroying a key overwrites it: on SQLite secure_delete zeroes the freed
// bytes and the WAL is checkpointed and truncated. On PostgreSQL the old
// row version stays in the table's storage until VACUUM reclaims it; until
// then it is protected by its wrapping with a master key that is kept
// outside the database.
type KeyStore struct {
	db       *sql.DB
	pool     *pgxpool.Pool // PostgreSQL only
	postgres bool
	path     string // SQLite file
	now      func() time.Time
	q        queries
}

// KeyStoreOption configures OpenKeyStore.
type KeyStoreOption func(*keyStoreConfig)

type keyStoreConfig struct {
	schema string
	now    func() time.Time
}

// WithSchema sets the PostgreSQL schema (default DefaultKeySchema). Names
// are lower-case letters, digits and underscores. SQLite ignores it.
func WithSchema(name string) KeyStoreOption {
	return func(c *keyStoreConfig) { c.schema = name }
}

// WithKeyStoreClock sets the clock used for created/destroyed times.
func WithKeyStoreClock(now func() time.Time) KeyStoreOption {
	return func(c *keyStoreConfig) { c.now = now }
}

// KeyInfo describes an owner's data key without revealing it.
type KeyInfo struct {
	MasterKeyID string    // id of the master key that wraps it; "" once destroyed
	CreatedAt   time.Time // when the row was created
	DestroyedAt time.Time // zero unless the key was destroyed
}

// OpenKeyStore opens the key store named by dsn and creates its table if
// missing. "postgres://…" or "postgresql://…" selects PostgreSQL (the key
// store lives in its own schema); "sqlite://path" or a plain file path
// selects SQLite (its own file, e.g. <data-dir>/keys.db).
func OpenKeyStore(ctx context.Context, dsn string, opts ...KeyStoreOption) (*KeyStore, error) {
	cfg := keyStoreConfig{schema: DefaultKeySchema, now: time.Now}
	for _, o := range opts {
		o(&cfg)
	}
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgresKeyStore(ctx, dsn, cfg)
	case dsn == "":
		return nil, errors.New("key store: empty database URL")
	default:
		path, err := sqlitePath(dsn)
		if err != nil {
			return nil, err
		}
		return openSQLiteKeyStore(ctx, path, cfg)
	}
}

func sqlitePath(dsn string) (string, error) {
	if rest, ok := strings.CutPrefix(dsn, "sqlite://"); ok {
		u, err := url.Parse("sqlite://" + rest)
		if err != nil || u.Host+u.Path == "" {
			return "", errors.New("key store: invalid sqlite URL")
		}
		return u.Host + u.Path, nil
	}
	if strings.Contains(dsn, "://") {
		return "", errors.New("key store: unsupported URL scheme (use postgres:// or sqlite://)")
	}
	return dsn, nil
}

func openSQLiteKeyStore(ctx context.Context, path string, cfg keyStoreConfig) (*KeyStore, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("key store: %w", err)
	}
	// Create the file first with mode 0600: SQLite gives the -wal and -shm
	// files the same mode as the database file.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("key store: %w", err)
	}
	if err := errors.Join(f.Chmod(0o600), f.Close()); err != nil {
		return nil, fmt.Errorf("key store: %w", err)
	}
	db, err := sql.Open("sqlite", sqliteKeyStoreDSN(path))
	if err != nil {
		return nil, fmt.Errorf("key store: %w", err)
	}
	// One connection: key lookups are rare thanks to the cache, and with no
	// other reader a TRUNCATE checkpoint after a shred always completes.
	db.SetMaxOpenConns(1)
	db.SetConnMaxLifetime(0)
	ks := &KeyStore{db: db, path: path, now: cfg.now, q: newQueries("data_keys", false)}
	if err := ks.createSQLite(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return ks, nil
}

func sqliteKeyStoreDSN(path string) string {
	q := url.Values{}
	for _, p := range []string{
		"journal_mode(WAL)",
		// FULL: a created key is on disk before ciphertext made with it is
		// acknowledged anywhere.
		"synchronous(FULL)",
		// Deleted content is overwritten with zeros, so a destroyed key
		// leaves no copy in free space.
		"secure_delete(ON)",
		"busy_timeout(10000)",
	} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

func openPostgresKeyStore(ctx context.Context, dsn string, cfg keyStoreConfig) (*KeyStore, error) {
	if !schemaPattern.MatchString(cfg.schema) {
		return nil, fmt.Errorf("key store: invalid schema name %q", cfg.schema)
	}
	pcfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, errors.New("key store: invalid PostgreSQL URL")
	}
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return nil, fmt.Errorf("key store: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("key store: connect to PostgreSQL: %w", err)
	}
	ks := &KeyStore{
		db: stdlib.OpenDBFromPool(pool), pool: pool, postgres: true, now: cfg.now,
		q: newQueries(cfg.schema+".data_keys", true),
	}
	if err := ks.createPostgres(ctx, cfg.schema); err != nil {
		ks.Close()
		return nil, err
	}
	return ks, nil
}

// Close closes the key store's connections.
func (ks *KeyStore) Close() error {
	err := ks.db.Close()
	if ks.pool != nil {
		ks.pool.Close()
	}
	return err
}

// Info describes the data key of (orgID, ownerID). It returns an ENotFound
// *domain.Error when the owner has no key row.
func (ks *KeyStore) Info(ctx context.Context, orgID, ownerID string) (KeyInfo, error) {
	r, err := ks.get(ctx, orgID, ownerID)
	if errors.Is(err, errNoRow) {
		return KeyInfo{}, noKeyError()
	}
	if err != nil {
		return KeyInfo{}, err
	}
	info := KeyInfo{MasterKeyID: r.masterKeyID, CreatedAt: time.UnixMilli(r.createdAt).UTC()}
	if r.destroyedAt != 0 {
		info.DestroyedAt = time.UnixMilli(r.destroyedAt).UTC()
	}
	return info, nil
}

func (ks *KeyStore) nowMillis() int64 { return ks.now().UnixMilli() }
