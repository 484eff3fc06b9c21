package app

import (
	"context"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
	"github.com/bgcheck/bgcheck/internal/webhook"
)

// JobWebhookDeliver makes one delivery attempt (WebhookHandler).
const JobWebhookDeliver = store.JobWebhookDeliver

// SecretGrace is how long a rotated-out secret keeps signing deliveries.
const SecretGrace = 24 * time.Hour

// WebhookOptions configure outgoing webhooks (Deps.Webhooks).
type WebhookOptions struct {
	// Allow lists address ranges endpoints may be in although they are
	// private or loopback (BGCHECK_WEBHOOK_ALLOW_CIDRS).
	Allow []netip.Prefix
	// Client sends deliveries; nil means webhook.Client(Allow, 10 s).
	// Tests pass one that trusts their TLS server's certificate.
	Client *http.Client
	// Backoff is the retry schedule; zero means webhook.DefaultBackoff.
	Backoff webhook.Backoff
}

// Limits on the pages the service returns.
const (
	defaultDeliveryPage = 50
	maxDeliveryPage     = 200
	defaultEventPage    = 100
	maxEventPage        = 1000
)

// WebhookService implements domain.WebhookService.
type WebhookService struct{ *App }

// Webhooks returns the webhook service.
func (a *App) Webhooks() *WebhookService { return &WebhookService{a} }

var _ domain.WebhookService = (*WebhookService)(nil)

// webhookScope binds an endpoint's secrets to it. The organisation's one
// integrations key encrypts them; they belong to no person.
func webhookScope(orgID, endpointID, field string) crypto.Scope {
	return crypto.Scope{OrgID: orgID, OwnerID: "integrations", Record: "webhook:" + endpointID, Field: field}
}

// check normalises and validates an endpoint's input: the form, the known
// event types (ping is not subscribed to, it is sent on request) and the
// address rules with the operator's allowlist.
func (s *WebhookService) check(in *domain.WebhookEndpointInput) error {
	in.Normalize()
	if err := in.Validate(); err != nil {
		return err
	}
	for _, t := range in.Types {
		if typ := webhook.Type(t); !typ.Valid() || typ == webhook.Ping {
			return &domain.Error{Code: domain.EInvalid, Message: "error.invalid", Fields: map[string]string{"types": "webhook.error_types"}}
		}
	}
	if err := webhook.ValidateURL(in.URL, false, s.Deps.Webhooks.Allow...); err != nil {
		return &domain.Error{Code: domain.EInvalid, Message: "error.invalid", Fields: map[string]string{"url": "webhook.error_target"}, Err: err}
	}
	return nil
}

// auditDetails names an endpoint in the audit log by host only: a URL's
// path or query may carry the receiver's own access token.
func auditDetails(ep *domain.WebhookEndpoint) map[string]string {
	host := ""
	if u, err := url.Parse(ep.URL); err == nil {
		host = u.Host
	}
	return map[string]string{"host": host, "types": strings.Join(ep.Types, " "), "enabled": strconv.FormatBool(ep.Enabled)}
}

// Create implements domain.WebhookService.
func (s *WebhookService) Create(ctx context.Context, in domain.WebhookEndpointInput) (*domain.WebhookEndpoint, string, error) {
	ac, err := require(ctx, domain.PermIntegrationsManage)
	if err != nil {
		return nil, "", err
	}
	if err := s.check(&in); err != nil {
		return nil, "", err
	}
	secret, err := webhook.NewSecret()
	if err != nil {
		return nil, "", err
	}
	row := &store.WebhookEndpointRow{WebhookEndpoint: domain.WebhookEndpoint{
		ID: store.NewID(), OrgID: ac.OrgID, URL: in.URL, Description: in.Description, Types: in.Types, Enabled: true, CreatedBy: ac.ID,
	}}
	if row.SecretEnc, err = s.Envelope.Encrypt(ctx, webhookScope(ac.OrgID, row.ID, "secret"), []byte(secret)); err != nil {
		return nil, "", err
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.CreateWebhookEndpoint(row); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "webhook.created", TargetType: "webhook", TargetID: row.ID, Details: auditDetails(&row.WebhookEndpoint)})
	})
	if err != nil {
		return nil, "", err
	}
	return &row.WebhookEndpoint, secret, nil
}

// List implements domain.WebhookService.
func (s *WebhookService) List(ctx context.Context) ([]*domain.WebhookEndpoint, error) {
	ac, err := require(ctx, domain.PermIntegrationsRead)
	if err != nil {
		return nil, err
	}
	var rows []*store.WebhookEndpointRow
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { rows, err = tx.WebhookEndpoints(ac.OrgID); return err }); err != nil {
		return nil, err
	}
	out := make([]*domain.WebhookEndpoint, len(rows))
	for i, r := range rows {
		out[i] = &r.WebhookEndpoint
	}
	return out, nil
}

