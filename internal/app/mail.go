package app

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/bgcheck/bgcheck/internal/jobs"
	"github.com/bgcheck/bgcheck/internal/mail"
	"github.com/bgcheck/bgcheck/internal/store"
)

// JobSendMail is the job kind that delivers one e-mail.
const JobSendMail = "mail.send"

// outgoingMail is the payload of a JobSendMail job.
type outgoingMail struct {
	To      string `json:"to"`
	Subject string `json:"subject"`
	Text    string `json:"text,omitempty"`
	HTML    string `json:"html,omitempty"`
	// Sent is set once the server accepted the mail; the body is then
	// dropped so links it carried do not stay in the database.
	Sent bool `json:"sent,omitempty"`
}

// mailAttempts bounds delivery attempts; with the job backoff this spans
// about a day.
const mailAttempts = 30

// enqueueMail adds a mail to the outbox in tx: it is sent only if tx
// commits, and a crash after commit leaves it queued, not lost.
func (a *App) enqueueMail(tx *store.Tx, orgID string, m outgoingMail) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if _, err := tx.Enqueue(orgID, JobSendMail, b, tx.Now, mailAttempts); err != nil {
		return err
	}
	a.wake(tx)
	return nil
}

// MailHandler returns the job handler that sends queued mail with sender.
func (a *App) MailHandler(sender mail.Sender) jobs.Handler {
	return func(ctx context.Context, j *store.Job) error {
		var m outgoingMail
		if err := json.Unmarshal(j.Payload, &m); err != nil {
			return jobs.Permanent(fmt.Errorf("mail payload: %w", err))
		}
		if m.Sent {
			return nil // delivered by an earlier attempt that could not record it
		}
		err := sender.Send(ctx, mail.Message{To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML})
		if err != nil {
			if mail.IsPermanent(err) {
				return jobs.Permanent(err)
			}
			return err
		}
		scrubbed, _ := json.Marshal(outgoingMail{To: m.To, Subject: m.Subject, Sent: true})
		return a.DB.Write(context.WithoutCancel(ctx), func(tx *store.Tx) error { return tx.ScrubJobPayload(j.ID, scrubbed) })
	}
}
