package main

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	for _, arg := range []string{"version", "--version"} {
		r := mustRun(t, nil, arg)
		if r.stdout != "bgcheck "+version+"\n" || r.stderr != "" {
			t.Errorf("%s: stdout %q, stderr %q; want %q and nothing", arg, r.stdout, r.stderr, "bgcheck "+version+"\n")
		}
	}
}

func TestHelpExitsZeroAndPrintsUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--help"}, {"-h"}, {"help"},
		{"serve", "--help"}, {"demo", "--help"}, {"migrate", "--help"},
		{"admin", "--help"}, {"admin", "help"},
		{"admin", "create-org", "--help"}, {"admin", "list-orgs", "--help"},
		{"admin", "create-user", "--help"}, {"admin", "list-users", "--help"},
		{"admin", "reset-2fa", "--help"}, {"admin", "audit-verify", "--help"},
		{"admin", "audit-checkpoint", "--help"}, {"admin", "blob-gc", "--help"},
		{"admin", "master-key", "rotate", "--help"},
	} {
		name := strings.Join(args, " ")
		t.Run(name, func(t *testing.T) {
			// Help must not need, read or create a data folder.
			t.Chdir(t.TempDir())
			r := mustRun(t, nil, args...)
			out := r.stdout + r.stderr
			if !strings.Contains(out, "Usage") {
				t.Errorf("no usage in output:\n%s", out)
			}
			if cmd := commandOf(args); !strings.Contains(out, cmd) {
				t.Errorf("usage does not name %q:\n%s", cmd, out)
			}
			noStackTrace(t, out)
			if entries, _ := os.ReadDir("."); len(entries) > 0 {
				t.Errorf("help created %v in the working folder", entries)
			}
		})
	}
}

// commandOf returns the last word of args that asks for no help.
func commandOf(args []string) string {
	cmd := "bgcheck"
	for _, a := range args {
		if a != "--help" && a != "-h" && a != "help" {
			cmd = a
		}
	}
	return cmd
}

func TestServeHelpListsSettings(t *testing.T) {
	r := mustRun(t, nil, "serve", "--help")
	for _, want := range []string{"-data-dir", "BGCHECK_DATA_DIR", "-database-url", "BGCHECK_DATABASE_URL", "-addr"} {
		if !strings.Contains(r.stderr+r.stdout, want) {
			t.Errorf("serve --help does not mention %s:\n%s", want, r.stderr)
		}
	}
}

// TestMasterKeyHelp covers help for the master-key commands, which take
// positional arguments rather than flags.
func TestMasterKeyHelp(t *testing.T) {
	for _, args := range [][]string{{"admin", "master-key", "--help"}, {"admin", "master-key", "generate", "--help"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Chdir(t.TempDir())
			r := mustRun(t, nil, args...)
			if !strings.Contains(r.stdout+r.stderr, "master-key") {
				t.Errorf("no usage:\n%s%s", r.stdout, r.stderr)
			}
			if entries, _ := os.ReadDir("."); len(entries) > 0 {
				t.Errorf("help created %v in the working folder", entries)
			}
		})
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "Usage:"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"admin"}, "Usage: bgcheck admin"},
		{[]string{"admin", "frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"admin", "master-key", "frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"admin", "master-key", "generate"}, "master-key generate FILE"},
		{[]string{"serve", "--no-such-flag"}, "no-such-flag"},
		{[]string{"migrate", "extra"}, `unexpected argument "extra"`},
		{[]string{"admin", "list-orgs", "extra"}, `unexpected argument "extra"`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Chdir(t.TempDir())
			r := mustFail(t, 2, nil, tc.args...)
			if out := r.stdout + r.stderr; !strings.Contains(out, tc.want) {
				t.Errorf("output does not contain %q:\n%s", tc.want, out)
			}
			noStackTrace(t, r.stderr)
		})
	}
}

