// Package app implements bgcheck's use cases: it composes store
// transactions, encryption, the audit log and the job queue behind the
// service interfaces of package domain that the web layer calls.
package app

import (
	"context"
	"crypto/ed25519"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/bgcheck/bgcheck/internal/audit"
	"github.com/bgcheck/bgcheck/internal/blob"
	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/mitid"
	"github.com/bgcheck/bgcheck/internal/sources/cpr"
	"github.com/bgcheck/bgcheck/internal/sources/cvr"
	"github.com/bgcheck/bgcheck/internal/sources/income"
	"github.com/bgcheck/bgcheck/internal/store"
)

// Translator renders a message-catalogue id in a language.
type Translator interface {
	T(lang, id string, data map[string]any) string
}

// Waker is told when a committed transaction enqueued a job.
type Waker interface{ Wake() }

// Deps are the parts an App is built from.
type Deps struct {
	DB          *store.DB
	Envelope    *crypto.Envelope
	Blobs       blob.Store
	Translator  Translator
	Jobs        Waker
	Signer      *audit.Signer
	Checkpoints *audit.Dir
	BaseURL     string // public URL for links in e-mails
	Log         *slog.Logger
	// MitID signs subjects in; nil leaves only the e-mail-code fallback.
	MitID MitID
	// MaxUpload bounds one uploaded document (default 20 MiB).
	MaxUpload int64
	// CVR finds subjects' roles in companies; nil skips the lookup.
	CVR cvr.Register
	// CPR is the customer's CPR-office subscription (current name,
	// address and status); nil skips the lookup.
	CPR cpr.Subscription
	// Income and Pension are direct register access for customers with a
	// legal basis for it; nil leaves the subject's own uploads as the
	// only income evidence.
	Income  income.Register
	Pension income.PensionRegister
	// LinkTTL is how long a subject's link works (default 30 days);
	// ReminderAfter is when an unfinished subject is reminded (default 3
	// days after the invitation).
	LinkTTL, ReminderAfter time.Duration
	// Scanner inspects every uploaded document before it is accepted
	// (default: accepts everything).
	Scanner DocumentScanner
	// Webhooks configures outgoing webhooks: the address ranges allowed
	// despite being private, and for tests the client and schedule.
	Webhooks WebhookOptions
}

// MitID is the OIDC broker client (internal/mitid.Client).
type MitID interface {
	Begin() (mitid.Login, error)
	Finish(ctx context.Context, code, state string, l mitid.Login) (mitid.Identity, error)
}

// DocumentScanner is the hook for malware or content scanning of uploads.
// Returning an error refuses the document.
type DocumentScanner interface {
	Scan(ctx context.Context, contentType string, r io.Reader) error
}

type noScan struct{}

func (noScan) Scan(context.Context, string, io.Reader) error { return nil }

// App holds the dependencies shared by every service.
type App struct {
	Deps
	search searchKeys
}

// New returns an App. Every Deps field but Jobs is required.
func New(d Deps) *App {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.MaxUpload <= 0 {
		d.MaxUpload = 20 << 20
	}
	if d.LinkTTL <= 0 {
		d.LinkTTL = DefaultLinkTTL
	}
	if d.ReminderAfter <= 0 {
		d.ReminderAfter = DefaultReminderAfter
	}
	if d.Scanner == nil {
		d.Scanner = noScan{}
	}
	return &App{Deps: d}
}

// Services returned by App, one per domain interface.
func (a *App) Auth() *AuthService                  { return &AuthService{a} }
func (a *App) Users() *UserService                 { return &UserService{a} }
func (a *App) Organisations() *OrganisationService { return &OrganisationService{a} }
func (a *App) Audit() *AuditService                { return &AuditService{a} }
func (a *App) Subjects() *SubjectService           { return &SubjectService{a} }

var (
	_ domain.AuthService         = (*AuthService)(nil)
	_ domain.UserService         = (*UserService)(nil)
	_ domain.OrganisationService = (*OrganisationService)(nil)
	_ domain.AuditService        = (*AuditService)(nil)
	_ domain.HealthService       = (*App)(nil)
)

// Ready reports whether the database answers and is fully migrated.
func (a *App) Ready(ctx context.Context) error {
	if err := a.DB.Ping(ctx); err != nil {
		return err
	}
	_, pending, err := a.DB.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	if pending {
		return domain.Errorf(domain.EInternal, "migrations pending")
	}
	return nil
}

// PublicKey returns the audit checkpoint verification key.
func (a *App) PublicKey() ed25519.PublicKey { return a.Signer.PublicKey() }

// wake tells the job runner about new work once tx has committed.
func (a *App) wake(tx *store.Tx) {
	if a.Jobs != nil {
		tx.AfterCommit(a.Jobs.Wake)
	}
}

// actor returns the acting company user from ctx, or EUnauthorized.
func actor(ctx context.Context) (domain.Actor, error) {
	ac := domain.ActorFrom(ctx)
	if ac.Type != domain.ActorUser || ac.OrgID == "" || ac.ID == "" {
		return ac, domain.Errorf(domain.EUnauthorized, "error.session_expired")
	}
	return ac, nil
}

// require returns the acting user or API key when it holds perm, else
// EForbidden. The web layer checks permissions per route too; checking here
// again keeps every entry point (web, API, CLI) honest. An API key holds
// the permissions of its scopes and nothing else.
func require(ctx context.Context, perm domain.Permission) (domain.Actor, error) {
	if ac := domain.ActorFrom(ctx); ac.Type == domain.ActorAPIKey {
		switch {
		case ac.OrgID == "" || ac.ID == "":
			return ac, domain.Errorf(domain.EUnauthorized, "error.session_expired")
		case !slices.Contains(ac.Perms, perm):
			return ac, domain.Errorf(domain.EForbidden, "error.forbidden")
		}
		return ac, nil
	}
	ac, err := actor(ctx)
	if err != nil {
		return ac, err
	}
	if !ac.Role.Can(perm) {
		return ac, domain.Errorf(domain.EForbidden, "error.forbidden")
	}
	return ac, nil
}
