package devprovider

import (
	"net/url"
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/bgcheck/bgcheck/internal/mitid"
)

// Client registers a relying party with the provider.
type Client struct {
	ID           string
	Secret       string
	RedirectURIs []string
	Shape        string // mitid.ShapeIdura or mitid.ShapeSignicat: the claims its tokens carry
	// IDTokenLifetime defaults to five minutes. A negative lifetime issues
	// tokens that have already expired, to prove a relying party checks.
	IDTokenLifetime time.Duration
}

// shapeScopes are the non-standard scopes each shape's broker knows.
var shapeScopes = map[string][]string{
	mitid.ShapeIdura:    {"ssn"},
	mitid.ShapeSignicat: {"idp-id", "nin", "mitid-extra"},
}

// opClient adapts a Client to op.Client: a confidential web client using
// the authorization code flow with client_secret_basic.
type opClient struct{ Client }

var _ op.Client = opClient{}

func (c opClient) GetID() string                       { return c.ID }
func (c opClient) RedirectURIs() []string              { return c.Client.RedirectURIs }
func (c opClient) PostLogoutRedirectURIs() []string    { return nil }
func (c opClient) ApplicationType() op.ApplicationType { return op.ApplicationTypeWeb }
func (c opClient) AuthMethod() oidc.AuthMethod         { return oidc.AuthMethodBasic }
func (c opClient) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c opClient) GrantTypes() []oidc.GrantType { return []oidc.GrantType{oidc.GrantTypeCode} }
func (c opClient) LoginURL(id string) string {
	return loginPath + "?authRequestID=" + url.QueryEscape(id)
}
func (c opClient) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeBearer }
func (c opClient) IDTokenLifetime() time.Duration {
	if c.Client.IDTokenLifetime == 0 {
		return 5 * time.Minute
	}
	return c.Client.IDTokenLifetime
}
func (c opClient) DevMode() bool { return false }
func (c opClient) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c opClient) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c opClient) IsScopeAllowed(scope string) bool {
	return slices.Contains(shapeScopes[c.Shape], scope)
}

// IDTokenUserinfoClaimsAssertion puts the person claims in the ID token,
// as both brokers do, rather than only behind the userinfo endpoint.
func (c opClient) IDTokenUserinfoClaimsAssertion() bool { return true }
func (c opClient) ClockSkew() time.Duration             { return 0 }
