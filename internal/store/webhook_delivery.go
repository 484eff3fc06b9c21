package store

import (
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

const deliveryColumns = `id, org_id, endpoint_id, event_id, event_type, status, manual, attempts, first_attempt_at, next_attempt_at,
	last_status_code, last_duration_ms, last_error, snippet, created_at, updated_at`

func scanDelivery(s scanner) (*domain.WebhookDelivery, error) {
	var d domain.WebhookDelivery
	var manual int
	var first, next, dur, created, updated int64
	err := s.Scan(&d.ID, &d.OrgID, &d.EndpointID, &d.EventID, &d.EventType, &d.Status, &manual, &d.Attempts, &first, &next,
		&d.LastStatusCode, &dur, &d.LastError, &d.Snippet, &created, &updated)
	if err != nil {
		return nil, err
	}
	d.Manual = manual != 0
	d.FirstAttemptAt, d.NextAttemptAt, d.CreatedAt, d.UpdatedAt = fromMS(first), fromMS(next), fromMS(created), fromMS(updated)
	d.LastDuration = time.Duration(dur) * time.Millisecond
	return &d, nil
}

// CreateDelivery queues the delivery of ev to an endpoint of org: a
// pending delivery row and the job for its first attempt, due now.
func (tx *Tx) CreateDelivery(orgID, endpointID string, ev *domain.Event, manual bool) (*domain.WebhookDelivery, error) {
	d := &domain.WebhookDelivery{ID: NewID(), OrgID: orgID, EndpointID: endpointID, EventID: ev.ID, EventType: ev.Type,
		Status: domain.DeliveryPending, Manual: manual, NextAttemptAt: tx.Now, CreatedAt: tx.Now, UpdatedAt: tx.Now}
	_, err := tx.exec(`INSERT INTO webhook_deliveries (id, org_id, endpoint_id, event_id, event_seq, event_type, status, manual, next_attempt_at, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
		d.ID, orgID, endpointID, ev.ID, ev.Seq, ev.Type, d.Status, boolInt(manual), ms(tx.Now), ms(tx.Now), ms(tx.Now))
	if err != nil {
		return nil, err
	}
	return d, tx.enqueueAttempt(orgID, d.ID, tx.Now)
}

func (tx *Tx) enqueueAttempt(orgID, deliveryID string, at time.Time) error {
	_, err := tx.Enqueue(orgID, JobWebhookDeliver, []byte(deliveryID), at, webhookJobAttempts)
	return err
}

// WebhookDelivery returns one delivery of org with its attempts.
func (tx *Tx) WebhookDelivery(orgID, id string) (*domain.WebhookDelivery, error) {
	d, err := scanDelivery(tx.queryRow(`SELECT `+deliveryColumns+` FROM webhook_deliveries WHERE org_id = ? AND id = ?`, orgID, id))
	if err != nil {
		return nil, notFound(err, "webhook delivery")
	}
	rows, err := tx.query(`SELECT n, at, status_code, duration_ms, error, snippet FROM webhook_attempts WHERE org_id = ? AND delivery_id = ? ORDER BY n`, orgID, id)
	if err != nil {
		return nil, err
	}
	d.AttemptLog, err = collect(rows, func(s scanner) (*domain.WebhookAttempt, error) {
		var a domain.WebhookAttempt
		var at, dur int64
		if err := s.Scan(&a.N, &at, &a.StatusCode, &dur, &a.Error, &a.Snippet); err != nil {
			return nil, err
		}
		a.At, a.Duration = fromMS(at), time.Duration(dur)*time.Millisecond
		return &a, nil
	})
	return d, err
}

// WebhookDeliveries lists an endpoint's deliveries newest first, starting
// below the delivery id before ("" for the newest). Ids are time-ordered.
func (tx *Tx) WebhookDeliveries(orgID, endpointID, before string, limit int) ([]*domain.WebhookDelivery, error) {
	q, args := `SELECT `+deliveryColumns+` FROM webhook_deliveries WHERE org_id = ? AND endpoint_id = ?`, []any{orgID, endpointID}
	if before != "" {
		q, args = q+` AND id < ?`, append(args, before)
	}
	rows, err := tx.query(q+` ORDER BY id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanDelivery)
}

// EarlierFirstAttemptDue reports whether a delivery to the same endpoint
// of an earlier event is still waiting for its first attempt, and was
// queued after notBefore: the later one then waits, so that first
// attempts go out in event order. Deliveries queued before notBefore no
// longer hold others up, so one whose job is stuck cannot block the
// endpoint for good.
func (tx *Tx) EarlierFirstAttemptDue(d *domain.WebhookDelivery, notBefore time.Time) (bool, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM webhook_deliveries o
		WHERE o.org_id = ? AND o.endpoint_id = ? AND o.status = ? AND o.attempts = 0 AND o.id <> ? AND o.created_at >= ?
		  AND o.event_seq < (SELECT event_seq FROM webhook_deliveries WHERE id = ?)`,
		d.OrgID, d.EndpointID, domain.DeliveryPending, d.ID, ms(notBefore), d.ID).Scan(&n)
	return n > 0, err
}

// PostponeDelivery queues another job for a pending delivery without
// counting an attempt.
func (tx *Tx) PostponeDelivery(orgID, id string, at time.Time) error {
	if err := tx.execOne("webhook delivery", `UPDATE webhook_deliveries SET next_attempt_at = ?, updated_at = ? WHERE org_id = ? AND id = ? AND status = ?`,
		ms(at), ms(tx.Now), orgID, id, domain.DeliveryPending); err != nil {
		return err
	}
	return tx.enqueueAttempt(orgID, id, at)
}

// RecordDeliveryAttempt logs attempt a of a delivery and moves it on:
// with next set it stays pending and the job for that attempt is queued;
// otherwise it ends in status (delivered or failed).
func (tx *Tx) RecordDeliveryAttempt(orgID, id string, a domain.WebhookAttempt, status string, next time.Time) error {
	err := tx.execOne("webhook delivery", `UPDATE webhook_deliveries SET status = ?, attempts = ?,
		first_attempt_at = CASE WHEN first_attempt_at = 0 THEN ? ELSE first_attempt_at END, next_attempt_at = ?,
		last_status_code = ?, last_duration_ms = ?, last_error = ?, snippet = ?, updated_at = ? WHERE org_id = ? AND id = ?`,
		status, a.N, ms(a.At), ms(next), a.StatusCode, a.Duration.Milliseconds(), a.Error, a.Snippet, ms(tx.Now), orgID, id)
	if err != nil {
		return err
	}
	if _, err := tx.exec(`INSERT INTO webhook_attempts (delivery_id, n, org_id, at, status_code, duration_ms, error, snippet) VALUES (?,?,?,?,?,?,?,?)`,
		id, a.N, orgID, ms(a.At), a.StatusCode, a.Duration.Milliseconds(), a.Error, a.Snippet); err != nil {
		return err
	}
	if next.IsZero() {
		return nil
	}
	return tx.enqueueAttempt(orgID, id, next)
}

// EndDelivery ends a pending delivery without an attempt, e.g. because
// its endpoint was disabled.
func (tx *Tx) EndDelivery(orgID, id, status, reason string) error {
	return tx.execOne("webhook delivery", `UPDATE webhook_deliveries SET status = ?, next_attempt_at = 0, last_error = ?, updated_at = ? WHERE org_id = ? AND id = ?`,
		status, reason, ms(tx.Now), orgID, id)
}
