package domain

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// APIScope names one thing an organisation's API key may do. Scopes are
// what the REST API checks per route; each also grants the domain
// permissions the services behind that route require (see scopePerms).
type APIScope string

// API scopes.
const (
	ScopePackagesRead  APIScope = "packages:read"
	ScopeCasesRead     APIScope = "cases:read"
	ScopeCasesWrite    APIScope = "cases:write"
	ScopeFindingsRead  APIScope = "findings:read"
	ScopeFindingsWrite APIScope = "findings:write"
)

// scopePerms is the one mapping from API scopes to domain permissions.
// The services check permissions, which are coarser than scopes (reading a
// package needs cases.read), so the API checks the exact scope per route
// and the services keep a key from ever reaching anything outside these
// permissions (users, settings, the audit log).
var scopePerms = map[APIScope][]Permission{
	ScopePackagesRead:  {PermCasesRead},
	ScopeCasesRead:     {PermCasesRead},
	ScopeCasesWrite:    {PermCasesRead, PermCasesManage},
	ScopeFindingsRead:  {PermCasesRead},
	ScopeFindingsWrite: {PermCasesRead, PermCasesManage},
}

// APIScopes lists every scope in display order.
var APIScopes = []APIScope{ScopePackagesRead, ScopeCasesRead, ScopeCasesWrite, ScopeFindingsRead, ScopeFindingsWrite}

// Valid reports whether s is a known scope.
func (s APIScope) Valid() bool { _, ok := scopePerms[s]; return ok }

// Permissions returns the domain permissions that scope s grants.
func (s APIScope) Permissions() []Permission { return slices.Clone(scopePerms[s]) }

// ScopePermissions returns the union of the permissions of scopes, in a
// stable order without duplicates.
func ScopePermissions(scopes []APIScope) []Permission {
	var out []Permission
	for _, s := range scopes {
		for _, p := range scopePerms[s] {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	slices.Sort(out)
	return out
}

// CanGrant reports whether a user with role r may create a key with
// scope s: nobody can hand a key more than they may do themselves.
func (r Role) CanGrant(s APIScope) bool {
	if !s.Valid() {
		return false
	}
	for _, p := range scopePerms[s] {
		if !r.Can(p) {
			return false
		}
	}
	return true
}

// ParseScopes reads a comma- or space-separated scope list.
func ParseScopes(s string) []APIScope {
	var out []APIScope
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		out = append(out, APIScope(f))
	}
	return out
}

// APIKeyPrefix starts every API key, so that a leaked key is recognisable
// by secret scanners.
const APIKeyPrefix = "bgk_"

// APIKey is one of an organisation's keys for the REST API. The secret is
// shown once at creation and stored only as a hash.
type APIKey struct {
	ID         string
	OrgID      string
	Name       string
	Scopes     []APIScope
	CreatedBy  string // label of the user or operator who created it
	CreatedAt  time.Time
	LastUsedAt time.Time // zero until first used; updated at most once a minute
	RevokedAt  time.Time // zero while the key works
}

// Actor returns the actor requests made with k act as: the services
// enforce tenancy and permissions and write the audit log with it.
func (k *APIKey) Actor() Actor {
	return Actor{Type: ActorAPIKey, ID: k.ID, OrgID: k.OrgID, Label: "api-key:" + k.Name, Perms: ScopePermissions(k.Scopes)}
}

// HasScope reports whether k was granted scope s.
func (k *APIKey) HasScope(s APIScope) bool { return slices.Contains(k.Scopes, s) }

// Active reports whether the key still authenticates.
func (k *APIKey) Active() bool { return k.RevokedAt.IsZero() }

// NewAPIKey is what a user enters to create a key.
type NewAPIKey struct {
	Name   string
	Scopes []APIScope
}

// Normalize trims the name and orders and de-duplicates the scopes.
func (n *NewAPIKey) Normalize() {
	n.Name = strings.TrimSpace(n.Name)
	var scopes []APIScope
	for _, s := range n.Scopes {
		if s = APIScope(strings.TrimSpace(string(s))); s != "" && !slices.Contains(scopes, s) {
			scopes = append(scopes, s)
		}
	}
	slices.SortFunc(scopes, func(a, b APIScope) int {
		ia, ib := slices.Index(APIScopes, a), slices.Index(APIScopes, b)
		if ia != ib {
			return ia - ib
		}
		return strings.Compare(string(a), string(b))
	})
	n.Scopes = scopes
}

// Validate returns per-field errors, or nil.
func (n NewAPIKey) Validate() error {
	f := map[string]string{}
	switch {
	case n.Name == "":
		f["name"] = "error.required"
	case utf8.RuneCountInString(n.Name) > 100 || strings.ContainsAny(n.Name, "<>\r\n"):
		f["name"] = "error.name"
	}
	if len(n.Scopes) == 0 {
		f["scopes"] = "error.required"
	}
	for _, s := range n.Scopes {
		if !s.Valid() {
			f["scopes"] = "apikey.error.scope"
		}
	}
	if len(f) > 0 {
		return Invalid(f)
	}
	return nil
}

// APIKeyService manages the acting user's organisation's API keys and
// authenticates API requests.
type APIKeyService interface {
	List(ctx context.Context) ([]*APIKey, error)
	// Create makes a key and returns it with its secret, the only time
	// the secret is available. Audited.
	Create(ctx context.Context, n NewAPIKey) (*APIKey, string, error)
	// Revoke stops a key from working at once. Audited.
	Revoke(ctx context.Context, id string) error
	// Authenticate returns the key a presented secret belongs to, or
	// EUnauthorized when it is malformed, unknown or revoked.
	Authenticate(ctx context.Context, secret string) (*APIKey, error)
}

// IdempotencyRecord is one POST made with an Idempotency-Key and, once
// it has finished, its response.
type IdempotencyRecord struct {
	OrgID    string
	KeyID    string // the API key that sent it
	Key      string // the Idempotency-Key header
	Request  string // method and path, e.g. "POST /api/v1/cases"
	BodyHash []byte // SHA-256 of the request body
	// Status is 0 while the first request is still running.
	Status      int
	ContentType string
	Body        []byte
	CreatedAt   time.Time
}

// IdempotencyService remembers POST responses per API key for 24 hours,
// so a retried request returns the first answer instead of acting twice.
type IdempotencyService interface {
	// Begin reserves rec's key for the acting API key. When the key was
	// already used (and has not expired) it returns the earlier record
	// and false; the caller compares it with rec.
	Begin(ctx context.Context, rec IdempotencyRecord) (prev *IdempotencyRecord, reserved bool, err error)
	// Complete stores the response of a reserved request.
	Complete(ctx context.Context, rec IdempotencyRecord) error
	// Release forgets a reservation whose request failed on the server's
	// side, so the client may try again.
	Release(ctx context.Context, key string) error
}
