package mail

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestParseReceivedEncodings(t *testing.T) {
	raw := strings.ReplaceAll(`From: a@example.dk
To: =?utf-8?q?S=C3=B8ren?= <soeren@example.dk>, b@example.dk
Subject: =?iso-8859-1?q?R=E6kkevidde?= og =?utf-8?b?w6bDuMOl?=
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/alternative; boundary="inner"

--inner
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

Bl=E5b=E6rgr=F8d
--inner
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

PHA+QmzDpWLDpnJncsO4ZDwvcD4=
--inner--
--outer
Content-Type: text/plain
Content-Disposition: attachment; filename="x.txt"

not the body
--outer--
`, "\n", "\r\n")
	r, err := parseReceived([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if r.Subject != "Rækkevidde og æøå" {
		t.Errorf("Subject = %q", r.Subject)
	}
	if r.To != "soeren@example.dk, b@example.dk" {
		t.Errorf("To = %q", r.To)
	}
	if r.Text != "Blåbærgrød" {
		t.Errorf("Text = %q", r.Text)
	}
	if r.HTML != "<p>Blåbærgrød</p>" {
		t.Errorf("HTML = %q", r.HTML)
	}
}

func TestParseReceivedPlain(t *testing.T) {
	r, err := parseReceived([]byte("To: a@example.dk\r\nSubject: hi\r\n\r\nline one\r\nline two\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Text != "line one\nline two\n" || r.HTML != "" {
		t.Fatalf("Text %q HTML %q", r.Text, r.HTML)
	}
}

func TestParseReceivedRejectsGarbage(t *testing.T) {
	for _, raw := range []string{"", "no header separator", "Content-Type: multipart/mixed\r\n\r\nbody"} {
		if _, err := parseReceived([]byte(raw)); err == nil {
			t.Errorf("%q parsed without error", raw)
		}
	}
}

func TestCatcherKeepsNewestBounded(t *testing.T) {
	c := mustCatcher(t)
	for range catcherKeep + 5 {
		c.store(Received{To: "a@example.dk"})
	}
	msgs := c.Messages()
	if len(msgs) != catcherKeep {
		t.Fatalf("%d messages kept, want %d", len(msgs), catcherKeep)
	}
	if msgs[0].ID != catcherKeep+5 || msgs[len(msgs)-1].ID != 6 {
		t.Fatalf("kept ids %d..%d, want newest first %d..6", msgs[0].ID, msgs[len(msgs)-1].ID, catcherKeep+5)
	}
}

func TestCatcherWaitForWakesOnArrival(t *testing.T) {
	c := mustCatcher(t)
	got := make(chan Received, 1)
	go func() {
		r, err := c.WaitFor(waitCtx(t), to("late@example.dk"))
		if err != nil {
			t.Error(err)
		}
		got <- r
	}()
	c.store(Received{To: "other@example.dk"})
	c.store(Received{To: "late@example.dk", Subject: "endelig"})
	if r := <-got; r.Subject != "endelig" {
		t.Fatalf("WaitFor returned %+v", r)
	}
}

func TestCatcherWaitForEnds(t *testing.T) {
	c := mustCatcher(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := c.WaitFor(ctx, to("x@example.dk")); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled wait: %v", err)
	}
	c.Close()
	if _, err := c.WaitFor(t.Context(), to("x@example.dk")); err == nil {
		t.Fatal("wait on a closed catcher did not end")
	}
}
