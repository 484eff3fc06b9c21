// Package storetest opens real test databases: a fresh SQLite file always,
// and a fresh PostgreSQL schema when BGCHECK_TEST_POSTGRES names a server.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"github.com/bgcheck/bgcheck/internal/store"
)

// PostgresEnv names the variable holding the PostgreSQL test server URL.
const PostgresEnv = "BGCHECK_TEST_POSTGRES"

// Target is one database a test runs against.
type Target struct {
	Name string // "sqlite" or "postgres"
	URL  string // database URL for store.Open
	// Schema is the PostgreSQL schema created for the test ("" on SQLite).
	Schema string
}

// Targets returns a fresh SQLite target and, when configured, a fresh
// PostgreSQL schema. When CI=true an unreachable PostgreSQL fails the test
// instead of skipping it.
func Targets(t testing.TB) []Target {
	t.Helper()
	ts := []Target{{Name: "sqlite", URL: filepath.Join(t.TempDir(), "bgcheck.db")}}
	if pg, ok := PostgresTarget(t); ok {
		ts = append(ts, pg)
	}
	return ts
}

// PostgresTarget creates a fresh schema on the PostgreSQL test server and
// returns a URL whose search_path points at it; the schema is dropped when
// the test ends.
func PostgresTarget(t testing.TB) (Target, bool) {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set but CI=true: the PostgreSQL suite must run", PostgresEnv)
		}
		return Target{}, false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	defer admin.Close()
	if err := admin.PingContext(ctx); err != nil {
		t.Fatalf("postgres unreachable at %s: %v", PostgresEnv, err)
	}
	schema := "t_" + randomHex(8)
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		_, _ = db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return Target{Name: "postgres", URL: u.String(), Schema: schema}, true
}

// Open opens and migrates a target; the database closes when the test ends.
func Open(t testing.TB, tg Target, opt store.Options) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, tg.URL, opt)
	if err != nil {
		t.Fatalf("open %s: %v", tg.Name, err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", tg.Name, err)
	}
	return db
}

// Each runs fn as a subtest against every target.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, tg := range Targets(t) {
		t.Run(tg.Name, func(t *testing.T) { fn(t, Open(t, tg, store.Options{})) })
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
