package app_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/app"
	"github.com/bgcheck/bgcheck/internal/jobs"
	"github.com/bgcheck/bgcheck/internal/mail"
	"github.com/bgcheck/bgcheck/internal/store"
)

// TestOutboxSurvivesCrashBetweenCommitAndSend commits a case (and with it
// the invitation), lets a worker take the mail and die before sending,
// and proves that after its lease runs out the mail is delivered exactly
// once over real SMTP.
func TestOutboxSurvivesCrashBetweenCommitAndSend(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		catcher, err := mail.StartCatcher("")
		if err != nil {
			t.Fatal(err)
		}
		defer catcher.Close()
		sender, err := mail.NewSMTP(mail.SMTPConfig{Host: catcher.Host(), Port: catcher.Port(), TLS: mail.TLSNone, From: "bgcheck <no-reply@bgcheck.test>"})
		if err != nil {
			t.Fatal(err)
		}
		_, owner := e.org("Alfa")
		e.invite(t, owner, "id_check", "Karen Prøvesen")

		// The crashed worker: it claimed the job, then nothing more.
		if err := e.db.Write(ctx, func(tx *store.Tx) error { _, err := tx.ClaimJob("crashed", time.Minute); return err }); err != nil {
			t.Fatal(err)
		}
		r := jobs.NewRunner(e.db, slog.New(slog.DiscardHandler))
		r.Handle(app.JobSendMail, e.app.MailHandler(sender))
		if ran, _ := r.RunOnce(ctx); ran {
			t.Fatal("a job leased by another worker was run")
		}
		e.clock.advance(2 * time.Minute)
		for {
			ran, err := r.RunOnce(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !ran {
				break
			}
		}
		msgs := catcher.Messages()
		if len(msgs) != 1 || msgs[0].To != "karen.prøvesen@example.dk" {
			t.Fatalf("delivered %d mails: %+v", len(msgs), msgs)
		}
		if len(e.mails()) != 0 {
			t.Fatal("the sent mail's content is still in the outbox")
		}
	})
}
