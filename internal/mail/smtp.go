package mail

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/textproto"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// TLS modes of SMTPConfig.
const (
	TLSNone     = "none"     // plain SMTP; only for a relay on the same host or network
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS, which is required
	TLSImplicit = "tls"      // TLS from the first byte (SMTPS, usually port 465)
)

// DefaultSMTPTimeout bounds connecting and each SMTP exchange when
// SMTPConfig.Timeout is zero.
const DefaultSMTPTimeout = 30 * time.Second

// SMTPConfig configures the SMTP sender.
type SMTPConfig struct {
	Host     string
	Port     int    // 0 picks the usual port of the TLS mode: 25, 587 or 465
	TLS      string // TLSNone, TLSStartTLS or TLSImplicit; "" means TLSStartTLS
	Username string // empty for no authentication
	Password string
	From     string // "bgcheck <no-reply@example.dk>" or a bare address
	Timeout  time.Duration
}

// ConfigError names the SMTPConfig field that is wrong, so the
// configuration layer can point at the setting that feeds it.
type ConfigError struct {
	Field   string
	Problem string
}

// Error names the field and the problem.
func (e *ConfigError) Error() string {
	return fmt.Sprintf("smtp config: %s: %s", e.Field, e.Problem)
}

// withDefaults fills in the documented defaults.
func (c SMTPConfig) withDefaults() SMTPConfig {
	if c.TLS == "" {
		c.TLS = TLSStartTLS
	}
	if c.Port == 0 {
		c.Port = map[string]int{TLSNone: 25, TLSStartTLS: 587, TLSImplicit: 465}[c.TLS]
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultSMTPTimeout
	}
	return c
}

// Validate returns a *ConfigError for the first invalid field, or nil.
func (c SMTPConfig) Validate() error {
	c = c.withDefaults()
	bad := func(field, problem string) error { return &ConfigError{Field: field, Problem: problem} }
	switch {
	case c.Host == "" || strings.ContainsAny(c.Host, " /:@") && net.ParseIP(c.Host) == nil:
		return bad("Host", "must be a host name or IP address, without scheme or port")
	case c.TLS != TLSNone && c.TLS != TLSStartTLS && c.TLS != TLSImplicit:
		return bad("TLS", fmt.Sprintf("must be %q, %q or %q, not %q", TLSNone, TLSStartTLS, TLSImplicit, c.TLS))
	case c.Port < 1 || c.Port > 65535:
		return bad("Port", "must be between 1 and 65535")
	case (c.Username == "") != (c.Password == ""):
		return bad("Username", "username and password must be set together")
	case c.Username != "" && c.TLS == TLSNone && !isLoopback(c.Host):
		return bad("TLS", `"none" would send the SMTP password in clear; use "starttls" or "tls"`)
	case c.Timeout < 0:
		return bad("Timeout", "must not be negative")
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		return bad("From", "must be an e-mail address, optionally with a name: "+err.Error())
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// SMTP sends mail through an SMTP server. It opens one connection per
// message, which keeps it safe for concurrent use and free of stale
// connections between the infrequent mails bgcheck sends.
type SMTP struct {
	cfg  SMTPConfig
	opts []gomail.Option
}

var _ Sender = (*SMTP)(nil)

// NewSMTP validates cfg and returns a sender.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	opts := []gomail.Option{gomail.WithPort(cfg.Port), gomail.WithTimeout(cfg.Timeout)}
	switch cfg.TLS {
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case TLSStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	}
	if cfg.Username != "" {
		opts = append(opts, gomail.WithUsername(cfg.Username), gomail.WithPassword(cfg.Password), authOption(cfg.TLS))
	}
	if _, err := gomail.NewClient(cfg.Host, opts...); err != nil {
		return nil, &ConfigError{Field: "Host", Problem: err.Error()}
	}
	return &SMTP{cfg: cfg, opts: opts}, nil
}

// authOption picks the strongest mechanism the server offers over TLS. On
// an unencrypted connection (allowed only to loopback) it uses PLAIN,
// which the client refuses to send to any other host.
func authOption(tlsMode string) gomail.Option {
	if tlsMode == TLSNone {
		return gomail.WithSMTPAuth(gomail.SMTPAuthPlain)
	}
	return gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover)
}

// Send delivers m, returning an *Error whose Permanent field tells whether
// a retry can help.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	msg, err := s.build(m)
	if err != nil {
		return err
	}
	client, err := gomail.NewClient(s.cfg.Host, s.opts...)
	if err != nil {
		return &Error{Err: fmt.Errorf("mail: client: %w", err)}
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return classify(err)
	}
	return nil
}

func (s *SMTP) build(m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return nil, permanentf("mail: from: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, permanentf("mail: to: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	for k, v := range m.Headers {
		msg.SetGenHeader(gomail.Header(textproto.CanonicalMIMEHeaderKey(k)), v)
	}
	switch {
	case m.Text != "" && m.HTML != "":
		msg.SetBodyString(gomail.TypeTextPlain, m.Text)
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	case m.Text != "":
		msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	default:
		msg.SetBodyString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// classify wraps a go-mail error in *Error, permanent when the server
// replied with a 5xx code.
func classify(err error) error {
	code := 0
	var se *gomail.SendError
	var te *textproto.Error
	switch {
	case errors.As(err, &se):
		code = se.ErrorCode()
	case errors.As(err, &te):
		code = te.Code
	}
	return &Error{Permanent: code >= 500 && code < 600, Code: code, Err: err}
}
