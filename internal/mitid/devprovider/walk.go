package devprovider

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
)

// LoginAs goes through a login the way a browser would, without one: it
// opens authURL, picks the identity on the Test-MitID page and returns
// the URL the provider finally redirects to, which is the relying
// party's redirect URI with code and state (or with error and state when
// the provider refused the request). A headless browser can do the same
// by clicking the button with id "identity-<key>".
func (p *Provider) LoginAs(ctx context.Context, authURL, identityKey string) (*url.URL, error) {
	return p.walk(ctx, authURL, url.Values{"identity": {identityKey}}, identityKey)
}

// Cancel is LoginAs pressing "Cancel" instead of picking an identity.
func (p *Provider) Cancel(ctx context.Context, authURL string) (*url.URL, error) {
	return p.walk(ctx, authURL, url.Values{"cancel": {"1"}}, "")
}

func (p *Provider) walk(ctx context.Context, authURL string, choice url.Values, identityKey string) (*url.URL, error) {
	c := p.browser()
	resp, err := p.do(ctx, c, http.MethodGet, authURL, nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		return redirectOrError(resp, err)
	}
	page, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("devprovider: read login page: %w", err)
	}
	if identityKey != "" && !strings.Contains(string(page), `name="identity" value="`+identityKey+`"`) {
		return nil, fmt.Errorf("devprovider: the login page offers no identity %q", identityKey)
	}
	choice.Set("id", resp.Request.URL.Query().Get("authRequestID"))
	action := resp.Request.URL.ResolveReference(&url.URL{Path: loginPath})
	resp, err = p.do(ctx, c, http.MethodPost, action.String(), strings.NewReader(choice.Encode()))
	return redirectOrError(resp, err)
}

func (p *Provider) do(ctx context.Context, c *http.Client, method, target string, body io.Reader) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return nil, fmt.Errorf("devprovider: %w", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return c.Do(req)
}

// browser follows redirects within the provider, keeps cookies, and
// stops at the first redirect that leaves for the relying party. It
// always dials this provider's listener for the issuer's host, so it
// also works when Options.Issuer names another address.
func (p *Provider) browser() *http.Client {
	iss, _ := url.Parse(p.issuer)
	jar, _ := cookiejar.New(nil)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	var d net.Dialer
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr == hostPort(iss) {
			addr = p.addr
		}
		return d.DialContext(ctx, network, addr)
	}
	return &http.Client{Jar: jar, Transport: tr, CheckRedirect: func(r *http.Request, via []*http.Request) error {
		if len(via) > 10 {
			return errors.New("too many redirects")
		}
		if r.URL.Host != iss.Host {
			return http.ErrUseLastResponse
		}
		return nil
	}}
}

func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	if u.Scheme == "https" {
		return net.JoinHostPort(u.Hostname(), "443")
	}
	return net.JoinHostPort(u.Hostname(), "80")
}

// redirectOrError returns where a redirect response points, or an error
// for anything else.
func redirectOrError(resp *http.Response, err error) (*url.URL, error) {
	if err != nil {
		return nil, fmt.Errorf("devprovider: %w", err)
	}
	defer resp.Body.Close()
	loc, lerr := resp.Location()
	if resp.StatusCode/100 != 3 || lerr != nil {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return nil, fmt.Errorf("devprovider: expected a redirect to the relying party, got %s: %s", resp.Status, strings.TrimSpace(string(msg)))
	}
	return loc, nil
}
