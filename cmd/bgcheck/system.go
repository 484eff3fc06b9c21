package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/bgcheck/bgcheck/internal/app"
	"github.com/bgcheck/bgcheck/internal/audit"
	"github.com/bgcheck/bgcheck/internal/blob"
	"github.com/bgcheck/bgcheck/internal/config"
	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/jobs"
	"github.com/bgcheck/bgcheck/internal/mitid"
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/cvr"
	"github.com/bgcheck/bgcheck/internal/sources/sandbox"
	"github.com/bgcheck/bgcheck/internal/store"
)

// system is every long-lived part of a running bgcheck, wired together.
type system struct {
	cfg       *config.Config
	log       *slog.Logger
	db        *store.DB
	keys      *crypto.KeyStore
	envelope  *crypto.Envelope
	blobs     *blob.FS
	catalogue *i18n.Catalogue
	runner    *jobs.Runner
	app       *app.App
}

// open connects to the databases, applies migrations and builds the app.
func open(ctx context.Context, cfg *config.Config, log *slog.Logger) (_ *system, err error) {
	s := &system{cfg: cfg, log: log}
	defer func() {
		if err != nil {
			s.Close()
		}
	}()
	if s.db, err = store.Open(ctx, cfg.DatabaseURL, store.Options{}); err != nil {
		return nil, fmt.Errorf("BGCHECK_DATABASE_URL: %w", err)
	}
	if _, err = s.db.Migrate(ctx); err != nil {
		return nil, err
	}
	ring, err := crypto.LoadKeyRing([]byte(cfg.MasterKey))
	if err != nil {
		return nil, fmt.Errorf("BGCHECK_MASTER_KEY: %w", err)
	}
	if s.keys, err = crypto.OpenKeyStore(ctx, cfg.KeyStoreURL); err != nil {
		return nil, fmt.Errorf("BGCHECK_KEYSTORE_URL: %w", err)
	}
	s.envelope = crypto.New(newReloadingRing(cfg.MasterKeyFile, ring), s.keys)
	if s.blobs, err = blob.NewFS(cfg.BlobDir, s.envelope); err != nil {
		return nil, fmt.Errorf("BGCHECK_BLOB_DIR: %w", err)
	}
	signer, err := audit.LoadOrCreateSigningKey(cfg.AuditSigningKey)
	if err != nil {
		return nil, fmt.Errorf("BGCHECK_AUDIT_SIGNING_KEY: %w", err)
	}
	checkpoints, err := audit.OpenDir(cfg.CheckpointDir)
	if err != nil {
		return nil, fmt.Errorf("BGCHECK_AUDIT_CHECKPOINT_DIR: %w", err)
	}
	if s.catalogue, err = i18n.New(); err != nil {
		return nil, err
	}
	s.runner = jobs.NewRunner(s.db, log)
	s.app = app.New(app.Deps{
		DB: s.db, Envelope: s.envelope, Blobs: s.blobs, Translator: s.catalogue,
		Jobs: s.runner, Signer: signer, Checkpoints: checkpoints, BaseURL: cfg.BaseURL, Log: log,
		MaxUpload: cfg.MaxUploadBytes, LinkTTL: cfg.LinkTTL, ReminderAfter: cfg.ReminderAfter,
		Webhooks: app.WebhookOptions{Allow: cfg.WebhookAllow},
	})
	return s, nil
}

// Close closes the databases.
func (s *system) Close() error {
	var errs []error
	if s.keys != nil {
		errs = append(errs, s.keys.Close())
	}
	if s.db != nil {
		errs = append(errs, s.db.Close())
	}
	return errors.Join(errs...)
}

// blobGC removes document files that no committed row refers to.
func (s *system) blobGC(ctx context.Context, grace time.Duration) (int, error) {
	return s.blobs.GC(ctx, func(ctx context.Context, ids []string) (map[string]bool, error) {
		var found map[string]bool
		err := s.db.Read(ctx, func(tx *store.Tx) (err error) { found, err = tx.ReferencedBlobs(ids); return err })
		return found, err
	}, grace)
}

// connectMitID connects the portal to the MitID broker named in the
// configuration. Discovery happens now, so a wrong issuer stops start-up.
func (s *system) connectMitID(ctx context.Context) error {
	m := s.cfg.MitID
	c, err := mitid.New(ctx, mitid.Config{
		Issuer: m.Issuer, ClientID: m.ClientID, ClientSecret: m.ClientSecret, Shape: m.Shape,
		Scopes: m.Scopes, ACRValues: m.ACRValues, RedirectURL: s.cfg.BaseURL + "/s/callback",
	})
	if err != nil {
		return fmt.Errorf("BGCHECK_MITID_*: %w", err)
	}
	s.app.MitID = c
	return nil
}

// connectRegisters connects the register connectors: the sandbox in the
// demo (or with BGCHECK_REGISTERS=sandbox), else the CVR distribution
// service when configured. A CPR subscription and direct income-register
// access are the customer's own agreements; only their sandboxes ship.
func (s *system) connectRegisters(demo bool) error {
	var regs app.Registers
	switch {
	case demo || s.cfg.Registers == "sandbox":
		now := time.Now()
		sb := sandbox.New(rules.NewDate(now.Year(), now.Month(), now.Day()))
		regs.CVR, regs.CPR = sb.CVR(), sb.CPR()
	case s.cfg.CVR.URL != "":
		c, err := cvr.NewClient(cvr.Config{BaseURL: s.cfg.CVR.URL, Username: s.cfg.CVR.Username, Password: s.cfg.CVR.Password})
		if err != nil {
			return fmt.Errorf("BGCHECK_CVR_URL: %w", err)
		}
		regs.CVR = c
	}
	return s.app.ConnectRegisters(regs)
}
