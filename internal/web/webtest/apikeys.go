package webtest

import (
	"context"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// The fake API key.
const (
	APIKeyID     = "apikey-1"
	APIKeySecret = "bgk_apikey-new_" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
)

// APIKeys returns a fake domain.APIKeyService: one key, APIKeyID, last
// used on 2 March 2026. It changes nothing; Create returns APIKeySecret.
func (f *Fakes) APIKeys() domain.APIKeyService { return apiKeysFake{f} }

type apiKeysFake struct{ *Fakes }

func fakeAPIKey() *domain.APIKey {
	return &domain.APIKey{ID: APIKeyID, OrgID: OrgID, Name: "HR system", Scopes: []domain.APIScope{domain.ScopeCasesRead},
		CreatedBy: "owner@example.com", CreatedAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), LastUsedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
}

func (k apiKeysFake) List(ctx context.Context) ([]*domain.APIKey, error) {
	if err := k.call("APIKeys.List"); err != nil {
		return nil, err
	}
	if err := k.require(ctx, domain.PermIntegrationsRead); err != nil {
		return nil, err
	}
	return []*domain.APIKey{fakeAPIKey()}, nil
}

func (k apiKeysFake) Create(ctx context.Context, n domain.NewAPIKey) (*domain.APIKey, string, error) {
	if err := k.call("APIKeys.Create"); err != nil {
		return nil, "", err
	}
	if err := k.require(ctx, domain.PermIntegrationsManage); err != nil {
		return nil, "", err
	}
	n.Normalize()
	if err := n.Validate(); err != nil {
		return nil, "", err
	}
	return &domain.APIKey{ID: "apikey-new", OrgID: OrgID, Name: n.Name, Scopes: n.Scopes}, APIKeySecret, nil
}

func (k apiKeysFake) Revoke(ctx context.Context, id string) error {
	if err := k.call("APIKeys.Revoke"); err != nil {
		return err
	}
	if err := k.require(ctx, domain.PermIntegrationsManage); err != nil {
		return err
	}
	if id != APIKeyID {
		return notFound()
	}
	return nil
}

func (k apiKeysFake) Authenticate(_ context.Context, secret string) (*domain.APIKey, error) {
	if err := k.call("APIKeys.Authenticate"); err != nil {
		return nil, err
	}
	if secret != APIKeySecret || !strings.HasPrefix(secret, domain.APIKeyPrefix) {
		return nil, domain.Errorf(domain.EUnauthorized, "apikey.error.invalid")
	}
	return fakeAPIKey(), nil
}
