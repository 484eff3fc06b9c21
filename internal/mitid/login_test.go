package mitid_test

import (
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/mitid"
	"github.com/bgcheck/bgcheck/internal/mitid/devprovider"
)

func TestLoginEndToEndInBothShapes(t *testing.T) {
	p := mustStart(t, devprovider.Options{})
	for _, shape := range []string{mitid.ShapeIdura, mitid.ShapeSignicat} {
		c := mustClient(t, p.Issuer(), clientFor(shape))
		subjects := map[string]bool{}
		for _, key := range []string{"karen", "lars", "mette", "sofie"} {
			t.Run(shape+"/"+key, func(t *testing.T) {
				code, state, l := mustLogin(t, c, p, key)
				got, err := c.Finish(t.Context(), code, state, l)
				if err != nil {
					t.Fatalf("Finish: %v", err)
				}
				want := person(t, key)
				if got.Name != want.Name || got.BirthDate != want.BirthDate || got.CPR != want.CPR ||
					got.UUID != want.UUID || got.LoA != want.LoA {
					t.Errorf("identity %q %s %q %s %s, want %q %s %q %s %s", got.Name, got.BirthDate, got.CPR, got.UUID,
						got.LoA, want.Name, want.BirthDate, want.CPR, want.UUID, want.LoA)
				}
				if got.Broker != shape || got.Issuer != p.Issuer() || got.Subject == "" || subjects[got.Subject] {
					t.Errorf("broker %s issuer %s subject %q (seen before: %t)", got.Broker, got.Issuer, got.Subject, subjects[got.Subject])
				}
				subjects[got.Subject] = true
			})
		}
	}
}

func TestLoginRefusesLowAssurance(t *testing.T) {
	p := mustStart(t, devprovider.Options{})
	for _, shape := range []string{mitid.ShapeIdura, mitid.ShapeSignicat} {
		t.Run(shape, func(t *testing.T) {
			c := mustClient(t, p.Issuer(), clientFor(shape))
			code, state, l := mustLogin(t, c, p, "ole")
			_, err := c.Finish(t.Context(), code, state, l)
			wantError(t, err, domain.EForbidden, "error.mitid_assurance", nil)
		})
	}
}

func TestBeginSendsStateNonceAndS256Challenge(t *testing.T) {
	p := mustStart(t, devprovider.Options{})
	c := mustClient(t, p.Issuer(), clientFor(mitid.ShapeIdura))
	a, err := c.Begin()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := c.Begin()
	if a.State == b.State || a.Nonce == b.Nonce || a.CodeVerifier == b.CodeVerifier || a.State == a.Nonce {
		t.Fatal("two logins share a secret")
	}
	u, err := url.Parse(a.URL)
	if err != nil || !strings.HasPrefix(a.URL, p.Issuer()+"/") {
		t.Fatalf("URL %q is not at the issuer", a.URL)
	}
	sum := sha256.Sum256([]byte(a.CodeVerifier))
	want := map[string]string{
		"response_type": "code", "client_id": "bgcheck-idura", "redirect_uri": redirectURL,
		"scope": "openid ssn", "state": a.State, "nonce": a.Nonce,
		"code_challenge": base64.RawURLEncoding.EncodeToString(sum[:]), "code_challenge_method": "S256",
		"acr_values": "urn:grn:authn:dk:mitid:substantial",
	}
	for k, v := range want {
		if got := u.Query().Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if len(a.CodeVerifier) < 43 {
		t.Errorf("code verifier has %d characters, RFC 7636 wants at least 43", len(a.CodeVerifier))
	}
}

func TestCancelledLoginIsReported(t *testing.T) {
	p := mustStart(t, devprovider.Options{})
	c := mustClient(t, p.Issuer(), clientFor(mitid.ShapeSignicat))
	l, _ := c.Begin()
	loc, err := p.Cancel(t.Context(), l.URL)
	if err != nil {
		t.Fatalf("Cancel: %v", err)
	}
	_, state, err := mitid.CallbackParams(loc.Query())
	wantError(t, err, domain.EUnauthorized, "error.mitid_cancelled", nil)
	if state != l.State {
		t.Errorf("state %q, want the login's", state)
	}
}

func TestNewRefusesBadConfigAndUnreachableBroker(t *testing.T) {
	if _, err := mitid.New(t.Context(), mitid.Config{Shape: mitid.ShapeIdura}); err == nil {
		t.Error("New accepted an empty config")
	}
	p := mustStart(t, devprovider.Options{})
	issuer := p.Issuer()
	_ = p.Close()
	cfg := mitid.Config{Issuer: issuer, ClientID: "x", ClientSecret: "y", RedirectURL: redirectURL, Shape: mitid.ShapeIdura}
	if _, err := mitid.New(t.Context(), cfg); err == nil {
		t.Error("New succeeded against a stopped provider")
	}
}
