package webtest

import (
	"context"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// The fake webhook endpoint and its one delivery.
const (
	WebhookID     = "webhook-1"
	DeliveryID    = "delivery-1"
	WebhookSecret = "whsec_fake-secret-shown-once"
)

// Webhooks returns a fake domain.WebhookService: one endpoint,
// WebhookID, with one failed delivery, DeliveryID. It changes nothing;
// Create and RotateSecret return WebhookSecret.
func (f *Fakes) Webhooks() domain.WebhookService { return webhooksFake{f} }

type webhooksFake struct{ *Fakes }

func fakeEndpoint() *domain.WebhookEndpoint {
	return &domain.WebhookEndpoint{ID: WebhookID, OrgID: OrgID, URL: "https://hr.example.com/hooks/bgcheck", Description: "HR",
		Types: []string{"case.created"}, Enabled: true, CreatedAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
}

func fakeDelivery() *domain.WebhookDelivery {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	return &domain.WebhookDelivery{ID: DeliveryID, OrgID: OrgID, EndpointID: WebhookID, EventID: "event-1", EventType: "case.created",
		Status: domain.DeliveryFailed, Attempts: 1, FirstAttemptAt: at, LastStatusCode: 410, LastDuration: 80 * time.Millisecond,
		Snippet: "gone", CreatedAt: at, UpdatedAt: at}
}

// endpoint checks perm and that id is the fake endpoint.
func (w webhooksFake) endpoint(ctx context.Context, name string, perm domain.Permission, id string) error {
	if err := w.call(name); err != nil {
		return err
	}
	if err := w.require(ctx, perm); err != nil {
		return err
	}
	if id != WebhookID {
		return notFound()
	}
	return nil
}

func (w webhooksFake) Create(ctx context.Context, in domain.WebhookEndpointInput) (*domain.WebhookEndpoint, string, error) {
	if err := w.call("Webhooks.Create"); err != nil {
		return nil, "", err
	}
	if err := w.require(ctx, domain.PermIntegrationsManage); err != nil {
		return nil, "", err
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return nil, "", err
	}
	ep := fakeEndpoint()
	ep.URL, ep.Description, ep.Types = in.URL, in.Description, in.Types
	return ep, WebhookSecret, nil
}

func (w webhooksFake) List(ctx context.Context) ([]*domain.WebhookEndpoint, error) {
	if err := w.call("Webhooks.List"); err != nil {
		return nil, err
	}
	if err := w.require(ctx, domain.PermIntegrationsRead); err != nil {
		return nil, err
	}
	return []*domain.WebhookEndpoint{fakeEndpoint()}, nil
}

func (w webhooksFake) Get(ctx context.Context, id string) (*domain.WebhookEndpoint, error) {
	if err := w.endpoint(ctx, "Webhooks.Get", domain.PermIntegrationsRead, id); err != nil {
		return nil, err
	}
	return fakeEndpoint(), nil
}

func (w webhooksFake) Update(ctx context.Context, id string, in domain.WebhookEndpointInput) (*domain.WebhookEndpoint, error) {
	if err := w.endpoint(ctx, "Webhooks.Update", domain.PermIntegrationsManage, id); err != nil {
		return nil, err
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	return fakeEndpoint(), nil
}

func (w webhooksFake) RotateSecret(ctx context.Context, id string) (string, error) {
	if err := w.endpoint(ctx, "Webhooks.RotateSecret", domain.PermIntegrationsManage, id); err != nil {
		return "", err
	}
	return WebhookSecret, nil
}

func (w webhooksFake) Delete(ctx context.Context, id string) error {
	return w.endpoint(ctx, "Webhooks.Delete", domain.PermIntegrationsManage, id)
}

func (w webhooksFake) Ping(ctx context.Context, id string) (*domain.WebhookDelivery, error) {
	if err := w.endpoint(ctx, "Webhooks.Ping", domain.PermIntegrationsManage, id); err != nil {
		return nil, err
	}
	return fakeDelivery(), nil
}

func (w webhooksFake) Deliveries(ctx context.Context, endpointID, _ string, _ int) (*domain.DeliveryPage, error) {
	if err := w.endpoint(ctx, "Webhooks.Deliveries", domain.PermIntegrationsRead, endpointID); err != nil {
		return nil, err
	}
	return &domain.DeliveryPage{Deliveries: []*domain.WebhookDelivery{fakeDelivery()}}, nil
}

func (w webhooksFake) Delivery(ctx context.Context, endpointID, id string) (*domain.WebhookDelivery, error) {
	if err := w.endpoint(ctx, "Webhooks.Delivery", domain.PermIntegrationsRead, endpointID); err != nil {
		return nil, err
	}
	if id != DeliveryID {
		return nil, notFound()
	}
	return fakeDelivery(), nil
}

func (w webhooksFake) Redeliver(ctx context.Context, endpointID, id string) (*domain.WebhookDelivery, error) {
	if err := w.endpoint(ctx, "Webhooks.Redeliver", domain.PermIntegrationsManage, endpointID); err != nil {
		return nil, err
	}
	if id != DeliveryID {
		return nil, notFound()
	}
	return fakeDelivery(), nil
}

func (w webhooksFake) Events(ctx context.Context, _ string, _ int) (*domain.EventPage, error) {
	if err := w.call("Webhooks.Events"); err != nil {
		return nil, err
	}
	if err := w.require(ctx, domain.PermIntegrationsRead); err != nil {
		return nil, err
	}
	return &domain.EventPage{Next: "0"}, nil
}
