package mitid

import (
	"slices"
	"strings"
	"testing"
)

func validConfig() Config {
	return Config{Issuer: "https://bgcheck.idura.broker", ClientID: "urn:bgcheck", ClientSecret: "s3cret",
		RedirectURL: "https://bgcheck.example.com/portal/mitid/callback", Shape: ShapeIdura}
}

func TestConfigValidateAcceptsProductionAndLoopback(t *testing.T) {
	c := validConfig()
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	c.Issuer, c.RedirectURL = "http://127.0.0.1:4000", "http://localhost:8080/portal/mitid/callback"
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate loopback: %v", err)
	}
}

func TestConfigValidateNamesEachProblem(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		want   string
	}{
		{"no issuer", func(c *Config) { c.Issuer = "" }, "issuer: is required"},
		{"relative issuer", func(c *Config) { c.Issuer = "/oidc" }, "issuer: must be an absolute"},
		{"plain http issuer", func(c *Config) { c.Issuer = "http://broker.example" }, "issuer: must use https"},
		{"issuer with query", func(c *Config) { c.Issuer = "https://broker.example?x=1" }, "query or fragment"},
		{"no client id", func(c *Config) { c.ClientID = "" }, "client id is required"},
		{"no secret", func(c *Config) { c.ClientSecret = "" }, "client secret is required"},
		{"plain http redirect", func(c *Config) { c.RedirectURL = "http://bgcheck.example.com/cb" }, "redirect URL: must use https"},
		{"unknown shape", func(c *Config) { c.Shape = "nets" }, `shape must be idura, signicat or auto, not "nets"`},
		{"auto without scopes", func(c *Config) { c.Shape = ShapeAuto }, "scopes are required when the shape is auto"},
		{"scopes without openid", func(c *Config) { c.Scopes = []string{"ssn"} }, `scopes must include "openid"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validConfig()
			tt.change(&c)
			err := c.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate() = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestConfigValidateReportsAllProblemsAtOnce(t *testing.T) {
	err := Config{}.Validate()
	if err == nil {
		t.Fatal("empty config accepted")
	}
	for _, want := range []string{"issuer", "client id", "client secret", "redirect URL", "scopes"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not mention %s", err, want)
		}
	}
}

func TestConfigDefaultsPerShape(t *testing.T) {
	tests := []struct {
		shape       string
		scopes, acr []string
	}{
		{ShapeIdura, []string{"openid", "ssn"}, []string{"urn:grn:authn:dk:mitid:substantial"}},
		{ShapeSignicat, []string{"openid", "profile", "idp-id", "nin", "mitid-extra"}, []string{"loa:substantial"}},
	}
	for _, tt := range tests {
		c := Config{Shape: tt.shape}.withDefaults()
		if !slices.Equal(c.Scopes, tt.scopes) || !slices.Equal(c.ACRValues, tt.acr) {
			t.Errorf("%s defaults: scopes %q acr %q", tt.shape, c.Scopes, c.ACRValues)
		}
	}
	c := Config{Scopes: []string{"openid", "x"}, ACRValues: []string{"y"}}.withDefaults()
	if c.Shape != ShapeAuto || !slices.Equal(c.Scopes, []string{"openid", "x"}) || !slices.Equal(c.ACRValues, []string{"y"}) {
		t.Errorf("explicit settings changed: %+v", c)
	}
}
