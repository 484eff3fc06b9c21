package store

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// JobWebhookDeliver is the job kind of one delivery attempt; its payload
// is the delivery id.
const JobWebhookDeliver = "webhook.deliver"

// webhookJobAttempts bounds how often the queue re-runs one attempt's job
// after a database error. An answer from the receiver, good or bad,
// finishes the job: the next attempt is a new job at the time the
// webhook schedule gives.
const webhookJobAttempts = 5

// caseEventTypes maps the case timeline actions an HR system is told
// about to their event type. Everything else stays on the timeline only.
var caseEventTypes = map[string]string{
	"case.created":            "case.created",
	"case.invitation_sent":    "case.invitation_sent", // the mail went out (first or resent)
	"case.submitted":          "case.submitted",
	"case.analysis_completed": "case.analysis_completed",
	"case.decided":            "case.decided",
	"case.cancelled":          "case.cancelled",
	"consent.withdrawn":       "consent.withdrawn",
}

// caseWebhookEvent appends the event log entry for a timeline action that
// maps to an event type, in the timeline's transaction. The data is read
// from the case row (its status at this point of the transaction) and
// from the few timeline details that are ids or words, never from free
// text.
func (tx *Tx) caseWebhookEvent(orgID, caseID, action string, details map[string]string) error {
	typ, ok := caseEventTypes[action]
	if !ok {
		return nil
	}
	d := domain.EventData{CaseID: caseID}
	err := tx.queryRow(`SELECT status, package_id FROM cases WHERE org_id = ? AND id = ?`, orgID, caseID).Scan(&d.Status, &d.PackageID)
	if err != nil {
		return notFound(err, "case")
	}
	switch typ {
	case "consent.withdrawn":
		d.Category = details["category"]
	case "case.decided":
		d.Outcome = details["outcome"]
		if d.Outcome == "" && (d.Status == string(domain.CaseApproved) || d.Status == string(domain.CaseRejected)) {
			d.Outcome = d.Status
		}
	}
	return tx.AppendEvent(&domain.Event{OrgID: orgID, Type: typ, Data: d})
}

// AppendEvent adds ev to its organisation's event log and queues a
// delivery to every enabled endpoint subscribed to its type, all in this
// transaction. It sets ev.ID (when empty), ev.Seq and ev.CreatedAt.
//
// The sequence number comes from the organisation's event_heads row,
// whose lock serialises appenders, so numbers grow in commit order and a
// cursor never skips an event that commits later. The audit head is
// locked first: every transaction that appends both takes the two locks
// in the same order and cannot deadlock with another.
func (tx *Tx) AppendEvent(ev *domain.Event) error {
	if ev.OrgID == "" || ev.Type == "" {
		return domain.Errorf(domain.EInternal, "event without organisation or type")
	}
	if tx.dialect == Postgres {
		if _, err := tx.exec(`SELECT 1 FROM audit_heads WHERE org_id = ? FOR UPDATE`, ev.OrgID); err != nil {
			return err
		}
	}
	if err := tx.queryRow(`INSERT INTO event_heads (org_id, seq) VALUES (?, 1)
		ON CONFLICT (org_id) DO UPDATE SET seq = event_heads.seq + 1 RETURNING seq`, ev.OrgID).Scan(&ev.Seq); err != nil {
		return err
	}
	if ev.ID == "" {
		ev.ID = NewID()
	}
	ev.CreatedAt = tx.Now
	data, err := json.Marshal(ev.Data)
	if err != nil {
		return err
	}
	if _, err := tx.exec(`INSERT INTO events (org_id, seq, id, type, case_id, data, created_at) VALUES (?,?,?,?,?,?,?)`,
		ev.OrgID, ev.Seq, ev.ID, ev.Type, ev.Data.CaseID, string(data), ms(tx.Now)); err != nil {
		return err
	}
	eps, err := tx.WebhookEndpoints(ev.OrgID)
	if err != nil {
		return err
	}
	for _, ep := range eps {
		if ep.Enabled && ep.Subscribed(ev.Type) {
			if _, err := tx.CreateDelivery(ep.OrgID, ep.ID, ev, false); err != nil {
				return err
			}
		}
	}
	return nil
}

const eventColumns = `org_id, seq, id, type, data, created_at`

func scanEvent(s scanner) (*domain.Event, error) {
	var ev domain.Event
	var data string
	var created int64
	if err := s.Scan(&ev.OrgID, &ev.Seq, &ev.ID, &ev.Type, &data, &created); err != nil {
		return nil, err
	}
	ev.CreatedAt = fromMS(created)
	if err := json.Unmarshal([]byte(data), &ev.Data); err != nil {
		return nil, err
	}
	return &ev, nil
}

