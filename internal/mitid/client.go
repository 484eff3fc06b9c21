package mitid

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/zitadel/oidc/v3/pkg/client/rp"
	"github.com/zitadel/oidc/v3/pkg/oidc"
)

// Client is a relying party for one broker. It is safe for concurrent use.
type Client struct {
	cfg Config
	rp  rp.RelyingParty
}

// Option adjusts a Client.
type Option func(*options)

type options struct {
	httpClient *http.Client
}

// WithHTTPClient makes the Client reach the broker (discovery, keys,
// token endpoint) through hc, e.g. for an outbound proxy or timeouts.
func WithHTTPClient(hc *http.Client) Option {
	return func(o *options) { o.httpClient = hc }
}

// Login is what Begin hands out and Finish needs back. The portal keeps
// it server-side (it is plain strings, ready for a database row) and
// sends the subject's browser to URL. State, Nonce and CodeVerifier are
// secrets for the length of one login.
type Login struct {
	URL          string `json:"url"`
	State        string `json:"state"`
	Nonce        string `json:"nonce"`
	CodeVerifier string `json:"code_verifier"`
}

// LogValue implements slog.LogValuer and shows no secret.
func (l Login) LogValue() slog.Value {
	return slog.GroupValue(slog.Bool("pending", l.State != ""))
}

type nonceKey struct{}

// New discovers the broker's endpoints and keys and returns a Client.
func New(ctx context.Context, cfg Config, opts ...Option) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	rpOpts := []rp.Option{
		// The expected nonce travels in the context of each Finish call,
		// so one relying party serves every login.
		rp.WithVerifierOpts(rp.WithNonce(func(ctx context.Context) string {
			n, _ := ctx.Value(nonceKey{}).(string)
			return n
		})),
	}
	if o.httpClient != nil {
		rpOpts = append(rpOpts, rp.WithHTTPClient(o.httpClient))
	}
	party, err := rp.NewRelyingPartyOIDC(ctx, cfg.Issuer, cfg.ClientID, cfg.ClientSecret, cfg.RedirectURL, cfg.Scopes, rpOpts...)
	if err != nil {
		return nil, fmt.Errorf("mitid: discover %s: %w", cfg.Issuer, err)
	}
	return &Client{cfg: cfg, rp: party}, nil
}

// Begin starts a login: fresh state, nonce and PKCE verifier, and the
// broker's authorization URL carrying the state, the nonce and the
// verifier's S256 challenge.
func (c *Client) Begin() (Login, error) {
	l := Login{State: rand.Text(), Nonce: rand.Text()}
	v := make([]byte, 32)
	if _, err := rand.Read(v); err != nil {
		return Login{}, fmt.Errorf("mitid: code verifier: %w", err)
	}
	l.CodeVerifier = base64.RawURLEncoding.EncodeToString(v)
	opts := []rp.AuthURLOpt{
		rp.WithCodeChallenge(oidc.NewSHACodeChallenge(l.CodeVerifier)),
		rp.AuthURLOpt(rp.WithURLParam("nonce", l.Nonce)),
	}
	if len(c.cfg.ACRValues) > 0 {
		opts = append(opts, rp.AuthURLOpt(rp.WithURLParam("acr_values", strings.Join(c.cfg.ACRValues, " "))))
	}
	l.URL = rp.AuthURL(l.State, c.rp, opts...)
	return l, nil
}

// Finish completes a login with the code and state from the broker's
// redirect and the Login that Begin returned. It checks the state,
// exchanges the code with the PKCE verifier, verifies the ID token
// (signature against the broker's keys, issuer, audience, expiry,
// nonce) and maps its claims. All failures are *domain.Error values.
func (c *Client) Finish(ctx context.Context, code, state string, l Login) (Identity, error) {
	if l.State == "" || l.Nonce == "" || l.CodeVerifier == "" {
		return Identity{}, stateError("no login is pending")
	}
	if subtle.ConstantTimeCompare([]byte(state), []byte(l.State)) != 1 {
		return Identity{}, stateError("state does not match the pending login")
	}
	if code == "" {
		return Identity{}, loginError(errors.New("the callback carries no code"))
	}
	ctx = context.WithValue(ctx, nonceKey{}, l.Nonce)
	tokens, err := rp.CodeExchange[*oidc.IDTokenClaims](ctx, code, c.rp, rp.WithCodeVerifier(l.CodeVerifier))
	if err != nil {
		return Identity{}, loginError(fmt.Errorf("code exchange: %w", err))
	}
	id, err := MapClaims(tokens.IDTokenClaims.Claims)
	if err != nil {
		return Identity{}, err
	}
	if c.cfg.Shape != ShapeAuto && id.Broker != c.cfg.Shape {
		return Identity{}, claimsError("the broker sent " + id.Broker + " claims, configured for " + c.cfg.Shape)
	}
	return id, nil
}
