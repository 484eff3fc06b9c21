package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Tx is a database transaction. It carries the time the transaction
// started, so every row it writes shares one timestamp and tests control
// the clock.
type Tx struct {
	tx      *sql.Tx
	dialect Dialect
	ctx     context.Context
	// Now is the transaction's clock reading (UTC, millisecond resolution).
	Now time.Time
	// afterCommit runs once the transaction has committed.
	afterCommit []func()
}

// Write runs fn in a read-write transaction and commits it if fn returns
// nil; otherwise it rolls back, so nothing is ever half-saved.
func (db *DB) Write(ctx context.Context, fn func(*Tx) error) error {
	return db.run(ctx, db.writer, nil, fn)
}

// Read runs fn in a read-only transaction: a consistent snapshot.
func (db *DB) Read(ctx context.Context, fn func(*Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: db.dialect == Postgres}
	return db.run(ctx, db.reader, opts, fn)
}

func (db *DB) run(ctx context.Context, h *sql.DB, opts *sql.TxOptions, fn func(*Tx) error) (err error) {
	stx, err := h.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &Tx{tx: stx, dialect: db.dialect, ctx: ctx, Now: db.Now()}
	defer func() {
		if p := recover(); p != nil {
			_ = stx.Rollback()
			panic(p)
		}
	}()
	if err = fn(tx); err != nil {
		_ = stx.Rollback()
		return err
	}
	if err = stx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	for _, f := range tx.afterCommit {
		f()
	}
	return nil
}

// AfterCommit registers f to run after the transaction commits, e.g. to wake
// a worker. It never runs if the transaction rolls back.
func (tx *Tx) AfterCommit(f func()) { tx.afterCommit = append(tx.afterCommit, f) }

// Context returns the context the transaction runs under.
func (tx *Tx) Context() context.Context { return tx.ctx }

// Dialect reports the database flavour.
func (tx *Tx) Dialect() Dialect { return tx.dialect }

func (tx *Tx) exec(q string, args ...any) (sql.Result, error) {
	return tx.tx.ExecContext(tx.ctx, tx.dialect.rebind(q), args...)
}

func (tx *Tx) query(q string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(tx.ctx, tx.dialect.rebind(q), args...)
}

func (tx *Tx) queryRow(q string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(tx.ctx, tx.dialect.rebind(q), args...)
}

// execOne runs a statement that must change exactly one row; otherwise it
// returns a not-found error naming what.
func (tx *Tx) execOne(what, q string, args ...any) error {
	res, err := tx.exec(q, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return domain.Errorf(domain.ENotFound, "%s not found", what)
	}
	return nil
}

// notFound maps sql.ErrNoRows to a domain not-found error naming what.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return &domain.Error{Code: domain.ENotFound, Message: what + " not found", Err: err}
	}
	return err
}

// ms converts a time to stored Unix milliseconds; the zero time is 0.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMS converts stored Unix milliseconds to UTC time; 0 is the zero time.
func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}
