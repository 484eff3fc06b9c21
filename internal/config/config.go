// Package config reads bgcheck's configuration from environment variables
// and command-line flags, validates it once at start-up and hands plain
// values to the constructors that need them.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is the whole configuration of a bgcheck process.
type Config struct {
	Addr    string
	BaseURL string // public URL, used in e-mailed links; https means Secure cookies
	// BaseURLDerived is true when BaseURL was derived from Addr; the server
	// then rewrites it with the port it actually listens on.
	BaseURLDerived  bool
	DatabaseURL     string
	KeyStoreURL     string
	DataDir         string
	BlobDir         string
	MasterKey       string // key ring contents (from BGCHECK_MASTER_KEY or …_FILE)
	MasterKeyFile   string // path the key ring was read from, if any
	AuditSigningKey string // path of the Ed25519 checkpoint signing key
	CheckpointDir   string
	CheckpointEvery time.Duration
	TLSCertFile     string
	TLSKeyFile      string
	ProxyHops       int
	CSRFKey         string
	MaxBodyBytes    int64
	LogLevel        string
	LogFormat       string
	SMTP            SMTP
	MitID           MitID
	CVR             struct{ URL, Username, Password string }
	Registers       string // live or sandbox
	MaxUploadBytes  int64
	LinkTTL         time.Duration
	ReminderAfter   time.Duration
	Workers         int
	// WebhookAllow lists private or loopback ranges webhooks may reach.
	WebhookAllow []netip.Prefix
}

// MitID is the OIDC broker through which subjects sign in.
type MitID struct {
	Issuer, ClientID, ClientSecret, Shape string
	Scopes, ACRValues                     []string
}

// SMTP is the outgoing mail server.
type SMTP struct {
	Host     string
	Port     int
	TLS      string // none, starttls, tls
	Username string
	Password string
	From     string
}

// Var describes one setting; the README's configuration table lists them.
type Var struct {
	Env     string // environment variable
	Flag    string // command-line flag, "" for none
	Default string
	Secret  bool // also read from <Env>_FILE, never printed
	Help    string
	set     func(c *Config, v string) error
}

