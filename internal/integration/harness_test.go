package integration_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/app"
	"github.com/bgcheck/bgcheck/internal/audit"
	"github.com/bgcheck/bgcheck/internal/auth"
	"github.com/bgcheck/bgcheck/internal/blob"
	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/store"
	"github.com/bgcheck/bgcheck/internal/store/storetest"
	"github.com/bgcheck/bgcheck/internal/web"
)

const password = "korrekt-hest-batteri-42"

// tenant is one organisation with a user of every role and a spare user
// the others act upon.
type tenant struct {
	org    *domain.Organisation
	users  map[domain.Role]*domain.User
	target *domain.User // an auditor no test signs in as
	seq    int64        // an audit entry with personal details
	caseID string       // a case of the tenant
	pkgID  string       // a package of the tenant
}

type env struct {
	t    *testing.T
	db   *store.DB
	app  *app.App
	h    http.Handler
	a, b *tenant
}

func eachEnv(t *testing.T, fn func(t *testing.T, e *env)) {
	for _, tg := range storetest.Targets(t) {
		t.Run(tg.Name, func(t *testing.T) { fn(t, newEnv(t, tg)) })
	}
}

func newEnv(t *testing.T, tg storetest.Target) *env {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t, tg, store.Options{})
	dir := t.TempDir()
	ringData, _ := crypto.GenerateKeyRing()
	ring, err := crypto.LoadKeyRing(ringData)
	must(t, err)
	ksURL, opts := filepath.Join(dir, "keys.db"), []crypto.KeyStoreOption(nil)
	if tg.Name == "postgres" {
		ksURL, opts = tg.URL, append(opts, crypto.WithSchema(tg.Schema))
	}
	ks, err := crypto.OpenKeyStore(ctx, ksURL, opts...)
	must(t, err)
	t.Cleanup(func() { ks.Close() })
	envl := crypto.New(ring, ks)
	blobs, err := blob.NewFS(filepath.Join(dir, "blobs"), envl)
	must(t, err)
	signer, err := audit.LoadOrCreateSigningKey(filepath.Join(dir, "signing.key"))
	must(t, err)
	cps, err := audit.OpenDir(filepath.Join(dir, "checkpoints"))
	must(t, err)
	cat, err := i18n.New()
	must(t, err)
	a := app.New(app.Deps{DB: db, Envelope: envl, Blobs: blobs, Translator: cat, Signer: signer, Checkpoints: cps, BaseURL: "http://bgcheck.test"})
	h, err := web.New(web.Config{}, web.Services{
		Auth: a.Auth(), Users: a.Users(), Orgs: a.Organisations(), Audit: a.Audit(), Health: a,
		Packages: a.Packages(), Cases: a.Cases(),
	}, slog.New(slog.DiscardHandler))
	must(t, err)
	e := &env{t: t, db: db, app: a, h: h}
	e.a, e.b = e.tenant("Alfa Lufthavn A/S", "alfa"), e.tenant("Beta Fragt ApS", "beta")
	return e
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// tenant creates an organisation with one user per role. Users are made
// through the store with a shared precomputed hash: hashing a password per
// user would only slow the test down.
func (e *env) tenant(name, slug string) *tenant {
	e.t.Helper()
	ctx := context.Background()
	op := e.app.Operator()
	org, err := op.CreateOrganisation(ctx, domain.OrganisationUpdate{Name: name, DPOEmail: "dpo@" + slug + ".example"})
	must(e.t, err)
	tn := &tenant{org: org, users: map[domain.Role]*domain.User{}}
	hash, err := auth.HashPassword(password)
	must(e.t, err)
	must(e.t, e.db.Write(ctx, func(tx *store.Tx) error {
		for _, r := range domain.Roles {
			u, err := tx.CreateUser(org.ID, domain.NewUser{Email: string(r) + "@" + slug + ".example", Name: slug + " " + string(r), Role: r}, domain.UserActive)
			if err != nil {
				return err
			}
			tn.users[r] = u
			if err := tx.SetPassword(org.ID, u.ID, hash); err != nil {
				return err
			}
		}
		tn.target, err = tx.CreateUser(org.ID, domain.NewUser{Email: "target@" + slug + ".example", Name: slug + " target", Role: domain.RoleAuditor}, domain.UserActive)
		return err
	}))
	owner := tn.users[domain.RoleOwner]
	actx := domain.WithActor(ctx, domain.Actor{Type: domain.ActorUser, ID: owner.ID, OrgID: org.ID, Role: owner.Role, Label: owner.Email})
	_, err = e.app.Subjects().Create(actx, app.NewSubject{Name: slug + " subject person", Email: "subject@" + slug + ".example"})
	must(e.t, err)
	entries, err := e.app.Audit().List(actx, domain.AuditFilter{Action: "subject.created"})
	must(e.t, err)
	tn.seq = entries[0].Seq
	pkgs, err := e.app.Packages().List(actx, false)
	must(e.t, err)
	tn.pkgID = pkgs[0].ID
	c, _, err := e.app.Cases().Create(actx, domain.NewCase{PackageID: tn.pkgID, SubjectName: slug + " case person", SubjectEmail: "case@" + slug + ".example"})
	must(e.t, err)
	tn.caseID = c.ID
	return tn
}

