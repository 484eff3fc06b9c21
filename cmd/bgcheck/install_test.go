package main

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver for tampering

	"github.com/bgcheck/bgcheck/internal/auth"
	"github.com/bgcheck/bgcheck/internal/config"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store/storetest"
)

// install is one bgcheck installation the admin commands work on: a data
// folder, a master key ring file outside it, and a database.
type install struct {
	db       string // "sqlite" or "postgres"
	dbURL    string // "" for the data folder's SQLite file
	dataDir  string
	ringFile string
	env      map[string]string
}

// eachInstall runs fn against a fresh SQLite installation and, when
// BGCHECK_TEST_POSTGRES is set, a fresh PostgreSQL one (with its key store
// in a SQLite file). With CI=true PostgreSQL must be there.
func eachInstall(t *testing.T, fn func(t *testing.T, in *install)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, newInstall(t, "sqlite", "")) })
	t.Run("postgres", func(t *testing.T) {
		pg, ok := storetest.PostgresTarget(t)
		if !ok {
			t.Skipf("%s is not set", storetest.PostgresEnv)
		}
		fn(t, newInstall(t, "postgres", pg.URL))
	})
}

func newInstall(t *testing.T, db, dbURL string) *install {
	t.Helper()
	in := &install{db: db, dbURL: dbURL, dataDir: t.TempDir(), ringFile: filepath.Join(t.TempDir(), "master.keys")}
	mustRun(t, nil, "admin", "master-key", "generate", in.ringFile)
	in.env = map[string]string{"BGCHECK_DATA_DIR": in.dataDir, "BGCHECK_MASTER_KEY_FILE": in.ringFile}
	if dbURL != "" {
		in.env["BGCHECK_DATABASE_URL"] = dbURL
		in.env["BGCHECK_KEYSTORE_URL"] = filepath.Join(t.TempDir(), "keys.db")
	}
	return in
}

// run runs an admin command and fails the test unless it exits 0.
func (in *install) run(t *testing.T, args ...string) string {
	t.Helper()
	return mustRun(t, in.env, append([]string{"admin"}, args...)...).stdout
}

var createdID = regexp.MustCompile(`^created (?:organisation|user) (\S+) `)

// createOrg creates an organisation and returns its id.
func (in *install) createOrg(t *testing.T, name string) string {
	t.Helper()
	return idFrom(t, in.run(t, "create-org", "--name", name))
}

// createUser creates an active user with password and returns its id.
func (in *install) createUser(t *testing.T, org, email, name, role, password string) string {
	t.Helper()
	pw := writeFile(t, "password", password+"\n")
	return idFrom(t, in.run(t, "create-user", "--org", org, "--email", email, "--name", name, "--role", role, "--password-file", pw))
}

func idFrom(t *testing.T, out string) string {
	t.Helper()
	m := createdID.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no id in %q", out)
	}
	return m[1]
}

// sqlDB opens the installation's main database directly, bypassing bgcheck.
func (in *install) sqlDB(t *testing.T) *sql.DB {
	t.Helper()
	driver, dsn := "sqlite", filepath.Join(in.dataDir, "bgcheck.db")
	if in.dbURL != "" {
		driver, dsn = "pgx", in.dbURL
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// ph returns the n-th query placeholder in the database's syntax.
func (in *install) ph(n int) string {
	if in.db == "postgres" {
		return "$" + strconv.Itoa(n)
	}
	return "?"
}

// exec runs a statement on the database directly.
func (in *install) exec(t *testing.T, stmt string, args ...any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	if _, err := in.sqlDB(t).ExecContext(ctx, stmt, args...); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

// withSystem opens the installation in-process, as the commands do, for
// actions no command offers (signing in, adding documents).
func (in *install) withSystem(t *testing.T, fn func(ctx context.Context, s *system)) {
	t.Helper()
	cfg, err := config.Load(getenvFrom(in.env), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), cmdTimeout)
	defer cancel()
	s, err := open(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fn(ctx, s)
}

var testClient = domain.ClientMeta{IP: "127.0.0.1", UserAgent: "bgcheck test"}

// enrolTOTP signs in with a password and enrols a second factor, which
// stores the TOTP secret encrypted under the user's data key. It returns
// the secret.
func enrolTOTP(t *testing.T, ctx context.Context, s *system, email, password string) string {
	t.Helper()
	res, err := s.app.Auth().Login(ctx, email, password, testClient)
	if err != nil || res.Stage != domain.StageEnrol {
		t.Fatalf("login %s: stage %q, %v; want enrolment", email, res.Stage, err)
	}
	en, err := s.app.Auth().BeginEnrolment(ctx, res.Token)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.app.Auth().CompleteEnrolment(ctx, res.Token, mustCode(t, en.Secret, time.Now())); err != nil {
		t.Fatalf("complete enrolment: %v", err)
	}
	return en.Secret
}

// signInWithTOTP signs in with a password and a code for the step after
// the current one (unused, and within the accepted drift), which needs the
// TOTP secret decrypted.
func signInWithTOTP(t *testing.T, ctx context.Context, s *system, email, password, secret string) {
	t.Helper()
	res, err := s.app.Auth().Login(ctx, email, password, testClient)
	if err != nil || res.Stage != domain.StagePassword {
		t.Fatalf("login %s: stage %q, %v; want the second-factor step", email, res.Stage, err)
	}
	if _, err := s.app.Auth().VerifySecondFactor(ctx, res.Token, mustCode(t, secret, time.Now().Add(auth.TOTPPeriod*time.Second)), testClient); err != nil {
		t.Fatalf("second factor of %s: %v", email, err)
	}
}

// asUser is ctx acting as a signed-in user with role in org.
func asUser(ctx context.Context, org, userID string, role domain.Role) context.Context {
	return domain.WithActor(ctx, domain.Actor{Type: domain.ActorUser, ID: userID, OrgID: org, Role: role, Label: "test"})
}

// readAll reads r to the end, failing the test on error.
func readAll(t *testing.T, r io.ReadCloser) string {
	t.Helper()
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
