package devprovider

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// requestTTL bounds how long a login may take and a code may wait for
// its exchange; older requests are forgotten.
const requestTTL = 10 * time.Minute

// storage keeps everything in memory: the provider is a development and
// test tool and must not need anything outside the process.
type storage struct {
	mu       sync.Mutex
	clients  map[string]Client
	requests map[string]*authRequest
	codes    map[string]string // code → request id
	tokens   map[string]*accessToken
	key      *signingKey
}

var (
	_ op.Storage                   = (*storage)(nil)
	_ op.CanSetUserinfoFromRequest = (*storage)(nil)
)

var errNotFound = errors.New("not found")

func newStorage(clients []Client, key *signingKey) *storage {
	s := &storage{
		clients:  map[string]Client{},
		requests: map[string]*authRequest{},
		codes:    map[string]string{},
		tokens:   map[string]*accessToken{},
		key:      key,
	}
	for _, c := range clients {
		s.clients[c.ID] = c
	}
	return s
}

// CreateAuthRequest refuses requests without an S256 PKCE challenge, as
// the brokers' production environments do for new integrations.
func (s *storage) CreateAuthRequest(_ context.Context, r *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	if r.CodeChallenge == "" || r.CodeChallengeMethod != oidc.CodeChallengeMethodS256 {
		return nil, oidc.ErrInvalidRequest().WithDescription("PKCE with code_challenge_method S256 is required")
	}
	if slices.Contains(r.Prompt, oidc.PromptNone) {
		return nil, oidc.ErrLoginRequired()
	}
	a := &authRequest{
		id: rand.Text(), created: time.Now(), clientID: r.ClientID, redirectURI: r.RedirectURI,
		state: r.State, nonce: r.Nonce, scopes: slices.Clone(r.Scopes),
		responseType: r.ResponseType, responseMode: r.ResponseMode,
		challenge: &oidc.CodeChallenge{Challenge: r.CodeChallenge, Method: r.CodeChallengeMethod},
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireLocked()
	s.requests[a.id] = a
	return a.clone(), nil
}

// expireLocked forgets requests older than requestTTL, with their codes.
func (s *storage) expireLocked() {
	cutoff := time.Now().Add(-requestTTL)
	for id, a := range s.requests {
		if a.created.Before(cutoff) {
			delete(s.requests, id)
		}
	}
	maps.DeleteFunc(s.codes, func(_, id string) bool { return s.requests[id] == nil })
	maps.DeleteFunc(s.tokens, func(_ string, t *accessToken) bool { return t.expires.Before(time.Now()) })
}

func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.requestLocked(id)
	if err != nil {
		return nil, err
	}
	return a.clone(), nil
}

func (s *storage) requestLocked(id string) (*authRequest, error) {
	a, ok := s.requests[id]
	if !ok || time.Since(a.created) > requestTTL {
		return nil, fmt.Errorf("auth request: %w", errNotFound)
	}
	return a, nil
}

func (s *storage) AuthRequestByCode(ctx context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	id, ok := s.codes[code]
	s.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("code: %w", errNotFound)
	}
	return s.AuthRequestByID(ctx, id)
}

func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.codes[code] = id
	return nil
}

// DeleteAuthRequest runs once the code has been exchanged, which makes
// every code single-use.
func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.requests, id)
	maps.DeleteFunc(s.codes, func(_, rid string) bool { return rid == id })
	return nil
}

// complete records the identity the user picked on the login page.
func (s *storage) complete(id, identityKey string) error {
	person, ok := identityByKey(identityKey)
	if !ok {
		return fmt.Errorf("identity %q: %w", identityKey, errNotFound)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.requestLocked(id)
	if err != nil {
		return err
	}
	if a.done {
		return errors.New("auth request already completed")
	}
	shape := s.clients[a.clientID].Shape
	a.identity, a.subject, a.acr = person.Key, subjectFor(shape, person), acrFor(shape, person)
	a.authTime, a.done = time.Now(), true
	return nil
}

func (s *storage) GetClientByClientID(_ context.Context, id string) (op.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clients[id]
	if !ok {
		return nil, fmt.Errorf("client %q: %w", id, errNotFound)
	}
	return opClient{c}, nil
}

func (s *storage) AuthorizeClientIDSecret(_ context.Context, id, secret string) error {
	s.mu.Lock()
	c, ok := s.clients[id]
	s.mu.Unlock()
	if !ok || subtle.ConstantTimeCompare([]byte(c.Secret), []byte(secret)) != 1 {
		return errors.New("invalid client id or secret")
	}
	return nil
}

func (s *storage) Health(context.Context) error { return nil }

// shapeOf is the claim shape of a registered client.
func (s *storage) shapeOf(clientID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clients[clientID].Shape
}