// session creates a fully signed-in session for u directly in the store
// and returns its cookie value and CSRF token.
func (e *env) session(u *domain.User) (token, csrf string) {
	e.t.Helper()
	token, hash := auth.NewToken()
	csrf, _ = auth.NewToken()
	must(e.t, e.db.Write(context.Background(), func(tx *store.Tx) error {
		return tx.CreateSession(&domain.Session{
			IDHash: hash, OrgID: u.OrgID, UserID: u.ID, Stage: domain.StageComplete, CSRFToken: csrf,
			CreatedAt: tx.Now, LastSeenAt: tx.Now, ExpiresAt: tx.Now.Add(domain.SessionAbsoluteTimeout),
		})
	}))
	return token, csrf
}

// do sends one request as u and returns the response with its body read.
func (e *env) do(method, path string, form url.Values, u *domain.User) (*http.Response, string) {
	e.t.Helper()
	token, csrf := e.session(u)
	var body io.Reader
	if method == http.MethodPost {
		if form == nil {
			form = url.Values{}
		}
		form.Set("csrf_token", csrf)
		body = strings.NewReader(form.Encode())
	}
	r := httptest.NewRequest(method, path, body)
	if body != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	r.AddCookie(&http.Cookie{Name: "bgcheck_session", Value: token})
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// path fills a route pattern's wildcards with ids of tenant tn.
func (tn *tenant) path(pattern string) string {
	id := tn.target.ID
	switch {
	case strings.HasPrefix(pattern, "/cases/"):
		id = tn.caseID
	case strings.HasPrefix(pattern, "/packages/"):
		id = tn.pkgID
	}
	p := strings.NewReplacer("{id}", id, "{seq}", itoa(tn.seq), "{doc}", "none", "{$}", "").Replace(pattern)
	if p == "/static/" {
		p = "/static/app.css"
	}
	return p
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// forms are valid submissions for each POST route.
var forms = map[string]url.Values{
	"/users/invite":          {"email": {"new.person@example.org"}, "name": {"New Person"}, "role": {"case_handler"}},
	"/users/{id}/role":       {"role": {"reviewer"}},
	"/settings/organisation": {"name": {"Renamed A/S"}, "cvr": {"12345674"}},
	"/account/password":      {"current": {"wrong-current-password"}, "password": {"a much longer new password"}, "confirm": {"a much longer new password"}},
	"/lang":                  {"lang": {"en"}},
	"/login":                 {"email": {"owner@alfa.example"}, "password": {"wrong"}},
}
