package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// APIKeyService implements domain.APIKeyService.
type APIKeyService struct{ *App }

// APIKeys returns the API key service.
func (a *App) APIKeys() *APIKeyService { return &APIKeyService{a} }

var (
	_ domain.APIKeyService      = (*APIKeyService)(nil)
	_ domain.IdempotencyService = (*IdempotencyService)(nil)
)

// Timings of API keys and idempotency records.
const (
	// APIKeyTouchInterval bounds how often a key's last-used time is
	// written: once a minute is precise enough to show and keeps the
	// write off most requests.
	APIKeyTouchInterval = time.Minute
	// IdempotencyTTL is how long a POST response is kept for replay.
	IdempotencyTTL = 24 * time.Hour
	// idempotencyStale is when a reservation whose request never finished
	// (the process died) stops blocking retries.
	idempotencyStale = 5 * time.Minute
)

// newAPISecret returns a key's secret part: 32 random bytes in hex, which
// survives copying from a terminal or a web page intact.
func newAPISecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}

func hashAPISecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// List implements domain.APIKeyService.
func (s *APIKeyService) List(ctx context.Context) ([]*domain.APIKey, error) {
	ac, err := require(ctx, domain.PermIntegrationsRead)
	if err != nil {
		return nil, err
	}
	return s.list(ctx, ac.OrgID)
}

func (s *APIKeyService) list(ctx context.Context, orgID string) ([]*domain.APIKey, error) {
	var out []*domain.APIKey
	err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { out, err = tx.APIKeys(orgID); return err })
	return out, err
}

// Create implements domain.APIKeyService. A user may only grant scopes
// whose permissions their own role holds.
func (s *APIKeyService) Create(ctx context.Context, n domain.NewAPIKey) (*domain.APIKey, string, error) {
	ac, err := require(ctx, domain.PermIntegrationsManage)
	if err != nil {
		return nil, "", err
	}
	if ac.Type != domain.ActorUser {
		// A key cannot make keys: that would outlive its revocation.
		return nil, "", domain.Errorf(domain.EForbidden, "error.forbidden")
	}
	n.Normalize()
	if err := n.Validate(); err != nil {
		return nil, "", err
	}
	for _, sc := range n.Scopes {
		if !ac.Role.CanGrant(sc) {
			return nil, "", domain.Invalid(map[string]string{"scopes": "apikey.error.scope_not_allowed"})
		}
	}
	return s.create(ctx, ac.OrgID, n)
}

func (s *APIKeyService) create(ctx context.Context, orgID string, n domain.NewAPIKey) (*domain.APIKey, string, error) {
	ac := domain.ActorFrom(ctx)
	k := &domain.APIKey{ID: store.NewID(), OrgID: orgID, Name: n.Name, Scopes: n.Scopes, CreatedBy: ac.Label}
	secret := newAPISecret()
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.CreateAPIKey(k, hashAPISecret(secret)); err != nil {
			return err
		}
		return s.record(ctx, tx, event{OrgID: orgID, Action: "api_key.created", TargetType: "api_key", TargetID: k.ID,
			Details: map[string]string{"name": k.Name, "scopes": scopeList(k.Scopes)}})
	})
	if err != nil {
		return nil, "", err
	}
	return k, domain.APIKeyPrefix + k.ID + "_" + secret, nil
}

func scopeList(scopes []domain.APIScope) string {
	out := make([]string, len(scopes))
	for i, sc := range scopes {
		out[i] = string(sc)
	}
	return strings.Join(out, ",")
}

// Revoke implements domain.APIKeyService.
func (s *APIKeyService) Revoke(ctx context.Context, id string) error {
	ac, err := require(ctx, domain.PermIntegrationsManage)
	if err != nil {
		return err
	}
	if ac.Type != domain.ActorUser {
		return domain.Errorf(domain.EForbidden, "error.forbidden")
	}
	return s.revoke(ctx, ac.OrgID, id)
}

func (s *APIKeyService) revoke(ctx context.Context, orgID, id string) error {
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		k, err := tx.APIKey(orgID, id)
		if err != nil {
			return err
		}
		if err := tx.RevokeAPIKey(orgID, id); err != nil {
			return err
		}
		return s.record(ctx, tx, event{OrgID: orgID, Action: "api_key.revoked", TargetType: "api_key", TargetID: id,
			Details: map[string]string{"name": k.Name}})
	})
}

