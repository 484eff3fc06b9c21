package app

import (
	"context"
	"errors"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/jobs"
	"github.com/bgcheck/bgcheck/internal/store"
	"github.com/bgcheck/bgcheck/internal/webhook"
)

// Ordering of first attempts to one endpoint: a delivery waits while one
// of an earlier event to the same endpoint has not been tried yet,
// looking again after orderRecheck, but waits for no delivery queued
// longer ago than orderWindow (whose job may be stuck).
const (
	orderRecheck = 2 * time.Second
	orderWindow  = time.Minute
)

// WebhookHandler returns the job handler making one delivery attempt. It
// records the answer in the delivery log and, after a failure, queues the
// next attempt as a new job at the time webhook.Backoff gives, until 24
// hours after the first attempt; a 410 Gone ends the delivery at once.
// An error is returned only when the outcome could not be recorded, so
// the queue retries the same attempt.
func (a *App) WebhookHandler() jobs.Handler {
	client := a.Deps.Webhooks.Client
	if client == nil {
		client = webhook.Client(a.Deps.Webhooks.Allow, webhook.DefaultTimeout)
	}
	backoff := a.Deps.Webhooks.Backoff
	if backoff.GiveUp == 0 {
		backoff = webhook.DefaultBackoff
	}
	return func(ctx context.Context, j *store.Job) error {
		var d *domain.WebhookDelivery
		var ep *store.WebhookEndpointRow
		var ev *domain.Event
		err := a.DB.Read(ctx, func(tx *store.Tx) (err error) {
			if d, err = tx.WebhookDelivery(j.OrgID, string(j.Payload)); err != nil {
				return err
			}
			if ep, err = tx.WebhookEndpoint(j.OrgID, d.EndpointID); err != nil {
				return err
			}
			ev, err = tx.Event(j.OrgID, d.EventID)
			return err
		})
		if domain.IsNotFound(err) {
			return nil // the endpoint was deleted with its log
		}
		if err != nil {
			return err
		}
		now := a.DB.Now()
		// A job left over from before (a lease that ran out, a postponed
		// attempt) finds the delivery finished or due later.
		if d.Status != domain.DeliveryPending || d.NextAttemptAt.After(now) {
			return nil
		}
		if !ep.Enabled && !d.Manual {
			return a.DB.Write(ctx, func(tx *store.Tx) error {
				return tx.EndDelivery(j.OrgID, d.ID, domain.DeliveryFailed, "endpoint disabled")
			})
		}
		if d.Attempts == 0 && !d.Manual {
			var wait bool
			err := a.DB.Write(ctx, func(tx *store.Tx) (err error) {
				if wait, err = tx.EarlierFirstAttemptDue(d, tx.Now.Add(-orderWindow)); err != nil || !wait {
					return err
				}
				return tx.PostponeDelivery(j.OrgID, d.ID, tx.Now.Add(orderRecheck))
			})
			if err != nil || wait {
				return err
			}
		}
		secrets, err := a.signingSecrets(ctx, ep, now)
		if err != nil {
			return err
		}
		res, derr := webhook.Deliver(ctx, client, ep.URL, secrets, asWebhook(ev, ev.CreatedAt))
		if derr != nil && ctx.Err() != nil {
			return ctx.Err() // shutting down: the same attempt runs again
		}
		at := domain.WebhookAttempt{N: d.Attempts + 1, At: now, StatusCode: res.StatusCode, Duration: res.Duration, Snippet: res.Snippet}
		if derr != nil {
			at.Error = truncate(derr.Error(), 500)
		}
		first := d.FirstAttemptAt
		if first.IsZero() {
			first = now
		}
		status, next := domain.DeliveryPending, time.Time{}
		switch {
		case res.Success:
			status = domain.DeliveryDelivered
		case res.StatusCode == 410 || errors.Is(derr, webhook.ErrInvalidEvent):
			status = domain.DeliveryFailed
		default:
			var ok bool
			if next, ok = backoff.NextAttempt(at.N, first, a.DB.Now()); !ok {
				status = domain.DeliveryFailed
			}
		}
		return a.DB.Write(context.WithoutCancel(ctx), func(tx *store.Tx) error {
			return tx.RecordDeliveryAttempt(j.OrgID, d.ID, at, status, next)
		})
	}
}

// signingSecrets returns the endpoint's secret and, during a rotation's
// grace period, the previous one.
func (a *App) signingSecrets(ctx context.Context, ep *store.WebhookEndpointRow, now time.Time) ([][]byte, error) {
	cur, err := a.Envelope.Decrypt(ctx, webhookScope(ep.OrgID, ep.ID, "secret"), ep.SecretEnc)
	if err != nil {
		return nil, err
	}
	secrets := [][]byte{cur}
	if len(ep.PrevSecretEnc) > 0 && now.Before(ep.PreviousSecretUntil) {
		prev, err := a.Envelope.Decrypt(ctx, webhookScope(ep.OrgID, ep.ID, "previous_secret"), ep.PrevSecretEnc)
		if err != nil {
			return nil, err
		}
		secrets = append(secrets, prev)
	}
	return secrets, nil
}
