package mitid_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/mitid"
	"github.com/bgcheck/bgcheck/internal/mitid/devprovider"
)

// redirectURL is never contacted: LoginAs stops at the redirect to it.
const redirectURL = "http://127.0.0.1:9/portal/mitid/callback"

// clients registers one relying party per broker shape.
var clients = []devprovider.Client{
	{ID: "bgcheck-idura", Secret: "idura-secret", RedirectURIs: []string{redirectURL}, Shape: mitid.ShapeIdura},
	{ID: "bgcheck-signicat", Secret: "signicat-secret", RedirectURIs: []string{redirectURL}, Shape: mitid.ShapeSignicat},
}

func clientFor(shape string) devprovider.Client {
	for _, c := range clients {
		if c.Shape == shape {
			return c
		}
	}
	panic("no client for shape " + shape)
}

func mustStart(t *testing.T, opts devprovider.Options) *devprovider.Provider {
	t.Helper()
	if opts.Clients == nil {
		opts.Clients = clients
	}
	p, err := devprovider.Start(t.Context(), opts)
	if err != nil {
		t.Fatalf("devprovider.Start: %v", err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p
}

func mustClient(t *testing.T, issuer string, dc devprovider.Client, opts ...mitid.Option) *mitid.Client {
	t.Helper()
	c, err := mitid.New(t.Context(), mitid.Config{Issuer: issuer, ClientID: dc.ID, ClientSecret: dc.Secret,
		RedirectURL: redirectURL, Shape: dc.Shape}, opts...)
	if err != nil {
		t.Fatalf("mitid.New: %v", err)
	}
	return c
}

// mustLogin begins a login, picks the identity on the provider's page
// and returns what the portal's callback would receive.
func mustLogin(t *testing.T, c *mitid.Client, p *devprovider.Provider, identity string) (code, state string, l mitid.Login) {
	t.Helper()
	l, err := c.Begin()
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	loc, err := p.LoginAs(t.Context(), l.URL, identity)
	if err != nil {
		t.Fatalf("LoginAs(%s): %v", identity, err)
	}
	if !strings.HasPrefix(loc.String(), redirectURL+"?") {
		t.Fatalf("redirected to %s, want %s", loc, redirectURL)
	}
	code, state, err = mitid.CallbackParams(loc.Query())
	if err != nil {
		t.Fatalf("CallbackParams(%s): %v", loc.RawQuery, err)
	}
	return code, state, l
}

// wantError checks the user-facing code and message, and the cause when
// one is given.
func wantError(t *testing.T, err error, code, message string, cause error) {
	t.Helper()
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != code || de.Message != message {
		t.Fatalf("err = %v, want %s %s", err, code, message)
	}
	if cause != nil && !errors.Is(err, cause) {
		t.Fatalf("err = %v, want cause %v", err, cause)
	}
}

func person(t *testing.T, key string) devprovider.Identity {
	t.Helper()
	for _, id := range devprovider.Identities() {
		if id.Key == key {
			return id
		}
	}
	t.Fatalf("no test identity %q", key)
	return devprovider.Identity{}
}
