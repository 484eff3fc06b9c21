package mail

import (
	"errors"
	"testing"
	"time"
)

func TestSMTPConfigValidate(t *testing.T) {
	ok := SMTPConfig{Host: "smtp.example.dk", From: "bgcheck <no-reply@example.dk>", Username: "u", Password: "p"}
	cases := []struct {
		name  string
		edit  func(*SMTPConfig)
		field string // "" when valid
	}{
		{"defaults are valid", func(c *SMTPConfig) {}, ""},
		{"loopback relay without TLS may log in", func(c *SMTPConfig) { c.Host, c.TLS = "127.0.0.1", TLSNone }, ""},
		{"IPv6 host", func(c *SMTPConfig) { c.Host = "::1" }, ""},
		{"no host", func(c *SMTPConfig) { c.Host = "" }, "Host"},
		{"host with scheme", func(c *SMTPConfig) { c.Host = "smtp://mail.example.dk" }, "Host"},
		{"host with port", func(c *SMTPConfig) { c.Host = "mail.example.dk:25" }, "Host"},
		{"port too high", func(c *SMTPConfig) { c.Port = 70000 }, "Port"},
		{"negative port", func(c *SMTPConfig) { c.Port = -1 }, "Port"},
		{"unknown TLS mode", func(c *SMTPConfig) { c.TLS = "ssl" }, "TLS"},
		{"password without username", func(c *SMTPConfig) { c.Username = "" }, "Username"},
		{"password in clear to a remote host", func(c *SMTPConfig) { c.TLS = TLSNone }, "TLS"},
		{"negative timeout", func(c *SMTPConfig) { c.Timeout = -time.Second }, "Timeout"},
		{"no from", func(c *SMTPConfig) { c.From = "" }, "From"},
		{"bad from", func(c *SMTPConfig) { c.From = "bgcheck at example" }, "From"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := ok
			tc.edit(&cfg)
			err := cfg.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				if _, err := NewSMTP(cfg); err != nil {
					t.Fatalf("NewSMTP: %v", err)
				}
				return
			}
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Field != tc.field {
				t.Fatalf("Validate() = %v, want a ConfigError on %s", err, tc.field)
			}
			if _, err := NewSMTP(cfg); err == nil {
				t.Fatal("NewSMTP accepted an invalid config")
			}
		})
	}
}

func TestSMTPConfigDefaults(t *testing.T) {
	for tls, port := range map[string]int{"": 587, TLSStartTLS: 587, TLSImplicit: 465, TLSNone: 25} {
		c := SMTPConfig{TLS: tls}.withDefaults()
		if c.Port != port || c.Timeout != DefaultSMTPTimeout {
			t.Errorf("TLS %q: port %d timeout %v", tls, c.Port, c.Timeout)
		}
	}
}

func TestMessageValidate(t *testing.T) {
	good := Message{To: "anna@example.dk", Subject: "Hej", Text: "x"}
	cases := map[string]func(*Message){
		"no recipient":        func(m *Message) { m.To = "" },
		"recipient with name": func(m *Message) { m.To = "Anna <anna@example.dk>" },
		"two recipients":      func(m *Message) { m.To = "a@example.dk, b@example.dk" },
		"subject injection":   func(m *Message) { m.Subject = "Hej\r\nBcc: x@example.dk" },
		"no body":             func(m *Message) { m.Text = "" },
		"header injection":    func(m *Message) { m.Headers = map[string]string{"X-Tag": "a\r\nBcc: x@example.dk"} },
		"bad header name":     func(m *Message) { m.Headers = map[string]string{"X Tag": "a"} },
		"reserved header":     func(m *Message) { m.Headers = map[string]string{"from": "boss@example.dk"} },
	}
	if err := good.Validate(); err != nil {
		t.Fatalf("valid message: %v", err)
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			m := good
			edit(&m)
			if err := m.Validate(); !IsPermanent(err) {
				t.Fatalf("Validate() = %v, want a permanent error", err)
			}
		})
	}
}

func TestIsPermanent(t *testing.T) {
	if IsPermanent(nil) || IsPermanent(errors.New("x")) || IsPermanent(&Error{Code: 421}) {
		t.Fatal("non-permanent errors reported permanent")
	}
	wrapped := errors.Join(errors.New("context"), &Error{Permanent: true, Code: 550, Err: errors.New("no such user")})
	if !IsPermanent(wrapped) {
		t.Fatal("wrapped permanent error not recognised")
	}
}