// TestServeRejectsInvalidSettings checks that a bad setting stops serve
// before it touches anything, with one line naming the setting.
func TestServeRejectsInvalidSettings(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing")
	secret := writeFile(t, "csrf", "0123456789abcdef0123456789abcdef")
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"smtp port", map[string]string{"BGCHECK_SMTP_PORT": "abc"}, nil, "BGCHECK_SMTP_PORT"},
		{"log level", map[string]string{"BGCHECK_LOG_LEVEL": "loud"}, nil, "BGCHECK_LOG_LEVEL"},
		{"log format", map[string]string{"BGCHECK_LOG_FORMAT": "xml"}, nil, "BGCHECK_LOG_FORMAT"},
		{"checkpoint interval", map[string]string{"BGCHECK_AUDIT_CHECKPOINT_INTERVAL": "10s"}, nil, "BGCHECK_AUDIT_CHECKPOINT_INTERVAL"},
		{"proxy hops", map[string]string{"BGCHECK_PROXY_HOPS": "-1"}, nil, "BGCHECK_PROXY_HOPS"},
		{"base url", map[string]string{"BGCHECK_BASE_URL": "ftp://example.com"}, nil, "BGCHECK_BASE_URL"},
		{"base url flag", nil, []string{"--base-url", "nonsense"}, "--base-url"},
		{"tls pair", map[string]string{"BGCHECK_TLS_CERT_FILE": "cert.pem"}, nil, "BGCHECK_TLS_KEY_FILE"},
		{"unreadable secret file", map[string]string{"BGCHECK_SMTP_PASSWORD_FILE": missing}, nil, "BGCHECK_SMTP_PASSWORD_FILE"},
		{"secret twice", map[string]string{"BGCHECK_CSRF_KEY": "x", "BGCHECK_CSRF_KEY_FILE": secret}, nil, "BGCHECK_CSRF_KEY"},
		{"no master key", nil, nil, "BGCHECK_MASTER_KEY"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dataDir := t.TempDir()
			env := map[string]string{"BGCHECK_DATA_DIR": dataDir, "BGCHECK_ADDR": "127.0.0.1:0"}
			for k, v := range tc.env {
				env[k] = v
			}
			r := mustFail(t, 1, env, append([]string{"serve"}, tc.args...)...)
			checkOneLineError(t, r, tc.want)
			if entries, _ := os.ReadDir(dataDir); len(entries) > 0 {
				t.Errorf("serve created %v before failing", entries)
			}
		})
	}
}

// checkOneLineError checks that a failed command wrote exactly one line,
// "bgcheck: NAME…", to stderr and nothing to stdout.
func checkOneLineError(t *testing.T, r result, name string) {
	t.Helper()
	line, rest, _ := strings.Cut(r.stderr, "\n")
	if !strings.HasPrefix(line, "bgcheck: "+name) || rest != "" {
		t.Errorf("stderr is not one line starting %q:\n%s", "bgcheck: "+name, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout: %q, want nothing", r.stdout)
	}
	noStackTrace(t, r.stderr)
}

func TestServeNeedsMailServer(t *testing.T) {
	ring := filepath.Join(t.TempDir(), "ring.json")
	mustRun(t, nil, "admin", "master-key", "generate", ring)
	env := map[string]string{"BGCHECK_DATA_DIR": t.TempDir(), "BGCHECK_MASTER_KEY_FILE": ring}
	checkOneLineError(t, mustFail(t, 1, env, "serve"), "BGCHECK_SMTP_HOST")
}

func TestServeReportsBusyAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	ring := filepath.Join(t.TempDir(), "ring.json")
	mustRun(t, nil, "admin", "master-key", "generate", ring)
	env := map[string]string{
		"BGCHECK_DATA_DIR": t.TempDir(), "BGCHECK_MASTER_KEY_FILE": ring,
		"BGCHECK_SMTP_HOST": "127.0.0.1", "BGCHECK_SMTP_TLS": "none", "BGCHECK_ADDR": ln.Addr().String(),
		"BGCHECK_MITID_ISSUER": "https://broker.example", "BGCHECK_MITID_CLIENT_ID": "bgcheck",
	}
	checkOneLineError(t, mustFail(t, 1, env, "serve"), "BGCHECK_ADDR")
}

func TestServeRequiresMitID(t *testing.T) {
	ring := filepath.Join(t.TempDir(), "ring.json")
	mustRun(t, nil, "admin", "master-key", "generate", ring)
	env := map[string]string{
		"BGCHECK_DATA_DIR": t.TempDir(), "BGCHECK_MASTER_KEY_FILE": ring,
		"BGCHECK_SMTP_HOST": "127.0.0.1", "BGCHECK_SMTP_TLS": "none",
	}
	checkOneLineError(t, mustFail(t, 1, env, "serve"), "BGCHECK_MITID_ISSUER")
}

var migrationLine = regexp.MustCompile(`^database \(sqlite\) is at migration ([1-9][0-9]*)\n$`)

func TestMigrateFreshSQLite(t *testing.T) {
	dataDir := filepath.Join(t.TempDir(), "new")
	env := map[string]string{"BGCHECK_DATA_DIR": dataDir}
	first := mustRun(t, env, "migrate")
	m := migrationLine.FindStringSubmatch(first.stdout)
	if m == nil {
		t.Fatalf("migrate printed %q, want %s", first.stdout, migrationLine)
	}
	if _, err := os.Stat(filepath.Join(dataDir, "bgcheck.db")); err != nil {
		t.Errorf("no database in the data folder: %v", err)
	}
	if again := mustRun(t, env, "migrate"); again.stdout != first.stdout {
		t.Errorf("second migrate printed %q, want %q again", again.stdout, first.stdout)
	}
}
