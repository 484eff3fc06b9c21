package devprovider

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"slices"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// accessTokenTTL is how long the userinfo endpoint honours a token.
const accessTokenTTL = 5 * time.Minute

// signingKey is the RS256 key generated at start; it serves as both
// op.SigningKey and, for the JWKS, op.Key.
type signingKey struct {
	id  string
	key *rsa.PrivateKey
}

func newSigningKey() (*signingKey, error) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("generate signing key: %w", err)
	}
	return &signingKey{id: rand.Text(), key: k}, nil
}

func (k *signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k *signingKey) Key() any                                    { return k.key }
func (k *signingKey) ID() string                                  { return k.id }

type publicKey struct{ *signingKey }

func (k publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k publicKey) Use() string                        { return "sig" }
func (k publicKey) Key() any                           { return &k.key.PublicKey }

func (s *storage) SigningKey(context.Context) (op.SigningKey, error) { return s.key, nil }

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

func (s *storage) KeySet(context.Context) ([]op.Key, error) {
	return []op.Key{publicKey{s.key}}, nil
}

// CreateAccessToken issues the bearer token of a code exchange.
func (s *storage) CreateAccessToken(_ context.Context, r op.TokenRequest) (string, time.Time, error) {
	a, ok := r.(*authRequest)
	if !ok {
		return "", time.Time{}, errors.New("only the authorization code flow is supported")
	}
	t := &accessToken{id: rand.Text(), clientID: a.clientID, subject: a.subject, identity: a.identity,
		scopes: slices.Clone(a.scopes), expires: time.Now().Add(accessTokenTTL)}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[t.id] = t
	return t.id, t.expires, nil
}

// SetUserinfoFromRequest fills the ID token with the person's claims in
// the client's shape.
func (s *storage) SetUserinfoFromRequest(_ context.Context, ui *oidc.UserInfo, r op.IDTokenRequest, scopes []string) error {
	a, ok := r.(*authRequest)
	if !ok {
		return errors.New("only the authorization code flow is supported")
	}
	// The op package copies the whole userinfo, sub included, into the
	// ID token.
	ui.Subject = a.subject
	return s.fillUserinfo(ui, a.clientID, a.identity, scopes)
}

// SetUserinfoFromToken serves the userinfo endpoint.
func (s *storage) SetUserinfoFromToken(_ context.Context, ui *oidc.UserInfo, tokenID, _, _ string) error {
	s.mu.Lock()
	t, ok := s.tokens[tokenID]
	s.mu.Unlock()
	if !ok || time.Now().After(t.expires) {
		return fmt.Errorf("access token: %w", errNotFound)
	}
	ui.Subject = t.subject
	return s.fillUserinfo(ui, t.clientID, t.identity, t.scopes)
}

func (s *storage) fillUserinfo(ui *oidc.UserInfo, clientID, identityKey string, scopes []string) error {
	person, ok := identityByKey(identityKey)
	if !ok {
		return fmt.Errorf("identity %q: %w", identityKey, errNotFound)
	}
	for k, v := range claimsFor(s.shapeOf(clientID), person, scopes) {
		ui.AppendClaims(k, v)
	}
	return nil
}

// SetUserinfoFromScopes is superseded by SetUserinfoFromRequest.
func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil
}

// The remaining methods belong to grants and endpoints a MitID broker's
// login does not use; they refuse or report nothing.

func (s *storage) CreateAccessAndRefreshTokens(context.Context, op.TokenRequest, string) (string, string, time.Time, error) {
	return "", "", time.Time{}, errors.New("refresh tokens are not supported")
}

func (s *storage) TokenRequestByRefreshToken(context.Context, string) (op.RefreshTokenRequest, error) {
	return nil, op.ErrInvalidRefreshToken
}

func (s *storage) GetRefreshTokenInfo(context.Context, string, string) (string, string, error) {
	return "", "", op.ErrInvalidRefreshToken
}

func (s *storage) TerminateSession(_ context.Context, subject, clientID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, t := range s.tokens {
		if t.subject == subject && t.clientID == clientID {
			delete(s.tokens, id)
		}
	}
	return nil
}

func (s *storage) RevokeToken(_ context.Context, tokenID, _, clientID string) *oidc.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.tokens[tokenID]; ok && t.clientID == clientID {
		delete(s.tokens, tokenID)
	}
	return nil
}

func (s *storage) SetIntrospectionFromToken(context.Context, *oidc.IntrospectionResponse, string, string, string) error {
	return errors.New("introspection is not supported")
}

// GetPrivateClaimsFromScopes adds nothing: access tokens are opaque.
func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return map[string]any{}, nil
}

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errors.New("private_key_jwt is not supported")
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, errors.New("the JWT profile grant is not supported")
}
