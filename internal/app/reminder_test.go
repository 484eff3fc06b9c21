package app_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/app"
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
