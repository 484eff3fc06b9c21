package main

import (
	"context"
	"fmt"

	"github.com/bgcheck/bgcheck/internal/store"
)

func (e env) migrate(ctx context.Context, args []string) error {
	fs := e.flags("migrate", "migrate [flags]")
	cfg, err := e.config(fs, args, false)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, cfg.DatabaseURL, store.Options{})
	if err != nil {
		return fmt.Errorf("BGCHECK_DATABASE_URL: %w", err)
	}
	defer db.Close()
	v, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "database (%s) is at migration %d\n", db.Dialect(), v)
	return nil
}