// Get implements domain.WebhookService.
func (s *WebhookService) Get(ctx context.Context, id string) (*domain.WebhookEndpoint, error) {
	ac, err := require(ctx, domain.PermIntegrationsRead)
	if err != nil {
		return nil, err
	}
	var r *store.WebhookEndpointRow
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { r, err = tx.WebhookEndpoint(ac.OrgID, id); return err }); err != nil {
		return nil, err
	}
	return &r.WebhookEndpoint, nil
}

// Update implements domain.WebhookService.
func (s *WebhookService) Update(ctx context.Context, id string, in domain.WebhookEndpointInput) (*domain.WebhookEndpoint, error) {
	ac, err := require(ctx, domain.PermIntegrationsManage)
	if err != nil {
		return nil, err
	}
	if err := s.check(&in); err != nil {
		return nil, err
	}
	var r *store.WebhookEndpointRow
	err = s.DB.Write(ctx, func(tx *store.Tx) (err error) {
		if r, err = tx.WebhookEndpoint(ac.OrgID, id); err != nil {
			return err
		}
		r.URL, r.Description, r.Types, r.Enabled = in.URL, in.Description, in.Types, in.Enabled
		if err := tx.UpdateWebhookEndpoint(r); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "webhook.updated", TargetType: "webhook", TargetID: id, Details: auditDetails(&r.WebhookEndpoint)})
	})
	if err != nil {
		return nil, err
	}
	return &r.WebhookEndpoint, nil
}

// RotateSecret implements domain.WebhookService. The old secret keeps
// signing beside the new one for SecretGrace; rotating again within that
// time drops the oldest.
func (s *WebhookService) RotateSecret(ctx context.Context, id string) (string, error) {
	ac, err := require(ctx, domain.PermIntegrationsManage)
	if err != nil {
		return "", err
	}
	var r *store.WebhookEndpointRow
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { r, err = tx.WebhookEndpoint(ac.OrgID, id); return err }); err != nil {
		return "", err
	}
	old, err := s.Envelope.Decrypt(ctx, webhookScope(ac.OrgID, id, "secret"), r.SecretEnc)
	if err != nil {
		return "", err
	}
	prevEnc, err := s.Envelope.Encrypt(ctx, webhookScope(ac.OrgID, id, "previous_secret"), old)
	if err != nil {
		return "", err
	}
	secret, err := webhook.NewSecret()
	if err != nil {
		return "", err
	}
	secretEnc, err := s.Envelope.Encrypt(ctx, webhookScope(ac.OrgID, id, "secret"), []byte(secret))
	if err != nil {
		return "", err
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		until := tx.Now.Add(SecretGrace)
		if err := tx.SetWebhookSecret(ac.OrgID, id, secretEnc, prevEnc, until); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "webhook.secret_rotated", TargetType: "webhook", TargetID: id,
			Details: map[string]string{"previous_valid_until": until.Format(time.RFC3339)}})
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// Delete implements domain.WebhookService.
func (s *WebhookService) Delete(ctx context.Context, id string) error {
	ac, err := require(ctx, domain.PermIntegrationsManage)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		r, err := tx.WebhookEndpoint(ac.OrgID, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteWebhookEndpoint(ac.OrgID, id); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "webhook.deleted", TargetType: "webhook", TargetID: id, Details: auditDetails(&r.WebhookEndpoint)})
	})
}

// Ping implements domain.WebhookService. The ping is an event of its own
// (kept out of the event log's listing) delivered to this endpoint only.
func (s *WebhookService) Ping(ctx context.Context, id string) (*domain.WebhookDelivery, error) {
	ac, err := require(ctx, domain.PermIntegrationsManage)
	if err != nil {
		return nil, err
	}
	var d *domain.WebhookDelivery
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.WebhookEndpoint(ac.OrgID, id); err != nil {
			return err
		}
		ev, err := s.RecordEvent(tx, ac.OrgID, webhook.Ping, webhook.Data{})
		if err != nil {
			return err
		}
		if d, err = tx.CreateDelivery(ac.OrgID, id, ev, true); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "webhook.pinged", TargetType: "webhook", TargetID: id, Details: map[string]string{"delivery": d.ID}})
	})
	return d, err
}