// Vars is every setting, in the order the README documents them.
var Vars = []Var{
	{Env: "BGCHECK_ADDR", Flag: "addr", Default: ":8080", Help: "address to listen on", set: str(func(c *Config) *string { return &c.Addr })},
	{Env: "BGCHECK_BASE_URL", Flag: "base-url", Help: "public URL of the service, used in e-mailed links (default http://localhost<addr>)", set: setBaseURL},
	{Env: "BGCHECK_DATA_DIR", Flag: "data-dir", Default: "./bgcheck-data", Help: "folder for the SQLite files, key ring, blobs and audit checkpoints when not set separately", set: str(func(c *Config) *string { return &c.DataDir })},
	{Env: "BGCHECK_DATABASE_URL", Flag: "database-url", Help: "postgres://… or sqlite:///path/bgcheck.db or a file path (default <data-dir>/bgcheck.db)", Secret: true, set: str(func(c *Config) *string { return &c.DatabaseURL })},
	{Env: "BGCHECK_KEYSTORE_URL", Flag: "keystore-url", Help: "where wrapped data keys live: a SQLite file (default <data-dir>/keys.db) or postgres://… (schema bgcheck_keys; default the database URL)", Secret: true, set: str(func(c *Config) *string { return &c.KeyStoreURL })},
	{Env: "BGCHECK_MASTER_KEY", Help: "master key ring wrapping every data key; usually BGCHECK_MASTER_KEY_FILE pointing at a file kept outside the data folder's backups (demo creates <data-dir>/master.keys)", Secret: true, set: str(func(c *Config) *string { return &c.MasterKey })},
	{Env: "BGCHECK_BLOB_DIR", Flag: "blob-dir", Help: "folder for encrypted documents (default <data-dir>/blobs)", set: str(func(c *Config) *string { return &c.BlobDir })},
	{Env: "BGCHECK_AUDIT_SIGNING_KEY", Flag: "audit-signing-key", Help: "Ed25519 key file signing audit checkpoints, kept outside the database (default <data-dir>/audit-signing.key)", set: str(func(c *Config) *string { return &c.AuditSigningKey })},
	{Env: "BGCHECK_AUDIT_CHECKPOINT_DIR", Flag: "audit-checkpoint-dir", Help: "folder receiving signed audit checkpoints (default <data-dir>/checkpoints)", set: str(func(c *Config) *string { return &c.CheckpointDir })},
	{Env: "BGCHECK_AUDIT_CHECKPOINT_INTERVAL", Default: "1h", Help: "how often audit checkpoints are written", set: dur(func(c *Config) *time.Duration { return &c.CheckpointEvery })},
	{Env: "BGCHECK_TLS_CERT_FILE", Help: "serve HTTPS with this certificate (else plain HTTP behind a TLS proxy)", set: str(func(c *Config) *string { return &c.TLSCertFile })},
	{Env: "BGCHECK_TLS_KEY_FILE", Help: "private key for BGCHECK_TLS_CERT_FILE", set: str(func(c *Config) *string { return &c.TLSKeyFile })},
	{Env: "BGCHECK_PROXY_HOPS", Default: "0", Help: "number of trusted reverse proxies in front of bgcheck; 0 ignores X-Forwarded-For", set: hops},
	{Env: "BGCHECK_CSRF_KEY", Secret: true, Help: "key signing pre-login CSRF cookies; set the same value on every instance behind one load balancer (default random per process)", set: str(func(c *Config) *string { return &c.CSRFKey })},
	{Env: "BGCHECK_MAX_BODY_BYTES", Default: "1048576", Help: "largest accepted form body in bytes", set: i64(func(c *Config) *int64 { return &c.MaxBodyBytes })},
	{Env: "BGCHECK_LOG_LEVEL", Default: "info", Help: "debug, info, warn or error", set: oneOf(func(c *Config) *string { return &c.LogLevel }, "debug", "info", "warn", "error")},
	{Env: "BGCHECK_LOG_FORMAT", Default: "json", Help: "json or text", set: oneOf(func(c *Config) *string { return &c.LogFormat }, "json", "text")},
	{Env: "BGCHECK_SMTP_HOST", Help: "SMTP server for outgoing mail (required by serve)", set: str(func(c *Config) *string { return &c.SMTP.Host })},
	{Env: "BGCHECK_SMTP_PORT", Default: "587", Help: "SMTP port", set: port(func(c *Config) *int { return &c.SMTP.Port })},
	{Env: "BGCHECK_SMTP_TLS", Default: "starttls", Help: "none, starttls or tls", set: oneOf(func(c *Config) *string { return &c.SMTP.TLS }, "none", "starttls", "tls")},
	{Env: "BGCHECK_SMTP_USERNAME", Help: "SMTP user name", set: str(func(c *Config) *string { return &c.SMTP.Username })},
	{Env: "BGCHECK_SMTP_PASSWORD", Secret: true, Help: "SMTP password", set: str(func(c *Config) *string { return &c.SMTP.Password })},
	{Env: "BGCHECK_SMTP_FROM", Default: "bgcheck <no-reply@localhost>", Help: "sender address of outgoing mail", set: str(func(c *Config) *string { return &c.SMTP.From })},
	{Env: "BGCHECK_MAX_UPLOAD_BYTES", Default: "20971520", Help: "largest document a subject may upload", set: i64(func(c *Config) *int64 { return &c.MaxUploadBytes })},
	{Env: "BGCHECK_LINK_DAYS", Default: "30", Help: "how many days a subject's link works", set: days(func(c *Config) *time.Duration { return &c.LinkTTL })},
	{Env: "BGCHECK_REMINDER_DAYS", Default: "3", Help: "days after the invitation when an unfinished subject is reminded", set: days(func(c *Config) *time.Duration { return &c.ReminderAfter })},
	{Env: "BGCHECK_MITID_ISSUER", Help: "OIDC issuer URL of the MitID broker (e.g. https://yourtenant.idura.broker); required by serve", set: str(func(c *Config) *string { return &c.MitID.Issuer })},
	{Env: "BGCHECK_MITID_CLIENT_ID", Help: "client id at the MitID broker", set: str(func(c *Config) *string { return &c.MitID.ClientID })},
	{Env: "BGCHECK_MITID_CLIENT_SECRET", Secret: true, Help: "client secret at the MitID broker", set: str(func(c *Config) *string { return &c.MitID.ClientSecret })},
	{Env: "BGCHECK_MITID_SHAPE", Default: "auto", Help: "the broker's claim shape: idura, signicat or auto", set: oneOf(func(c *Config) *string { return &c.MitID.Shape }, "idura", "signicat", "auto")},
	{Env: "BGCHECK_MITID_SCOPES", Help: "space-separated scopes (default per shape; required for auto)", set: fields(func(c *Config) *[]string { return &c.MitID.Scopes })},
	{Env: "BGCHECK_MITID_ACR", Help: "space-separated acr_values (default per shape: level Substantial)", set: fields(func(c *Config) *[]string { return &c.MitID.ACRValues })},
	{Env: "BGCHECK_CVR_URL", Help: "CVR system-to-system distribution service (e.g. http://distribution.virk.dk); empty skips CVR lookups (demo uses its sandbox)", set: str(func(c *Config) *string { return &c.CVR.URL })},
	{Env: "BGCHECK_CVR_USERNAME", Help: "user name for the CVR distribution service", set: str(func(c *Config) *string { return &c.CVR.Username })},
	{Env: "BGCHECK_CVR_PASSWORD", Secret: true, Help: "password for the CVR distribution service", set: str(func(c *Config) *string { return &c.CVR.Password })},
	{Env: "BGCHECK_REGISTERS", Default: "live", Help: "live: the configured register connectors; sandbox: CVR and CPR answer from the fictitious sandbox world (docs/sandbox.md), for staging (demo always uses it)", set: oneOf(func(c *Config) *string { return &c.Registers }, "live", "sandbox")},
	{Env: "BGCHECK_WORKERS", Default: "2", Help: "background job workers in this process", set: posInt(func(c *Config) *int { return &c.Workers })},
	{Env: "BGCHECK_WEBHOOK_ALLOW_CIDRS", Help: "comma-separated address ranges (e.g. 10.20.0.0/16) webhooks may be sent to although private or loopback; empty allows public addresses only", set: cidrs},
}