// Events returns up to limit of org's events with a sequence number above
// after, oldest first, leaving out the types in skip.
func (tx *Tx) Events(orgID string, after int64, limit int, skip ...string) ([]*domain.Event, error) {
	q, args := `SELECT `+eventColumns+` FROM events WHERE org_id = ? AND seq > ?`, []any{orgID, after}
	for _, t := range skip {
		q, args = q+` AND type <> ?`, append(args, t)
	}
	rows, err := tx.query(q+` ORDER BY seq LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanEvent)
}

// Event returns one event of org.
func (tx *Tx) Event(orgID, id string) (*domain.Event, error) {
	ev, err := scanEvent(tx.queryRow(`SELECT `+eventColumns+` FROM events WHERE org_id = ? AND id = ?`, orgID, id))
	return ev, notFound(err, "event")
}

// WebhookEndpointRow is an endpoint as stored, with its encrypted secrets.
type WebhookEndpointRow struct {
	domain.WebhookEndpoint
	SecretEnc     []byte
	PrevSecretEnc []byte // nil when no rotation is under way
}

const endpointColumns = `id, org_id, url, description, types, secret_enc, prev_secret_enc, prev_secret_until, enabled, created_by, created_at, updated_at`

func scanEndpoint(s scanner) (*WebhookEndpointRow, error) {
	var r WebhookEndpointRow
	var types string
	var enabled int
	var until, created, updated int64
	err := s.Scan(&r.ID, &r.OrgID, &r.URL, &r.Description, &types, &r.SecretEnc, &r.PrevSecretEnc, &until, &enabled, &r.CreatedBy, &created, &updated)
	if err != nil {
		return nil, err
	}
	r.Types = strings.Fields(types)
	r.Enabled = enabled != 0
	r.PreviousSecretUntil, r.CreatedAt, r.UpdatedAt = fromMS(until), fromMS(created), fromMS(updated)
	return &r, nil
}

// CreateWebhookEndpoint inserts an endpoint; r.ID, r.OrgID and the
// encrypted secret must be set.
func (tx *Tx) CreateWebhookEndpoint(r *WebhookEndpointRow) error {
	r.CreatedAt, r.UpdatedAt = tx.Now, tx.Now
	_, err := tx.exec(`INSERT INTO webhook_endpoints (id, org_id, url, description, types, secret_enc, enabled, created_by, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?)`,
		r.ID, r.OrgID, r.URL, r.Description, strings.Join(r.Types, " "), r.SecretEnc, boolInt(r.Enabled), r.CreatedBy, ms(tx.Now), ms(tx.Now))
	return err
}

// WebhookEndpoints lists org's endpoints, oldest first.
func (tx *Tx) WebhookEndpoints(orgID string) ([]*WebhookEndpointRow, error) {
	rows, err := tx.query(`SELECT `+endpointColumns+` FROM webhook_endpoints WHERE org_id = ? ORDER BY created_at, id`, orgID)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanEndpoint)
}

// WebhookEndpoint returns one endpoint of org.
func (tx *Tx) WebhookEndpoint(orgID, id string) (*WebhookEndpointRow, error) {
	r, err := scanEndpoint(tx.queryRow(`SELECT `+endpointColumns+` FROM webhook_endpoints WHERE org_id = ? AND id = ?`, orgID, id))
	return r, notFound(err, "webhook endpoint")
}

// UpdateWebhookEndpoint stores a changed URL, description, types and
// enabled flag.
func (tx *Tx) UpdateWebhookEndpoint(r *WebhookEndpointRow) error {
	r.UpdatedAt = tx.Now
	return tx.execOne("webhook endpoint", `UPDATE webhook_endpoints SET url = ?, description = ?, types = ?, enabled = ?, updated_at = ? WHERE org_id = ? AND id = ?`,
		r.URL, r.Description, strings.Join(r.Types, " "), boolInt(r.Enabled), ms(tx.Now), r.OrgID, r.ID)
}

// SetWebhookSecret replaces an endpoint's secret; prevEnc (nil for none)
// keeps signing until prevUntil.
func (tx *Tx) SetWebhookSecret(orgID, id string, secretEnc, prevEnc []byte, prevUntil time.Time) error {
	return tx.execOne("webhook endpoint", `UPDATE webhook_endpoints SET secret_enc = ?, prev_secret_enc = ?, prev_secret_until = ?, updated_at = ? WHERE org_id = ? AND id = ?`,
		secretEnc, prevEnc, ms(prevUntil), ms(tx.Now), orgID, id)
}

// DeleteWebhookEndpoint removes an endpoint and its delivery log. Queued
// attempt jobs find their delivery gone and end.
func (tx *Tx) DeleteWebhookEndpoint(orgID, id string) error {
	if _, err := tx.exec(`DELETE FROM webhook_attempts WHERE org_id = ? AND delivery_id IN (SELECT id FROM webhook_deliveries WHERE org_id = ? AND endpoint_id = ?)`, orgID, orgID, id); err != nil {
		return err
	}
	if _, err := tx.exec(`DELETE FROM webhook_deliveries WHERE org_id = ? AND endpoint_id = ?`, orgID, id); err != nil {
		return err
	}
	return tx.execOne("webhook endpoint", `DELETE FROM webhook_endpoints WHERE org_id = ? AND id = ?`, orgID, id)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
