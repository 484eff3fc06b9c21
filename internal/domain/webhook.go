package domain

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one entry of an organisation's event log: something that
// happened to a case or an employee, as an HR system learns it by webhook
// and by reading the log. It holds ids, statuses and times only. Its JSON
// form is the webhook envelope of docs/webhooks.md.
type Event struct {
	// Seq orders an organisation's events in commit order; the event
	// log's cursor is built from it.
	Seq       int64     `json:"-"`
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	CreatedAt time.Time `json:"created_at"`
	OrgID     string    `json:"organisation_id"`
	Data      EventData `json:"data"`
}

// EventData is an event's subject. Its fields match webhook.Data one for
// one (the app converts between them), so nothing but ids, status words
// and times can be recorded.
type EventData struct {
	CaseID     string    `json:"case_id,omitempty"`
	PackageID  string    `json:"package_id,omitempty"`
	EmployeeID string    `json:"employee_id,omitempty"`
	Status     string    `json:"status,omitempty"`
	Outcome    string    `json:"outcome,omitempty"`
	Category   string    `json:"category,omitempty"`
	DueAt      time.Time `json:"due_at,omitzero"`
}

// EventPage is one page of the event log, oldest first. Next is the
// cursor to ask for the events after this page; it equals the cursor
// asked with when there were none, so a caller can poll with it.
type EventPage struct {
	Events []*Event
	Next   string
}

// WebhookEndpoint is a URL an organisation registered to receive events.
// Its signing secret is never part of it: it is shown once, when created
// or rotated.
type WebhookEndpoint struct {
	ID          string
	OrgID       string
	URL         string
	Description string
	// Types are the subscribed event types (ping is always delivered when
	// asked for).
	Types   []string
	Enabled bool
	// PreviousSecretUntil is set after a rotation: until then deliveries
	// are signed with the previous secret as well as the new one.
	PreviousSecretUntil time.Time
	CreatedAt           time.Time
	CreatedBy           string
	UpdatedAt           time.Time
}

// Subscribed reports whether e receives events of type t.
func (e *WebhookEndpoint) Subscribed(t string) bool { return slices.Contains(e.Types, t) }

// WebhookEndpointInput is what a user types to create or change an
// endpoint.
type WebhookEndpointInput struct {
	URL         string
	Description string
	Types       []string
	// Enabled is ignored by Create: a new endpoint starts enabled.
	Enabled bool
}

// Normalize trims the input and sorts and de-duplicates the types.
func (in *WebhookEndpointInput) Normalize() {
	in.URL = strings.TrimSpace(in.URL)
	in.Description = strings.TrimSpace(in.Description)
	var ts []string
	for _, t := range in.Types {
		if t = strings.TrimSpace(t); t != "" {
			ts = append(ts, t)
		}
	}
	slices.Sort(ts)
	in.Types = slices.Compact(ts)
}

// Validate checks what does not depend on the list of event types or the
// address rules, which the app checks (package webhook owns both).
func (in WebhookEndpointInput) Validate() error {
	f := map[string]string{}
	if u, err := url.Parse(in.URL); in.URL == "" || err != nil || u.Host == "" {
		f["url"] = "webhook.error_url"
	}
	if utf8.RuneCountInString(in.Description) > 200 {
		f["description"] = "error.too_long"
	}
	if len(in.Types) == 0 {
		f["types"] = "webhook.error_types"
	}
	if len(f) > 0 {
		return Invalid(f)
	}
	return nil
}

// Delivery statuses.
const (
	DeliveryPending   = "pending"   // an attempt is due or scheduled
	DeliveryDelivered = "delivered" // a 2xx answer arrived
	DeliveryFailed    = "failed"    // given up: 24 h of failures, 410 Gone, or the endpoint was disabled
)

// WebhookDelivery is the sending of one event to one endpoint, with its
// retries. A manual redelivery is a new delivery of the same event.
type WebhookDelivery struct {
	ID         string
	OrgID      string
	EndpointID string
	EventID    string
	EventType  string
	Status     string
	Attempts   int
	// Manual is set on a redelivery or a ping someone asked for.
	Manual         bool
	FirstAttemptAt time.Time
	NextAttemptAt  time.Time // zero unless pending
	// The outcome of the last attempt: a status code (0 when no answer
	// arrived, then Error says why), the time it took and the start of
	// the answer.
	LastStatusCode int
	LastDuration   time.Duration
	LastError      string
	Snippet        string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// AttemptLog lists every attempt, oldest first; filled by Delivery,
	// not by Deliveries.
	AttemptLog []*WebhookAttempt
}

// WebhookAttempt is one try of a delivery.
type WebhookAttempt struct {
	N          int
	At         time.Time
	StatusCode int
	Duration   time.Duration
	Error      string
	Snippet    string
}

// DeliveryPage is one page of an endpoint's delivery log, newest first;
// Next, when not empty, asks for the following (older) page.
type DeliveryPage struct {
	Deliveries []*WebhookDelivery
	Next       string
}

// WebhookService manages an organisation's webhook endpoints, their
// delivery log and the event log. Reading needs PermIntegrationsRead,
// changing PermIntegrationsManage; every change is audited.
type WebhookService interface {
	// Create registers an endpoint and returns it with its signing
	// secret, which is shown this once.
	Create(ctx context.Context, in WebhookEndpointInput) (*WebhookEndpoint, string, error)
	List(ctx context.Context) ([]*WebhookEndpoint, error)
	Get(ctx context.Context, id string) (*WebhookEndpoint, error)
	// Update changes the URL, description, types and enabled flag.
	Update(ctx context.Context, id string, in WebhookEndpointInput) (*WebhookEndpoint, error)
	// RotateSecret issues a new secret (returned this once) and keeps
	// the old one signing beside it for 24 hours.
	RotateSecret(ctx context.Context, id string) (string, error)
	// Delete removes an endpoint with its delivery log.
	Delete(ctx context.Context, id string) error
	// Ping queues a ping event to the endpoint.
	Ping(ctx context.Context, id string) (*WebhookDelivery, error)
	// Deliveries pages through an endpoint's delivery log, newest first;
	// cursor is "" or a page's Next.
	Deliveries(ctx context.Context, endpointID, cursor string, limit int) (*DeliveryPage, error)
	// Delivery returns one delivery with its attempts.
	Delivery(ctx context.Context, endpointID, id string) (*WebhookDelivery, error)
	// Redeliver queues a new delivery of a delivery's event.
	Redeliver(ctx context.Context, endpointID, id string) (*WebhookDelivery, error)
	// Events returns up to limit events recorded after the cursor ("" is
	// the beginning), oldest first.
	Events(ctx context.Context, after string, limit int) (*EventPage, error)
}
