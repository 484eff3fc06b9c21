package app_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/app"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/jobs"
	"github.com/bgcheck/bgcheck/internal/store"
)

func TestReminderRepeatsTheSameLinkUntilSubmitted(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		_, owner := e.org("Alfa")
		c, link := e.invite(t, owner, "id_check", "Karen Prøvesen")
		r := jobs.NewRunner(e.db, slog.New(slog.DiscardHandler))
		r.Handle(app.JobCaseReminder, e.app.ReminderHandler())
		// Only the reminder is handled here; the invitation stays queued.
		r.Handle(app.JobSendMail, func(context.Context, *store.Job) error { return errors.New("not in this test") })
		drain := func() {
			for {
				ran, err := r.RunOnce(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if !ran {
					return
				}
			}
		}
		drain()
		if len(e.mails()) != 1 {
			t.Fatal("reminder sent before it was due")
		}
		e.clock.advance(e.app.ReminderAfter + time.Minute)
		drain()
		m := e.mails()[0]
		if !strings.Contains(m["text"].(string), link) || !strings.Contains(m["subject"].(string), "Alfa") {
			t.Fatalf("reminder %v", m)
		}
		tl, _ := e.app.Cases().Timeline(as(owner), c.ID)
		if tl[len(tl)-1].Action != "case.reminder_queued" {
			t.Fatalf("timeline %v", tl[len(tl)-1])
		}
	})
}

func TestUnansweredCasesExpireAndCanBeInvitedAgain(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		_, owner := e.org("Alfa")
		c, link := e.invite(t, owner, "id_check", "Karen Prøvesen")
		e.clock.advance(e.app.LinkTTL + time.Hour)
		if err := e.app.Sweep(ctx); err != nil {
			t.Fatal(err)
		}
		got, _ := e.app.Cases().Get(as(owner), c.ID)
		if got.Status != domain.CaseExpired {
			t.Fatalf("status %s after the link ran out", got.Status)
		}
		if _, err := e.app.Portal().Open(ctx, link); domain.ErrorMessage(err) != "error.link_invalid" {
			t.Fatalf("expired link opens: %v", err)
		}
		if err := e.app.Cases().ResendInvitation(as(owner), c.ID); err != nil {
			t.Fatal(err)
		}
		fresh := subjectLinkRe.FindStringSubmatch(e.mails()[0]["text"].(string))[1]
		if _, err := e.app.Portal().Open(ctx, fresh); err != nil {
			t.Fatalf("new link does not open: %v", err)
		}
		got, _ = e.app.Cases().Get(as(owner), c.ID)
		if got.Status != domain.CaseInvited {
			t.Fatalf("status %s after a new invitation", got.Status)
		}
	})
}
