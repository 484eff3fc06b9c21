package mail

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

func mustCatcher(t *testing.T) *Catcher {
	t.Helper()
	c, err := StartCatcher("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func mustSMTP(t *testing.T, c *Catcher, edit func(*SMTPConfig)) *SMTP {
	t.Helper()
	cfg := SMTPConfig{Host: c.Host(), Port: c.Port(), TLS: TLSNone, From: "bgcheck <no-reply@bgcheck.test>", Timeout: 10 * time.Second}
	if edit != nil {
		edit(&cfg)
	}
	s, err := NewSMTP(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// waitCtx bounds a wait so a broken test fails instead of hanging; it is
// not a timing assertion.
func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func to(addr string) func(Received) bool {
	return func(r Received) bool { return r.To == addr }
}

func TestSendDanishMailToCatcher(t *testing.T) {
	c := mustCatcher(t)
	s := mustSMTP(t, c, nil)
	m := Message{
		To:      "soeren@example.dk",
		Subject: "Velkommen til bgcheck – æøå ÆØÅ",
		Text:    "Hej Søren\n\nDu er inviteret. Blåbærgrød på Ærø.\n",
		HTML:    "<p>Hej Søren</p>\n<p>Blåbærgrød på Ærø.</p>\n",
		Headers: map[string]string{"Auto-Submitted": "auto-generated"},
	}
	if err := s.Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	got, err := c.WaitFor(waitCtx(t), to("soeren@example.dk"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Subject != m.Subject {
		t.Errorf("Subject = %q, want %q", got.Subject, m.Subject)
	}
	if strings.TrimRight(got.Text, "\n") != strings.TrimRight(m.Text, "\n") {
		t.Errorf("Text = %q, want %q", got.Text, m.Text)
	}
	if strings.TrimRight(got.HTML, "\n") != strings.TrimRight(m.HTML, "\n") {
		t.Errorf("HTML = %q, want %q", got.HTML, m.HTML)
	}
	if got.From != "no-reply@bgcheck.test" || len(got.Rcpts) != 1 || got.Rcpts[0] != "soeren@example.dk" {
		t.Errorf("envelope from %q to %v", got.From, got.Rcpts)
	}
	if got.Header.Get("Auto-Submitted") != "auto-generated" || got.Header.Get("Message-Id") == "" {
		t.Errorf("headers %v", got.Header)
	}
	if msgs := c.Messages(); len(msgs) != 1 || msgs[0].ID != got.ID {
		t.Errorf("Messages() = %d messages", len(msgs))
	}
}

func TestSendTextOnlyAndHTMLOnly(t *testing.T) {
	c := mustCatcher(t)
	s := mustSMTP(t, c, nil)
	if err := s.Send(t.Context(), Message{To: "a@example.dk", Subject: "tekst", Text: "kun tekst æ"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(t.Context(), Message{To: "b@example.dk", Subject: "html", HTML: "<b>kun html ø</b>"}); err != nil {
		t.Fatal(err)
	}
	a, _ := c.WaitFor(waitCtx(t), to("a@example.dk"))
	b, _ := c.WaitFor(waitCtx(t), to("b@example.dk"))
	if strings.TrimSpace(a.Text) != "kun tekst æ" || a.HTML != "" || strings.TrimSpace(b.HTML) != "<b>kun html ø</b>" || b.Text != "" {
		t.Fatalf("text-only %q/%q, html-only %q/%q", a.Text, a.HTML, b.Text, b.HTML)
	}
}

func TestSendRecipientRefusals(t *testing.T) {
	c := mustCatcher(t)
	c.RejectRecipient("gone@example.dk")
	c.DeferRecipient("busy@example.dk")
	s := mustSMTP(t, c, nil)
	msg := func(addr string) Message { return Message{To: addr, Subject: "x", Text: "x"} }

	err := s.Send(t.Context(), msg("gone@example.dk"))
	var me *Error
	if !IsPermanent(err) || !errors.As(err, &me) || me.Code != 550 {
		t.Fatalf("550 refusal: err=%v, want permanent with code 550", err)
	}
	err = s.Send(t.Context(), msg("busy@example.dk"))
	if err == nil || IsPermanent(err) || !errors.As(err, &me) || me.Code != 451 {
		t.Fatalf("451 refusal: err=%v, want temporary with code 451", err)
	}
	if n := len(c.Messages()); n != 0 {
		t.Fatalf("refused mail was stored: %d messages", n)
	}
}

func TestSendWithAuth(t *testing.T) {
	c := mustCatcher(t)
	c.RequireAuth("bgcheck", "s3cret")
	good := mustSMTP(t, c, func(cfg *SMTPConfig) { cfg.Username, cfg.Password = "bgcheck", "s3cret" })
	if err := good.Send(t.Context(), Message{To: "a@example.dk", Subject: "x", Text: "x"}); err != nil {
		t.Fatalf("correct credentials: %v", err)
	}
	wrong := mustSMTP(t, c, func(cfg *SMTPConfig) { cfg.Username, cfg.Password = "bgcheck", "wrong" })
	if err := wrong.Send(t.Context(), Message{To: "b@example.dk", Subject: "x", Text: "x"}); !IsPermanent(err) {
		t.Fatalf("wrong password: err=%v, want permanent", err)
	}
	none := mustSMTP(t, c, nil)
	if err := none.Send(t.Context(), Message{To: "c@example.dk", Subject: "x", Text: "x"}); !IsPermanent(err) {
		t.Fatalf("no login: err=%v, want permanent", err)
	}
	if n := len(c.Messages()); n != 1 {
		t.Fatalf("%d messages stored, want 1", n)
	}
}

func TestSendServerUnreachableIsTemporary(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	s, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: port, TLS: TLSNone, From: "no-reply@bgcheck.test"})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(t.Context(), Message{To: "a@example.dk", Subject: "x", Text: "x"})
	if err == nil || IsPermanent(err) {
		t.Fatalf("unreachable server: err=%v, want temporary", err)
	}
}

func TestSendStartTLSRequired(t *testing.T) {
	c := mustCatcher(t) // offers no STARTTLS
	s := mustSMTP(t, c, func(cfg *SMTPConfig) { cfg.TLS = TLSStartTLS })
	if err := s.Send(t.Context(), Message{To: "a@example.dk", Subject: "x", Text: "x"}); err == nil {
		t.Fatal("sent in clear although STARTTLS is required")
	}
	if n := len(c.Messages()); n != 0 {
		t.Fatalf("%d messages stored without TLS", n)
	}
}

func TestSendConcurrent(t *testing.T) {
	c := mustCatcher(t)
	s := mustSMTP(t, c, nil)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if err := s.Send(t.Context(), Message{To: fmt.Sprintf("u%d@example.dk", i), Subject: "x", Text: "x"}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i := range 8 {
		if _, err := c.WaitFor(waitCtx(t), to(fmt.Sprintf("u%d@example.dk", i))); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSendInvalidMessageIsPermanent(t *testing.T) {
	c := mustCatcher(t)
	s := mustSMTP(t, c, nil)
	err := s.Send(t.Context(), Message{To: "not an address", Subject: "x", Text: "x"})
	if !IsPermanent(err) {
		t.Fatalf("invalid message: err=%v, want permanent", err)
	}
}