// Authenticate implements domain.APIKeyService. Every failure gives the
// same error, so a caller learns nothing about which part was wrong.
func (s *APIKeyService) Authenticate(ctx context.Context, presented string) (*domain.APIKey, error) {
	fail := domain.Errorf(domain.EUnauthorized, "apikey.error.invalid")
	rest, ok := strings.CutPrefix(presented, domain.APIKeyPrefix)
	id, secret, ok2 := strings.Cut(rest, "_")
	if !ok || !ok2 || id == "" || len(secret) != 64 || len(id) > 64 {
		return nil, fail
	}
	var k *domain.APIKey
	var hash []byte
	err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { k, hash, err = tx.APIKeyForAuth(id); return err })
	if domain.IsNotFound(err) {
		return nil, fail
	}
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare(hashAPISecret(secret), hash) != 1 || !k.Active() {
		return nil, fail
	}
	if s.DB.Now().Sub(k.LastUsedAt) >= APIKeyTouchInterval {
		if err := s.DB.Write(ctx, func(tx *store.Tx) error { return tx.TouchAPIKey(k.ID, APIKeyTouchInterval) }); err != nil {
			return nil, err
		}
	}
	return k, nil
}

// CreateAPIKey creates a key in an organisation from the command line. The
// operator may grant any scope.
func (o *Operator) CreateAPIKey(ctx context.Context, orgID string, n domain.NewAPIKey) (*domain.APIKey, string, error) {
	n.Normalize()
	if err := n.Validate(); err != nil {
		return nil, "", err
	}
	return o.App.APIKeys().create(operatorCtx(ctx, orgID), orgID, n)
}

// APIKeys lists an organisation's keys.
func (o *Operator) APIKeys(ctx context.Context, orgID string) ([]*domain.APIKey, error) {
	return o.App.APIKeys().list(ctx, orgID)
}

// RevokeAPIKey revokes one of an organisation's keys.
func (o *Operator) RevokeAPIKey(ctx context.Context, orgID, id string) error {
	return o.App.APIKeys().revoke(operatorCtx(ctx, orgID), orgID, id)
}

// IdempotencyService implements domain.IdempotencyService for the acting
// API key.
type IdempotencyService struct{ *App }

// Idempotency returns the idempotency service.
func (a *App) Idempotency() *IdempotencyService { return &IdempotencyService{a} }

func apiKeyActor(ctx context.Context) (domain.Actor, error) {
	ac := domain.ActorFrom(ctx)
	if ac.Type != domain.ActorAPIKey || ac.OrgID == "" || ac.ID == "" {
		return ac, domain.Errorf(domain.EUnauthorized, "apikey.error.invalid")
	}
	return ac, nil
}

// Begin implements domain.IdempotencyService.
func (s *IdempotencyService) Begin(ctx context.Context, rec domain.IdempotencyRecord) (*domain.IdempotencyRecord, bool, error) {
	ac, err := apiKeyActor(ctx)
	if err != nil {
		return nil, false, err
	}
	rec.OrgID, rec.KeyID = ac.OrgID, ac.ID
	var prev *domain.IdempotencyRecord
	var reserved bool
	err = s.DB.Write(ctx, func(tx *store.Tx) (err error) {
		prev, reserved, err = tx.BeginIdempotent(&rec, IdempotencyTTL, idempotencyStale)
		return err
	})
	return prev, reserved, err
}

// Complete implements domain.IdempotencyService.
func (s *IdempotencyService) Complete(ctx context.Context, rec domain.IdempotencyRecord) error {
	ac, err := apiKeyActor(ctx)
	if err != nil {
		return err
	}
	rec.OrgID, rec.KeyID = ac.OrgID, ac.ID
	return s.DB.Write(ctx, func(tx *store.Tx) error { return tx.CompleteIdempotent(&rec) })
}

// Release implements domain.IdempotencyService.
func (s *IdempotencyService) Release(ctx context.Context, key string) error {
	ac, err := apiKeyActor(ctx)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error { return tx.ReleaseIdempotent(ac.OrgID, ac.ID, key) })
}