// Error names the setting that is wrong.
type Error struct {
	Var string
	Msg string
}

func (e *Error) Error() string { return e.Var + ": " + e.Msg }

// Load builds a Config from defaults, then the environment (getenv), then
// flags already parsed into fs (only flags the user set count). It reads
// <VAR>_FILE for secrets. The first invalid setting stops it with an *Error.
func Load(getenv func(string) string, fs *flag.FlagSet) (*Config, error) {
	c := &Config{}
	setFlags := map[string]string{}
	if fs != nil {
		fs.Visit(func(f *flag.Flag) { setFlags[f.Name] = f.Value.String() })
	}
	for _, v := range Vars {
		val, src, err := v.lookup(getenv, setFlags)
		if err != nil {
			return nil, err
		}
		if err := v.set(c, val); err != nil {
			return nil, &Error{Var: src, Msg: err.Error()}
		}
	}
	c.MasterKeyFile = getenv("BGCHECK_MASTER_KEY_FILE")
	if err := c.fill(); err != nil {
		return nil, err
	}
	return c, nil
}

// CheckServe checks what production start-up needs beyond Load: a master
// key and a mail server.
func (c *Config) CheckServe() error {
	if c.MasterKey == "" {
		return &Error{Var: "BGCHECK_MASTER_KEY", Msg: "required: set BGCHECK_MASTER_KEY_FILE to the key ring file (create one with 'bgcheck admin master-key generate FILE')"}
	}
	if c.SMTP.Host == "" {
		return &Error{Var: "BGCHECK_SMTP_HOST", Msg: "required: invitations are sent by e-mail"}
	}
	if c.MitID.Issuer == "" || c.MitID.ClientID == "" {
		return &Error{Var: "BGCHECK_MITID_ISSUER", Msg: "required with BGCHECK_MITID_CLIENT_ID: subjects sign in with MitID"}
	}
	return nil
}

func (v Var) lookup(getenv func(string) string, flags map[string]string) (val, src string, err error) {
	val, src = v.Default, v.Env
	if e := getenv(v.Env); e != "" {
		val = e
	}
	if v.Secret {
		if path := getenv(v.Env + "_FILE"); path != "" {
			if getenv(v.Env) != "" {
				return "", "", &Error{Var: v.Env, Msg: "set either " + v.Env + " or " + v.Env + "_FILE, not both"}
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return "", "", &Error{Var: v.Env + "_FILE", Msg: "cannot read " + path + ": " + errors.Unwrap(err).Error()}
			}
			val, src = strings.TrimSpace(string(b)), v.Env+"_FILE"
		}
	}
	if f, ok := flags[v.Flag]; ok && v.Flag != "" {
		val, src = f, "--"+v.Flag
	}
	return val, src, nil
}

// RegisterFlags defines every setting that has a flag on fs.
func RegisterFlags(fs *flag.FlagSet) {
	for _, v := range Vars {
		if v.Flag != "" {
			fs.String(v.Flag, v.Default, v.Help+" ("+v.Env+")")
		}
	}
}

