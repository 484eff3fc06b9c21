package config

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := Load(env(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DatabaseURL != filepath.Join("bgcheck-data", "bgcheck.db") || c.KeyStoreURL != filepath.Join("bgcheck-data", "keys.db") {
		t.Fatalf("defaults: %+v", c)
	}
	if c.BaseURL != "http://localhost:8080" || c.Secure() {
		t.Fatalf("base URL %q", c.BaseURL)
	}
}

func TestInvalidValueNamesTheVariable(t *testing.T) {
	cases := map[string]map[string]string{
		"BGCHECK_SMTP_PORT":                 {"BGCHECK_SMTP_PORT": "70000"},
		"BGCHECK_LOG_LEVEL":                 {"BGCHECK_LOG_LEVEL": "loud"},
		"BGCHECK_BASE_URL":                  {"BGCHECK_BASE_URL": "ftp://x"},
		"BGCHECK_AUDIT_CHECKPOINT_INTERVAL": {"BGCHECK_AUDIT_CHECKPOINT_INTERVAL": "soon"},
		"BGCHECK_PROXY_HOPS":                {"BGCHECK_PROXY_HOPS": "maybe"},
		"BGCHECK_KEYSTORE_URL":              {"BGCHECK_DATABASE_URL": "/tmp/x.db", "BGCHECK_KEYSTORE_URL": "sqlite:///tmp/x.db"},
		"BGCHECK_TLS_KEY_FILE":              {"BGCHECK_TLS_CERT_FILE": "cert.pem"},
		"BGCHECK_SMTP_PASSWORD_FILE":        {"BGCHECK_SMTP_PASSWORD_FILE": "/nonexistent/secret"},
	}
	for want, m := range cases {
		_, err := Load(env(m), nil)
		var ce *Error
		if !errors.As(err, &ce) || ce.Var != want {
			t.Errorf("%v: got %v, want an error naming %s", m, err, want)
		}
	}
}

func TestSecretFromFileAndFlagsOverride(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(p, []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	RegisterFlags(fs)
	if err := fs.Parse([]string{"--addr", "127.0.0.1:9999"}); err != nil {
		t.Fatal(err)
	}
	c, err := Load(env(map[string]string{"BGCHECK_SMTP_PASSWORD_FILE": p, "BGCHECK_ADDR": ":1"}), fs)
	if err != nil {
		t.Fatal(err)
	}
	if c.SMTP.Password != "s3cret" || c.Addr != "127.0.0.1:9999" || c.BaseURL != "http://127.0.0.1:9999" {
		t.Fatalf("got %+v", c)
	}
	if err := c.CheckServe(); err == nil {
		t.Fatal("serve without master key accepted")
	}
}

// TestREADMEDocumentsEverySetting keeps the README's configuration table
// complete.
func TestREADMEDocumentsEverySetting(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range Vars {
		if !strings.Contains(string(b), "`"+v.Env+"`") && !strings.Contains(string(b), v.Env+"`") {
			t.Errorf("README does not document %s", v.Env)
		}
	}
}
