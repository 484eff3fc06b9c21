package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// Migrations returns the migration files of a dialect.
func Migrations(d Dialect) fs.FS {
	sub, err := fs.Sub(migrations, "migrations/"+d.String())
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

func (db *DB) provider() (*goose.Provider, error) {
	// Out-of-order migrations are applied rather than refused: changes
	// developed side by side may land with a lower number after a higher
	// one has reached a database, and each migration stands alone.
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true), goose.WithAllowOutofOrder(true)}
	dialect := goose.DialectSQLite3
	if db.dialect == Postgres {
		dialect = goose.DialectPostgres
		// Several nodes may start at once; one migrates, the others wait.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(dialect, db.writer, Migrations(db.dialect), opts...)
}

// Migrate applies every pending migration and returns the resulting version.
func (db *DB) Migrate(ctx context.Context) (int64, error) {
	p, err := db.provider()
	if err != nil {
		return 0, err
	}
	if _, err := p.Up(ctx); err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	return p.GetDBVersion(ctx)
}

// MigrationStatus reports the applied version and whether any migration is
// pending.
func (db *DB) MigrationStatus(ctx context.Context) (current int64, pending bool, err error) {
	p, err := db.provider()
	if err != nil {
		return 0, false, err
	}
	current, err = p.GetDBVersion(ctx)
	if err != nil {
		return 0, false, err
	}
	pending, err = p.HasPending(ctx)
	return current, pending, err
}