// fill derives defaults that depend on other settings and checks pairs.
func (c *Config) fill() error {
	if c.DataDir == "" {
		return &Error{Var: "BGCHECK_DATA_DIR", Msg: "must not be empty"}
	}
	def := func(p *string, name string) {
		if *p == "" {
			*p = filepath.Join(c.DataDir, name)
		}
	}
	def(&c.DatabaseURL, "bgcheck.db")
	def(&c.BlobDir, "blobs")
	def(&c.AuditSigningKey, "audit-signing.key")
	def(&c.CheckpointDir, "checkpoints")
	if c.KeyStoreURL == "" {
		if IsPostgres(c.DatabaseURL) {
			c.KeyStoreURL = c.DatabaseURL
		} else {
			c.KeyStoreURL = filepath.Join(c.DataDir, "keys.db")
		}
	}
	if !IsPostgres(c.KeyStoreURL) && !IsPostgres(c.DatabaseURL) && sameFile(c.KeyStoreURL, c.DatabaseURL) {
		return &Error{Var: "BGCHECK_KEYSTORE_URL", Msg: "must be a different file from the main database"}
	}
	if (c.TLSCertFile == "") != (c.TLSKeyFile == "") {
		return &Error{Var: "BGCHECK_TLS_KEY_FILE", Msg: "set both BGCHECK_TLS_CERT_FILE and BGCHECK_TLS_KEY_FILE, or neither"}
	}
	if c.BaseURL == "" {
		scheme := "http"
		if c.TLSCertFile != "" {
			scheme = "https"
		}
		host := c.Addr
		if strings.HasPrefix(host, ":") {
			host = "localhost" + host
		}
		c.BaseURL = scheme + "://" + host
		c.BaseURLDerived = true
	}
	if c.CheckpointEvery < time.Minute {
		return &Error{Var: "BGCHECK_AUDIT_CHECKPOINT_INTERVAL", Msg: "must be at least 1m"}
	}
	if c.MaxUploadBytes < 1<<20 || c.MaxUploadBytes > 1<<30 {
		return &Error{Var: "BGCHECK_MAX_UPLOAD_BYTES", Msg: "must be between 1 MiB and 1 GiB"}
	}
	if c.MaxBodyBytes < 4096 {
		return &Error{Var: "BGCHECK_MAX_BODY_BYTES", Msg: "must be at least 4096"}
	}
	return nil
}

// Secure reports whether cookies must carry the Secure attribute.
func (c *Config) Secure() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// IsPostgres reports whether a database URL names PostgreSQL.
func IsPostgres(u string) bool {
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

func sameFile(a, b string) bool {
	clean := func(s string) string {
		s = strings.TrimPrefix(s, "sqlite://")
		if i := strings.IndexByte(s, '?'); i >= 0 {
			s = s[:i]
		}
		abs, err := filepath.Abs(s)
		if err != nil {
			return s
		}
		return abs
	}
	return clean(a) == clean(b)
}

func setBaseURL(c *Config, v string) error {
	if v == "" {
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("must be an absolute http(s) URL such as https://bgcheck.example.com")
	}
	c.BaseURL = strings.TrimRight(v, "/")
	return nil
}

func str(field func(*Config) *string) func(*Config, string) error {
	return func(c *Config, v string) error { *field(c) = v; return nil }
}

func oneOf(field func(*Config) *string, allowed ...string) func(*Config, string) error {
	return func(c *Config, v string) error {
		for _, a := range allowed {
			if v == a {
				*field(c) = v
				return nil
			}
		}
		return fmt.Errorf("must be one of %s, not %q", strings.Join(allowed, ", "), v)
	}
}

func dur(field func(*Config) *time.Duration) func(*Config, string) error {
	return func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil {
			return fmt.Errorf("must be a duration such as 30m or 1h, not %q", v)
		}
		*field(c) = d
		return nil
	}
}

func days(field func(*Config) *time.Duration) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 365 {
			return fmt.Errorf("must be a number of days between 1 and 365, not %q", v)
		}
		*field(c) = time.Duration(n) * 24 * time.Hour
		return nil
	}
}

func fields(field func(*Config) *[]string) func(*Config, string) error {
	return func(c *Config, v string) error { *field(c) = strings.Fields(v); return nil }
}

func hops(c *Config, v string) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 10 {
		return fmt.Errorf("must be a number between 0 and 10, not %q", v)
	}
	c.ProxyHops = n
	return nil
}

func i64(field func(*Config) *int64) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return fmt.Errorf("must be a whole number, not %q", v)
		}
		*field(c) = n
		return nil
	}
}

func port(field func(*Config) *int) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("must be a port number between 1 and 65535, not %q", v)
		}
		*field(c) = n
		return nil
	}
}

func posInt(field func(*Config) *int) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 64 {
			return fmt.Errorf("must be a number between 1 and 64, not %q", v)
		}
		*field(c) = n
		return nil
	}
}

func cidrs(c *Config, v string) error {
	c.WebhookAllow = nil
	for _, f := range strings.Split(v, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return fmt.Errorf("must be comma-separated address ranges such as 10.20.0.0/16, not %q", f)
		}
		c.WebhookAllow = append(c.WebhookAllow, p.Masked())
	}
	return nil
}
