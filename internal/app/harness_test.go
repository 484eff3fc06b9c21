package app_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/bgcheck/bgcheck/internal/app"
	"github.com/bgcheck/bgcheck/internal/audit"
	"github.com/bgcheck/bgcheck/internal/blob"
	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/store"
	"github.com/bgcheck/bgcheck/internal/store/storetest"
)

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock                   { return &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)} }

// env is one app on real databases.
type env struct {
	t       testing.TB
	app     *app.App
	db      *store.DB
	clock   *clock
	dataDir string
	dbPath  string // SQLite only
}

const testPassword = "korrekt-hest-batteri-42"

func eachEnv(t *testing.T, fn func(t *testing.T, e *env)) {
	for _, tg := range storetest.Targets(t) {
		t.Run(tg.Name, func(t *testing.T) { fn(t, newEnv(t, tg)) })
	}
}

func newEnv(t testing.TB, tg storetest.Target) *env {
	t.Helper()
	ctx := context.Background()
	c := newClock()
	db := storetest.Open(t, tg, store.Options{Now: c.now})
	dir := t.TempDir()
	ringData, err := crypto.GenerateKeyRing()
	if err != nil {
		t.Fatal(err)
	}
	ring, err := crypto.LoadKeyRing(ringData)
	if err != nil {
		t.Fatal(err)
	}
	ksURL := filepath.Join(dir, "keys.db")
	var opts []crypto.KeyStoreOption
	if tg.Name == "postgres" {
		ksURL, opts = tg.URL, append(opts, crypto.WithSchema(tg.Schema))
	}
	ks, err := crypto.OpenKeyStore(ctx, ksURL, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ks.Close() })
	envl := crypto.New(ring, ks)
	blobs, err := blob.NewFS(filepath.Join(dir, "blobs"), envl)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := audit.LoadOrCreateSigningKey(filepath.Join(dir, "audit-signing.key"))
	if err != nil {
		t.Fatal(err)
	}
	cps, err := audit.OpenDir(filepath.Join(dir, "checkpoints"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(app.Deps{DB: db, Envelope: envl, Blobs: blobs, Translator: cat, Signer: signer, Checkpoints: cps, BaseURL: "https://bgcheck.test"})
	e := &env{t: t, app: a, db: db, clock: c, dataDir: dir}
	if tg.Name == "sqlite" {
		e.dbPath = tg.URL
	}
	return e
}

// org creates an organisation with an active owner and returns both.
func (e *env) org(name string) (*domain.Organisation, *domain.User) {
	e.t.Helper()
	ctx := context.Background()
	o, err := e.app.Operator().CreateOrganisation(ctx, domain.OrganisationUpdate{Name: name})
	if err != nil {
		e.t.Fatal(err)
	}
	u := e.user(o.ID, "owner@"+strings.ToLower(name)+".example", domain.RoleOwner)
	return o, u
}

func (e *env) user(orgID, email string, role domain.Role) *domain.User {
	e.t.Helper()
	u, err := e.app.Operator().CreateUser(context.Background(), orgID, domain.NewUser{Email: email, Name: "Test " + string(role), Role: role}, testPassword)
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

// as returns a context acting as u.
func as(u *domain.User) context.Context {
	ctx := domain.WithRequest(context.Background(), domain.RequestInfo{ID: "req-test", IP: "192.0.2.1", Lang: "da"})
	return domain.WithActor(ctx, domain.Actor{Type: domain.ActorUser, ID: u.ID, OrgID: u.OrgID, Role: u.Role, Label: u.Email})
}

// signIn runs the full first sign-in of u (password, TOTP enrolment) and
// returns the complete session token and the TOTP secret.
func (e *env) signIn(u *domain.User) (token, secret string) {
	e.t.Helper()
	ctx := context.Background()
	auth := e.app.Auth()
	res, err := auth.Login(ctx, u.Email, testPassword, domain.ClientMeta{IP: "192.0.2.1"})
	if err != nil || res.Stage != domain.StageEnrol {
		e.t.Fatalf("login: %+v %v", res, err)
	}
	enr, err := auth.BeginEnrolment(ctx, res.Token)
	if err != nil {
		e.t.Fatal(err)
	}
	token, codes, err := auth.CompleteEnrolment(ctx, res.Token, e.code(enr.Secret))
	if err != nil || len(codes) == 0 {
		e.t.Fatalf("enrol: %v", err)
	}
	return token, enr.Secret
}

func (e *env) code(secret string) string {
	e.t.Helper()
	c, err := totp.GenerateCode(secret, e.clock.now())
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// mails returns the queued mails, newest first, decrypted.
func (e *env) mails() []map[string]any {
	e.t.Helper()
	var out []map[string]any
	err := e.db.Read(context.Background(), func(tx *store.Tx) error {
		js, err := tx.Jobs(app.JobSendMail, 100)
		for _, j := range js {
			to, subject, text, ok, err := e.app.OutboxMail(context.Background(), j)
			if err != nil {
				return err
			}
			if ok {
				out = append(out, map[string]any{"to": to, "subject": subject, "text": text})
			}
		}
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return out
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if domain.ErrorCode(err) != code {
		t.Fatalf("got %v, want %s", err, code)
	}
}
