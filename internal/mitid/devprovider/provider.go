// Package devprovider is a local OpenID Connect provider that behaves like
// a MitID broker's test environment: discovery, JWKS, authorize, token and
// userinfo endpoints, an RS256 key generated at start, and a "Test-MitID"
// page where one of a few fictitious people (see Identities) is picked.
// Tokens carry the claims of the broker shape registered for the client
// (Idura or Signicat), so the relying party in package mitid can be run
// end to end by tests and by the demo without any outside service.
//
// Anyone who can reach it can log in as anyone on the list, so it only
// listens on loopback and must never serve production.
package devprovider

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"

	"golang.org/x/text/language"

	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/bgcheck/bgcheck/internal/mitid"
)

// Options configure a Provider.
type Options struct {
	// Addr is a loopback listen address; "" or "127.0.0.1:0" picks a free port.
	Addr string
	// Issuer overrides the issuer URL, which otherwise is http://Addr. It
	// is for a provider reached through another loopback address or a
	// port forward; it must have no path.
	Issuer  string
	Clients []Client
}

// Provider is a running development provider.
type Provider struct {
	issuer string
	addr   string // the listener's host:port, which differs from the issuer's when Options.Issuer is set
	srv    *http.Server
	done   chan struct{}
	stop   func() bool
}

// Start listens on opts.Addr and serves until Close is called or ctx ends.
func Start(ctx context.Context, opts Options) (*Provider, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	addr := opts.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("devprovider: listen: %w", err)
	}
	issuer := opts.Issuer
	if issuer == "" {
		issuer = "http://" + ln.Addr().String()
	}
	handler, err := newHandler(issuer, opts.Clients)
	if err != nil {
		ln.Close()
		return nil, err
	}
	p := &Provider{
		issuer: issuer,
		addr:   ln.Addr().String(),
		srv:    &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second},
		done:   make(chan struct{}),
	}
	go func() {
		defer close(p.done)
		_ = p.srv.Serve(ln) // returns http.ErrServerClosed after Close
	}()
	p.stop = context.AfterFunc(ctx, func() { _ = p.srv.Close() })
	return p, nil
}

// Issuer is the URL a relying party is configured with.
func (p *Provider) Issuer() string { return p.issuer }

// Addr is the address the provider listens on.
func (p *Provider) Addr() string { return p.addr }

// Close stops the server and waits for it to finish.
func (p *Provider) Close() error {
	p.stop()
	err := p.srv.Close()
	<-p.done
	return err
}

// newHandler wires the op package's endpoints and the login page.
func newHandler(issuer string, clients []Client) (http.Handler, error) {
	key, err := newSigningKey()
	if err != nil {
		return nil, fmt.Errorf("devprovider: %w", err)
	}
	store := newStorage(clients, key)
	cfg := &op.Config{
		CodeMethodS256:     true,
		AuthMethodPost:     true,
		SupportedUILocales: []language.Tag{language.Danish, language.English},
	}
	// The key encrypts codes and opaque access tokens; a fresh one per
	// start invalidates everything issued before.
	if _, err := rand.Read(cfg.CryptoKey[:]); err != nil {
		return nil, fmt.Errorf("devprovider: crypto key: %w", err)
	}
	cfg.CryptoKeyId = rand.Text()
	provider, err := op.NewProvider(cfg, store, op.StaticIssuer(issuer), op.WithAllowInsecure())
	if err != nil {
		return nil, fmt.Errorf("devprovider: %w", err)
	}
	l := &login{store: store, provider: provider}
	issuerCtx := op.NewIssuerInterceptor(provider.IssuerFromRequest)
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+loginPath, l.show)
	mux.HandleFunc("POST "+loginPath, issuerCtx.HandlerFunc(l.submit))
	mux.Handle("/", provider)
	return mux, nil
}

func (o Options) validate() error {
	var errs []error
	if o.Addr != "" {
		host, _, err := net.SplitHostPort(o.Addr)
		if err != nil || !isLoopback(host) {
			errs = append(errs, fmt.Errorf("devprovider: address %q is not a loopback host:port", o.Addr))
		}
	}
	if o.Issuer != "" {
		u, err := url.Parse(o.Issuer)
		if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Path != "" || u.RawQuery != "" {
			errs = append(errs, fmt.Errorf("devprovider: issuer %q must be an http(s) URL without a path", o.Issuer))
		}
	}
	if len(o.Clients) == 0 {
		errs = append(errs, errors.New("devprovider: at least one client is required"))
	}
	for i, c := range o.Clients {
		if err := c.validate(); err != nil {
			errs = append(errs, fmt.Errorf("devprovider: client %d: %w", i, err))
		}
	}
	return errors.Join(errs...)
}

func (c Client) validate() error {
	switch {
	case c.ID == "" || c.Secret == "":
		return errors.New("id and secret are required")
	case len(c.RedirectURIs) == 0:
		return errors.New("at least one redirect URI is required")
	case c.Shape != mitid.ShapeIdura && c.Shape != mitid.ShapeSignicat:
		return fmt.Errorf("shape must be %s or %s, not %q", mitid.ShapeIdura, mitid.ShapeSignicat, c.Shape)
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
