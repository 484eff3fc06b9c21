package devprovider_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/mitid"
	"github.com/bgcheck/bgcheck/internal/mitid/devprovider"
)

const redirectURI = "http://127.0.0.1:9/callback"

var client = devprovider.Client{ID: "portal", Secret: "s3cret", RedirectURIs: []string{redirectURI}, Shape: mitid.ShapeSignicat}

func mustStart(t *testing.T) *devprovider.Provider {
	t.Helper()
	p, err := devprovider.Start(t.Context(), devprovider.Options{Clients: []devprovider.Client{client}})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return p
}

// authURL builds an authorization request; verifier "" leaves PKCE out.
func authURL(p *devprovider.Provider, verifier string, scope string) string {
	q := url.Values{"response_type": {"code"}, "client_id": {client.ID}, "redirect_uri": {redirectURI},
		"scope": {scope}, "state": {"st"}, "nonce": {"no"}}
	if verifier != "" {
		sum := sha256.Sum256([]byte(verifier))
		q.Set("code_challenge", base64.RawURLEncoding.EncodeToString(sum[:]))
		q.Set("code_challenge_method", "S256")
	}
	return p.Issuer() + "/authorize?" + q.Encode()
}

func getJSON(t *testing.T, target string, v any) {
	t.Helper()
	resp, err := http.Get(target)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", target, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

func TestStartRefusesBadOptions(t *testing.T) {
	tests := map[string]devprovider.Options{
		"no clients":           {},
		"public address":       {Addr: "0.0.0.0:0", Clients: []devprovider.Client{client}},
		"address without port": {Addr: "127.0.0.1", Clients: []devprovider.Client{client}},
		"issuer with path":     {Issuer: "http://127.0.0.1:1/x", Clients: []devprovider.Client{client}},
		"unknown shape":        {Clients: []devprovider.Client{{ID: "a", Secret: "b", RedirectURIs: []string{redirectURI}, Shape: "nets"}}},
		"no secret":            {Clients: []devprovider.Client{{ID: "a", RedirectURIs: []string{redirectURI}, Shape: mitid.ShapeIdura}}},
		"no redirect URI":      {Clients: []devprovider.Client{{ID: "a", Secret: "b", Shape: mitid.ShapeIdura}}},
	}
	for name, opts := range tests {
		if p, err := devprovider.Start(t.Context(), opts); err == nil {
			_ = p.Close()
			t.Errorf("%s: Start succeeded", name)
		}
	}
}

func TestDiscoveryAndKeys(t *testing.T) {
	p := mustStart(t)
	var disc struct {
		Issuer        string   `json:"issuer"`
		JWKSURI       string   `json:"jwks_uri"`
		TokenEndpoint string   `json:"token_endpoint"`
		Challenges    []string `json:"code_challenge_methods_supported"`
	}
	getJSON(t, p.Issuer()+"/.well-known/openid-configuration", &disc)
	if disc.Issuer != p.Issuer() || !strings.HasPrefix(disc.JWKSURI, p.Issuer()) || len(disc.Challenges) != 1 || disc.Challenges[0] != "S256" {
		t.Fatalf("discovery: %+v", disc)
	}
	var jwks struct {
		Keys []struct{ Kty, Alg, Use, Kid, N string }
	}
	getJSON(t, disc.JWKSURI, &jwks)
	if len(jwks.Keys) != 1 {
		t.Fatalf("%d keys", len(jwks.Keys))
	}
	k := jwks.Keys[0]
	if k.Kty != "RSA" || k.Alg != "RS256" || k.Use != "sig" || k.Kid == "" || len(k.N) < 340 {
		t.Errorf("key %s %s %s %q, modulus %d characters", k.Kty, k.Alg, k.Use, k.Kid, len(k.N))
	}
}

func TestLoginPageIsAPlainAccessibleForm(t *testing.T) {
	p := mustStart(t)
	resp, err := http.Get(authURL(p, strings.Repeat("v", 43), "openid"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(body)
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/login" {
		t.Fatalf("%s at %s", resp.Status, resp.Request.URL)
	}
	for _, want := range []string{`<html lang="da">`, "<title>Test-MitID</title>", "<h1>Test-MitID</h1>", `<main>`,
		`method="post"`, `name="viewport"`, `id="cancel"`, `<button type="submit" name="identity" value="karen" id="identity-karen">`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	for _, id := range devprovider.Identities() {
		if !strings.Contains(page, `id="identity-`+id.Key+`"`) || !strings.Contains(page, id.Name) {
			t.Errorf("page does not offer %s", id.Key)
		}
		if id.CPR != "" && strings.Contains(page, id.CPR) {
			t.Errorf("page shows the CPR number of %s", id.Key)
		}
	}
	if strings.Contains(page, "<script") || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Error("page has script or no strict CSP")
	}
}

func TestAuthorizeRequiresPKCE(t *testing.T) {
	p := mustStart(t)
	loc, err := p.LoginAs(t.Context(), authURL(p, "", "openid"), "karen")
	if err != nil {
		t.Fatal(err)
	}
	if q := loc.Query(); q.Get("error") != "invalid_request" || q.Get("state") != "st" || q.Get("code") != "" {
		t.Errorf("redirected to %s, want invalid_request", loc)
	}
}

func TestAuthorizeRefusesUnregisteredRedirect(t *testing.T) {
	p := mustStart(t)
	u := strings.Replace(authURL(p, strings.Repeat("v", 43), "openid"), url.QueryEscape(redirectURI), url.QueryEscape("http://127.0.0.1:9/evil"), 1)
	if loc, err := p.LoginAs(t.Context(), u, "karen"); err == nil {
		t.Errorf("redirected to %s", loc)
	}
}

func TestLoginFormRefusesUnknownIdentityAndSecondSubmit(t *testing.T) {
	p := mustStart(t)
	resp, err := http.Get(authURL(p, strings.Repeat("v", 43), "openid"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	id := resp.Request.URL.Query().Get("authRequestID")
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(identity string) int {
		resp, err := noFollow.PostForm(p.Issuer()+"/login", url.Values{"id": {id}, "identity": {identity}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post("nobody"); got != http.StatusBadRequest {
		t.Errorf("unknown identity: %d", got)
	}
	if got := post("karen"); got != http.StatusFound {
		t.Errorf("karen: %d", got)
	}
	if got := post("lars"); got != http.StatusConflict {
		t.Errorf("second choice: %d", got)
	}
	resp, err = noFollow.PostForm(p.Issuer()+"/login", url.Values{"id": {"forged"}, "identity": {"karen"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("forged request id: %d", resp.StatusCode)
	}
}
