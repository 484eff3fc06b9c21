package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/app"
	"github.com/bgcheck/bgcheck/internal/audit"
	"github.com/bgcheck/bgcheck/internal/blob"
	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/store"
	"github.com/bgcheck/bgcheck/internal/store/storetest"
	"github.com/bgcheck/bgcheck/internal/web"
)

// clock is a settable test clock shared by the store and the app.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// tenant is one organisation with an owner, a package, a case, an
// analysed case with one finding, and a key holding every scope.
type tenant struct {
	org      *domain.Organisation
	owner    *domain.User
	pkgID    string
	caseID   string
	analysed string // a case with an analysis
	finding  string // the key of its finding
	key      string // bgk_… with every scope
	keyID    string
}

type env struct {
	t     *testing.T
	db    *store.DB
	app   *app.App
	clock *clock
	h     http.Handler
	a, b  *tenant
}

func eachEnv(t *testing.T, fn func(t *testing.T, e *env)) {
	for _, tg := range storetest.Targets(t) {
		t.Run(tg.Name, func(t *testing.T) { fn(t, newEnv(t, tg)) })
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func newEnv(t *testing.T, tg storetest.Target) *env {
	t.Helper()
	ctx := context.Background()
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	db := storetest.Open(t, tg, store.Options{Now: c.now})
	dir := t.TempDir()
	ringData, err := crypto.GenerateKeyRing()
	must(t, err)
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
	h, err := web.New(web.Config{}, services(a), slog.New(slog.DiscardHandler))
	must(t, err)
	e := &env{t: t, db: db, app: a, clock: c, h: h}
	e.a, e.b = e.tenant("Alfa Lufthavn A/S", "alfa"), e.tenant("Beta Fragt ApS", "beta")
	return e
}

func services(a *app.App) web.Services {
	return web.Services{
		Auth: a.Auth(), Users: a.Users(), Orgs: a.Organisations(), Audit: a.Audit(), Health: a,
		Packages: a.Packages(), Cases: a.Cases(), APIKeys: a.APIKeys(), Idempotency: a.Idempotency(),
	}
}

func (e *env) tenant(name, slug string) *tenant {
	e.t.Helper()
	ctx := context.Background()
	op := e.app.Operator()
	org, err := op.CreateOrganisation(ctx, domain.OrganisationUpdate{Name: name})
	must(e.t, err)
	tn := &tenant{org: org}
	must(e.t, e.db.Write(ctx, func(tx *store.Tx) (err error) {
		tn.owner, err = tx.CreateUser(org.ID, domain.NewUser{Email: "owner@" + slug + ".example", Name: slug + " owner", Role: domain.RoleOwner}, domain.UserActive)
		return err
	}))
	actx := e.as(tn.owner)
	pkgs, err := e.app.Packages().List(actx, false)
	must(e.t, err)
	tn.pkgID = pkgs[0].ID
	c, _, err := e.app.Cases().Create(actx, domain.NewCase{PackageID: tn.pkgID, SubjectName: slug + " case person", SubjectEmail: "case@" + slug + ".example"})
	must(e.t, err)
	tn.caseID = c.ID
	c, _, err = e.app.Cases().Create(actx, domain.NewCase{PackageID: tn.pkgID, SubjectName: slug + " analysed person", SubjectEmail: "analysed@" + slug + ".example"})
	must(e.t, err)
	tn.analysed, tn.finding = c.ID, "gap:2024-01-01"
	// The analysis job needs a whole portal submission; the findings API
	// only reads what it stored, so the test stores one directly.
	must(e.t, e.db.Write(ctx, func(tx *store.Tx) error {
		return tx.CreateAnalysis(org.ID, &domain.Analysis{
			CaseID: c.ID, RuleVersion: "test-1", Recommendation: domain.RecommendAttention, CoverageFrom: "2021-03-02", CoverageTo: "2026-03-02",
			Findings: []*domain.Finding{{Key: tn.finding, Rule: "gap", Category: "cv", Severity: domain.SeverityActionRequired,
				Evidence: []domain.FindingEvidence{{Source: "declared", ID: "activity-1"}},
				Params:   map[string]string{"from": "2024-01-01", "to": "2024-03-01", "cpr": "010190-1234"}}},
		})
	}))
	k, secret, err := op.CreateAPIKey(ctx, org.ID, domain.NewAPIKey{Name: slug + " hr", Scopes: domain.APIScopes})
	must(e.t, err)
	tn.key, tn.keyID = secret, k.ID
	return tn
}

func (e *env) as(u *domain.User) context.Context {
	return domain.WithActor(context.Background(), domain.Actor{Type: domain.ActorUser, ID: u.ID, OrgID: u.OrgID, Role: u.Role, Label: u.Email})
}

// keyWith creates a key of tn holding only scopes.
func (e *env) keyWith(tn *tenant, scopes ...domain.APIScope) string {
	e.t.Helper()
	_, secret, err := e.app.Operator().CreateAPIKey(context.Background(), tn.org.ID, domain.NewAPIKey{Name: "limited", Scopes: scopes})
	must(e.t, err)
	return secret
}

// response is one answer with its body read.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, r.body)
	}
	return m
}

// req is one API request.
type req struct {
	method, path string
	key          string // bearer token; "" sends none
	body         string
	contentType  string // default application/json when body is set
	headers      map[string]string
}

func serve(h http.Handler, q req) response {
	var body io.Reader
	if q.body != "" {
		body = strings.NewReader(q.body)
	}
	r := httptest.NewRequest(q.method, q.path, body)
	if q.body != "" {
		switch ct := q.contentType; ct {
		case "":
			r.Header.Set("Content-Type", "application/json")
		case "-": // none
		default:
			r.Header.Set("Content-Type", ct)
		}
	}
	if q.key != "" {
		r.Header.Set("Authorization", "Bearer "+q.key)
	}
	for k, v := range q.headers {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func (e *env) do(q req) response { return serve(e.h, q) }

// path fills a route pattern's wildcards with ids of tenant tn.
func (tn *tenant) path(pattern string) string {
	id := tn.caseID
	if strings.HasPrefix(pattern, "/api/v1/packages/") {
		id = tn.pkgID
	}
	if strings.Contains(pattern, "/findings") {
		id = tn.analysed
	}
	return strings.NewReplacer("{id}", id, "{key}", tn.finding).Replace(pattern)
}

// checkProblem fails unless r is a problem with status and type.
func checkProblem(t testing.TB, r response, status int, typ string) map[string]any {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("content type %q, want application/problem+json; body %s", ct, r.body)
	}
	p := r.json(t)
	if p["type"] != typ || p["status"] != float64(status) || p["title"] == "" || p["detail"] == "" {
		t.Fatalf("problem %v, want type %s and status %d with title and detail", p, typ, status)
	}
	return p
}

// fieldsOf returns the field names of a problem's errors.
func fieldsOf(p map[string]any) []string {
	var out []string
	errs, _ := p["errors"].([]any)
	for _, e := range errs {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m["field"].(string))
		}
	}
	return out
}

// serveChunked sends a POST whose length is not declared, as a streamed
// (chunked) body is.
func serveChunked(h http.Handler, path, key, body string) response {
	r := httptest.NewRequest("POST", path, nil)
	r.Body, r.ContentLength = io.NopCloser(strings.NewReader(body)), -1
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "Bearer "+key)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}
}
