package app

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/jobs"
	"github.com/bgcheck/bgcheck/internal/mail"
	"github.com/bgcheck/bgcheck/internal/store"
)

// JobSendMail is the job kind that delivers one e-mail.
const JobSendMail = "mail.send"

// outgoingMail is one e-mail to send.
type outgoingMail struct {
	To      string `json:"to"`
	Subject string `json:"subject"`
	Text    string `json:"text,omitempty"`
	HTML    string `json:"html,omitempty"`
	// Owner is the person the mail is about (a subject or a company user);
	// the queued mail is encrypted with their data key, so the outbox never
	// holds an address, name or link in clear and erasing them erases it.
	Owner string `json:"-"`
	// CaseID and SentEvent, when set, add a line to the case's timeline
	// once the mail server accepted the mail.
	CaseID    string `json:"-"`
	SentEvent string `json:"-"`
}

// mailPayload is what the job row holds.
type mailPayload struct {
	ID        string `json:"id"`
	Owner     string `json:"owner"`
	Enc       []byte `json:"enc,omitempty"` // the encrypted outgoingMail; dropped once sent
	Sent      bool   `json:"sent,omitempty"`
	CaseID    string `json:"case_id,omitempty"`
	SentEvent string `json:"sent_event,omitempty"`
}

func mailScope(orgID, owner, id string) crypto.Scope {
	return crypto.Scope{OrgID: orgID, OwnerID: owner, Record: "mail:" + id, Field: "message"}
}

// mailAttempts bounds delivery attempts; with the job backoff this spans
// about a day.
const mailAttempts = 30

// enqueueMail adds a mail to the outbox in tx: it is sent only if tx
// commits, and a crash after commit leaves it queued, not lost.
func (a *App) enqueueMail(tx *store.Tx, orgID string, m outgoingMail) error {
	if m.Owner == "" {
		return domain.Errorf(domain.EInternal, "mail without owner")
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	p := mailPayload{ID: store.NewID(), Owner: m.Owner, CaseID: m.CaseID, SentEvent: m.SentEvent}
	if p.Enc, err = a.Envelope.Encrypt(tx.Context(), mailScope(orgID, p.Owner, p.ID), b); err != nil {
		return err
	}
	if b, err = json.Marshal(p); err != nil {
		return err
	}
	if _, err := tx.Enqueue(orgID, JobSendMail, b, tx.Now, mailAttempts); err != nil {
		return err
	}
	a.wake(tx)
	return nil
}

// OutboxMail decrypts a queued mail job's message; ok is false once the
// mail has been sent (its content is gone) or its owner erased.
func (a *App) OutboxMail(ctx context.Context, j *store.Job) (to, subject, text string, ok bool, err error) {
	var p mailPayload
	if err := json.Unmarshal(j.Payload, &p); err != nil {
		return "", "", "", false, err
	}
	if p.Sent || p.Enc == nil {
		return "", "", "", false, nil
	}
	b, err := a.Envelope.Decrypt(ctx, mailScope(j.OrgID, p.Owner, p.ID), p.Enc)
	if crypto.IsErased(err) {
		return "", "", "", false, nil
	}
	if err != nil {
		return "", "", "", false, err
	}
	var m outgoingMail
	if err := json.Unmarshal(b, &m); err != nil {
		return "", "", "", false, err
	}
	return m.To, m.Subject, m.Text, true, nil
}

// MailHandler returns the job handler that sends queued mail with sender.
func (a *App) MailHandler(sender mail.Sender) jobs.Handler {
	return func(ctx context.Context, j *store.Job) error {
		var p mailPayload
		if err := json.Unmarshal(j.Payload, &p); err != nil {
			return jobs.Permanent(fmt.Errorf("mail payload: %w", err))
		}
		if p.Sent {
			return nil // delivered by an earlier attempt that could not record it
		}
		b, err := a.Envelope.Decrypt(ctx, mailScope(j.OrgID, p.Owner, p.ID), p.Enc)
		if crypto.IsErased(err) {
			return nil // the person was erased before the mail went out
		}
		if err != nil {
			return err
		}
		var m outgoingMail
		if err := json.Unmarshal(b, &m); err != nil {
			return jobs.Permanent(fmt.Errorf("mail payload: %w", err))
		}
		err = sender.Send(ctx, mail.Message{To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML})
		if err != nil {
			if mail.IsPermanent(err) {
				return jobs.Permanent(err)
			}
			return err
		}
		sent := p
		sent.Enc, sent.Sent = nil, true
		scrubbed, _ := json.Marshal(sent)
		return a.DB.Write(context.WithoutCancel(ctx), func(tx *store.Tx) error {
			if err := tx.ScrubJobPayload(j.ID, scrubbed); err != nil {
				return err
			}
			if p.CaseID == "" || p.SentEvent == "" {
				return nil
			}
			return tx.AddCaseEvent(j.OrgID, p.CaseID, domain.Actor{Type: domain.ActorSystem, Label: "system"}, p.SentEvent, nil)
		})
	}
}
