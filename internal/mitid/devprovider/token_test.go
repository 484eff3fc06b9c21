package devprovider_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// exchange redeems code at the token endpoint as client, with secret.
func exchange(t *testing.T, tokenURL, code, verifier, secret string) (*http.Response, map[string]any) {
	t.Helper()
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirectURI}, "code_verifier": {verifier}}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, tokenURL, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(client.ID, secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp, body
}

func TestTokenAndUserinfoEndpoints(t *testing.T) {
	p := mustStart(t)
	verifier := strings.Repeat("v", 43)
	loc, err := p.LoginAs(t.Context(), authURL(p, verifier, "openid profile idp-id nin mitid-extra"), "karen")
	if err != nil {
		t.Fatal(err)
	}
	code := loc.Query().Get("code")
	if code == "" || loc.Query().Get("state") != "st" {
		t.Fatalf("callback %s", loc)
	}
	tokenURL := p.Issuer() + "/oauth/token"
	if resp, _ := exchange(t, tokenURL, code, verifier, "wrong"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong secret: %s", resp.Status)
	}
	resp, tok := exchange(t, tokenURL, code, verifier, client.Secret)
	if resp.StatusCode != http.StatusOK || tok["id_token"] == nil || tok["access_token"] == nil {
		t.Fatalf("token response %s %v", resp.Status, tok)
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, p.Issuer()+"/userinfo", nil)
	req.Header.Set("Authorization", "Bearer "+tok["access_token"].(string))
	uresp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer uresp.Body.Close()
	var ui map[string]any
	if err := json.NewDecoder(uresp.Body).Decode(&ui); err != nil {
		t.Fatal(err)
	}
	if ui["name"] != "Karen Prøvesen" || ui["nin"] != "0101901234" || ui["idp_id"] != "00000000-0000-4000-8000-000000000001" || ui["sub"] == "" {
		t.Errorf("userinfo %v", ui)
	}
}
