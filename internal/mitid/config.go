// Package mitid signs subjects in with MitID through an OpenID Connect
// broker. It is a relying party using the authorization code flow with
// PKCE (S256), state and nonce, and it verifies the ID token's signature
// against the keys the broker publishes. The two common broker claim
// shapes (Idura and Signicat) map to one Identity, and anything below
// assurance level Substantial is refused.
//
// The portal keeps the Login returned by Begin in its own server-side
// session and hands it back to Finish, so nothing depends on cookies set
// by this package.
package mitid

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
)

// Broker claim shapes. ShapeAuto recognises either from the ID token.
const (
	ShapeIdura    = "idura"
	ShapeSignicat = "signicat"
	ShapeAuto     = "auto"
)

// Config names the broker and this service's registration with it.
type Config struct {
	Issuer       string // the broker's issuer URL, exactly as its discovery document states it
	ClientID     string
	ClientSecret string
	RedirectURL  string   // the portal's callback, registered with the broker
	Scopes       []string // empty means the shape's defaults
	ACRValues    []string // empty means the shape's defaults
	Shape        string   // ShapeIdura, ShapeSignicat or ShapeAuto; empty means ShapeAuto
}

// Default scopes. Idura releases the CPR number only with "ssn";
// Signicat needs "profile" for the name, "idp-id" for the MitID UUID,
// "nin" for the CPR number and "mitid-extra" for the assurance levels.
var (
	defaultIduraScopes    = []string{"openid", "ssn"}
	defaultSignicatScopes = []string{"openid", "profile", "idp-id", "nin", "mitid-extra"}
)

// Default acr_values ask the broker for Substantial up front, so a
// subject is not sent through a weaker login that Finish would refuse.
var (
	defaultIduraACR    = []string{"urn:grn:authn:dk:mitid:substantial"}
	defaultSignicatACR = []string{"loa:substantial"}
)

// Validate reports every problem with c at once.
func (c Config) Validate() error {
	var errs []error
	if err := checkIssuer(c.Issuer); err != nil {
		errs = append(errs, fmt.Errorf("mitid: issuer: %w", err))
	}
	if c.ClientID == "" {
		errs = append(errs, errors.New("mitid: client id is required"))
	}
	if c.ClientSecret == "" {
		errs = append(errs, errors.New("mitid: client secret is required"))
	}
	if err := checkRedirect(c.RedirectURL); err != nil {
		errs = append(errs, fmt.Errorf("mitid: redirect URL: %w", err))
	}
	switch c.Shape {
	case ShapeIdura, ShapeSignicat, ShapeAuto, "":
	default:
		errs = append(errs, fmt.Errorf("mitid: shape must be %s, %s or %s, not %q", ShapeIdura, ShapeSignicat, ShapeAuto, c.Shape))
	}
	if len(c.Scopes) == 0 && c.shape() == ShapeAuto {
		errs = append(errs, errors.New("mitid: scopes are required when the shape is auto (there is no default that suits every broker)"))
	}
	if len(c.Scopes) > 0 && !slices.Contains(c.Scopes, "openid") {
		errs = append(errs, errors.New(`mitid: scopes must include "openid"`))
	}
	return errors.Join(errs...)
}

func (c Config) shape() string {
	if c.Shape == "" {
		return ShapeAuto
	}
	return c.Shape
}

// withDefaults fills in the shape's default scopes and acr_values.
func (c Config) withDefaults() Config {
	c.Shape = c.shape()
	switch c.Shape {
	case ShapeIdura:
		c.Scopes = orDefault(c.Scopes, defaultIduraScopes)
		c.ACRValues = orDefault(c.ACRValues, defaultIduraACR)
	case ShapeSignicat:
		c.Scopes = orDefault(c.Scopes, defaultSignicatScopes)
		c.ACRValues = orDefault(c.ACRValues, defaultSignicatACR)
	}
	return c
}

func orDefault(v, def []string) []string {
	if len(v) > 0 {
		return slices.Clone(v)
	}
	return slices.Clone(def)
}

// checkIssuer insists on https except on loopback, where the local
// development provider runs.
func checkIssuer(v string) error {
	u, err := parseAbsolute(v)
	if err != nil {
		return err
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return errors.New("must not have a query or fragment")
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return errors.New("must use https (plain http is only allowed on loopback)")
	}
	return nil
}

func checkRedirect(v string) error {
	u, err := parseAbsolute(v)
	if err != nil {
		return err
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return errors.New("must use https (plain http is only allowed on loopback)")
	}
	return nil
}

func parseAbsolute(v string) (*url.URL, error) {
	if v == "" {
		return nil, errors.New("is required")
	}
	u, err := url.Parse(v)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("must be an absolute http(s) URL, not %q", v)
	}
	return u, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