// Deliveries implements domain.WebhookService.
func (s *WebhookService) Deliveries(ctx context.Context, endpointID, cursor string, limit int) (*domain.DeliveryPage, error) {
	ac, err := require(ctx, domain.PermIntegrationsRead)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = defaultDeliveryPage
	}
	limit = min(limit, maxDeliveryPage)
	page := &domain.DeliveryPage{}
	err = s.DB.Read(ctx, func(tx *store.Tx) error {
		if _, err := tx.WebhookEndpoint(ac.OrgID, endpointID); err != nil {
			return err
		}
		ds, err := tx.WebhookDeliveries(ac.OrgID, endpointID, cursor, limit+1)
		if err != nil {
			return err
		}
		if len(ds) > limit {
			ds = ds[:limit]
			page.Next = ds[limit-1].ID
		}
		page.Deliveries = ds
		return nil
	})
	return page, err
}

// Delivery implements domain.WebhookService.
func (s *WebhookService) Delivery(ctx context.Context, endpointID, id string) (*domain.WebhookDelivery, error) {
	ac, err := require(ctx, domain.PermIntegrationsRead)
	if err != nil {
		return nil, err
	}
	var d *domain.WebhookDelivery
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) { d, err = tx.WebhookDelivery(ac.OrgID, id); return err })
	if err == nil && d.EndpointID != endpointID {
		err = domain.Errorf(domain.ENotFound, "webhook delivery not found")
	}
	return d, err
}

// Redeliver implements domain.WebhookService: a new delivery of the same
// event (same event id, so a receiver that got it already can skip it),
// with its own retries.
func (s *WebhookService) Redeliver(ctx context.Context, endpointID, id string) (*domain.WebhookDelivery, error) {
	ac, err := require(ctx, domain.PermIntegrationsManage)
	if err != nil {
		return nil, err
	}
	var nd *domain.WebhookDelivery
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		d, err := tx.WebhookDelivery(ac.OrgID, id)
		if err != nil {
			return err
		}
		if d.EndpointID != endpointID {
			return domain.Errorf(domain.ENotFound, "webhook delivery not found")
		}
		ev, err := tx.Event(ac.OrgID, d.EventID)
		if err != nil {
			return err
		}
		if nd, err = tx.CreateDelivery(ac.OrgID, endpointID, ev, true); err != nil {
			return err
		}
		s.wake(tx)
		return s.record(ctx, tx, event{Action: "webhook.redelivered", TargetType: "webhook", TargetID: endpointID,
			Details: map[string]string{"delivery": id, "new_delivery": nd.ID, "event": ev.ID}})
	})
	return nd, err
}

// Events implements domain.WebhookService. The cursor is the decimal
// sequence number of the last event seen.
func (s *WebhookService) Events(ctx context.Context, after string, limit int) (*domain.EventPage, error) {
	ac, err := require(ctx, domain.PermIntegrationsRead)
	if err != nil {
		return nil, err
	}
	var seq int64
	if after != "" {
		if seq, err = strconv.ParseInt(after, 10, 64); err != nil || seq < 0 {
			return nil, &domain.Error{Code: domain.EInvalid, Message: "error.invalid", Fields: map[string]string{"after": "webhook.error_cursor"}}
		}
	}
	if limit <= 0 {
		limit = defaultEventPage
	}
	limit = min(limit, maxEventPage)
	page := &domain.EventPage{Next: strconv.FormatInt(seq, 10)}
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) {
		page.Events, err = tx.Events(ac.OrgID, seq, limit, string(webhook.Ping))
		return err
	})
	if n := len(page.Events); n > 0 {
		page.Next = strconv.FormatInt(page.Events[n-1].Seq, 10)
	}
	return page, err
}

// RecordEvent appends an event of typ to orgID's event log inside tx and
// queues its deliveries; the payload rules of package webhook are checked
// first. Case events are recorded by the store with the case timeline;
// this is for the rest (employee.recheck_due, ping).
func (a *App) RecordEvent(tx *store.Tx, orgID string, typ webhook.Type, data webhook.Data) (*domain.Event, error) {
	ev := &domain.Event{ID: store.NewID(), OrgID: orgID, Type: string(typ), Data: domain.EventData(data)}
	if err := asWebhook(ev, tx.Now).Validate(); err != nil {
		return nil, &domain.Error{Code: domain.EInternal, Message: "error.internal", Err: err}
	}
	if err := tx.AppendEvent(ev); err != nil {
		return nil, err
	}
	a.wake(tx)
	return ev, nil
}

// asWebhook converts an event to the envelope package webhook sends;
// created stands in for a creation time not yet set.
func asWebhook(ev *domain.Event, created time.Time) webhook.Event {
	if !ev.CreatedAt.IsZero() {
		created = ev.CreatedAt
	}
	return webhook.Event{ID: ev.ID, Type: webhook.Type(ev.Type), CreatedAt: created, OrganisationID: ev.OrgID, Data: webhook.Data(ev.Data)}
}
