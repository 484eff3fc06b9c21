package mitid_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/mitid"
	"github.com/bgcheck/bgcheck/internal/mitid/devprovider"
)

func TestFinishRefusesTamperedState(t *testing.T) {
	p := mustStart(t, devprovider.Options{})
	c := mustClient(t, p.Issuer(), clientFor(mitid.ShapeIdura))
	code, state, l := mustLogin(t, c, p, "karen")
	for name, s := range map[string]string{"altered": state + "x", "empty": "", "other login's": mustBegin(t, c).State} {
		_, err := c.Finish(t.Context(), code, s, l)
		if domain.ErrorMessage(err) != "error.mitid_state" {
			t.Errorf("%s state: err = %v, want error.mitid_state", name, err)
		}
	}
	_, err := c.Finish(t.Context(), code, state, mitid.Login{})
	wantError(t, err, domain.EUnauthorized, "error.mitid_state", nil)
	// The code was never redeemed above, so the genuine pair still works.
	if _, err := c.Finish(t.Context(), code, state, l); err != nil {
		t.Fatalf("genuine Finish after refusals: %v", err)
	}
}

func TestFinishRefusesWrongNonce(t *testing.T) {
	p := mustStart(t, devprovider.Options{})
	c := mustClient(t, p.Issuer(), clientFor(mitid.ShapeSignicat))
	code, state, l := mustLogin(t, c, p, "karen")
	l.Nonce = mustBegin(t, c).Nonce
	_, err := c.Finish(t.Context(), code, state, l)
	wantError(t, err, domain.EUnauthorized, "error.mitid_login", oidc.ErrNonceInvalid)
}

func TestFinishRefusesReplayedCode(t *testing.T) {
	p := mustStart(t, devprovider.Options{})
	c := mustClient(t, p.Issuer(), clientFor(mitid.ShapeIdura))
	code, state, l := mustLogin(t, c, p, "karen")
	if _, err := c.Finish(t.Context(), code, state, l); err != nil {
		t.Fatalf("first Finish: %v", err)
	}
	_, err := c.Finish(t.Context(), code, state, l)
	wantError(t, err, domain.EUnauthorized, "error.mitid_login", nil)
	if !strings.Contains(err.Error(), "invalid_grant") {
		t.Errorf("replay refused for another reason: %v", err)
	}
}

func TestFinishRefusesWrongCodeVerifier(t *testing.T) {
	p := mustStart(t, devprovider.Options{})
	c := mustClient(t, p.Issuer(), clientFor(mitid.ShapeIdura))
	code, state, l := mustLogin(t, c, p, "karen")
	l.CodeVerifier = mustBegin(t, c).CodeVerifier
	_, err := c.Finish(t.Context(), code, state, l)
	wantError(t, err, domain.EUnauthorized, "error.mitid_login", nil)
	if !strings.Contains(err.Error(), "invalid_grant") {
		t.Errorf("wrong verifier refused for another reason: %v", err)
	}
}

func TestFinishRefusesExpiredIDToken(t *testing.T) {
	expired := clientFor(mitid.ShapeIdura)
	expired.IDTokenLifetime = -time.Hour
	p := mustStart(t, devprovider.Options{Clients: []devprovider.Client{expired}})
	c := mustClient(t, p.Issuer(), expired)
	code, state, l := mustLogin(t, c, p, "karen")
	_, err := c.Finish(t.Context(), code, state, l)
	wantError(t, err, domain.EUnauthorized, "error.mitid_login", oidc.ErrExpired)
}

// A second provider claims the first one's issuer and answers the token
// request, so the ID token is right in every way except that it is signed
// by a key the real issuer never published.
func TestFinishRefusesTokenSignedByAnotherKey(t *testing.T) {
	genuine := mustStart(t, devprovider.Options{})
	impostor := mustStart(t, devprovider.Options{Issuer: genuine.Issuer()})
	hc := &http.Client{Transport: tokenRequestsTo{impostor.Addr()}}
	c := mustClient(t, genuine.Issuer(), clientFor(mitid.ShapeIdura), mitid.WithHTTPClient(hc))
	code, state, l := mustLogin(t, c, impostor, "karen")
	_, err := c.Finish(t.Context(), code, state, l)
	wantError(t, err, domain.EUnauthorized, "error.mitid_login", oidc.ErrSignatureInvalid)
}

func TestFinishRefusesTheOtherBrokersShape(t *testing.T) {
	p := mustStart(t, devprovider.Options{})
	dc := clientFor(mitid.ShapeSignicat)
	c, err := mitid.New(t.Context(), mitid.Config{Issuer: p.Issuer(), ClientID: dc.ID, ClientSecret: dc.Secret,
		RedirectURL: redirectURL, Shape: mitid.ShapeIdura, Scopes: []string{"openid", "profile", "idp-id", "nin", "mitid-extra"}})
	if err != nil {
		t.Fatal(err)
	}
	code, state, l := mustLogin(t, c, p, "karen")
	_, err = c.Finish(t.Context(), code, state, l)
	wantError(t, err, domain.EUnauthorized, "error.mitid_claims", nil)
}

func TestFinishInAutoShapeAcceptsEither(t *testing.T) {
	p := mustStart(t, devprovider.Options{})
	for _, dc := range clients {
		c, err := mitid.New(t.Context(), mitid.Config{Issuer: p.Issuer(), ClientID: dc.ID, ClientSecret: dc.Secret,
			RedirectURL: redirectURL, Shape: mitid.ShapeAuto, Scopes: []string{"openid", "ssn", "profile", "idp-id", "nin", "mitid-extra"}})
		if err != nil {
			t.Fatal(err)
		}
		code, state, l := mustLogin(t, c, p, "mette")
		id, err := c.Finish(t.Context(), code, state, l)
		if err != nil || id.Broker != dc.Shape || id.CPR != "0303014236" {
			t.Errorf("%s: %v, %v", dc.Shape, id, err)
		}
	}
}

func mustBegin(t *testing.T, c *mitid.Client) mitid.Login {
	t.Helper()
	l, err := c.Begin()
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	return l
}

// tokenRequestsTo sends token requests to addr and everything else
// (discovery, keys) where it was addressed.
type tokenRequestsTo struct{ addr string }

func (tr tokenRequestsTo) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, "/oauth/token") {
		r = r.Clone(r.Context())
		r.URL.Host, r.Host = tr.addr, ""
	}
	return http.DefaultTransport.RoundTrip(r)
}
