package webhook

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// MaxResponseBytes is the most of a response body the client reads; the
// rest is cut off. Receivers are expected to answer with an empty or
// short body.
const MaxResponseBytes = 64 << 10

// DefaultTimeout bounds a whole delivery attempt when Client is given no
// timeout: a receiver should acknowledge at once and work afterwards.
const DefaultTimeout = 10 * time.Second

// Dialer returns a dialer whose Control hook refuses, at connect time, any
// address CheckAddr refuses. The check runs on the address actually being
// connected to, after name resolution, so a name that resolved to a
// public address when the webhook was saved and to 127.0.0.1 now (DNS
// rebinding) is still refused.
func Dialer(allowed []netip.Prefix, timeout time.Duration) *net.Dialer {
	allowed = append([]netip.Prefix(nil), allowed...)
	return &net.Dialer{
		Timeout: timeout,
		Control: func(network, address string, _ syscall.RawConn) error {
			if network != "tcp4" && network != "tcp6" {
				return fmt.Errorf("%w: network %s", ErrForbiddenTarget, network)
			}
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: address %q: %w", ErrForbiddenTarget, address, err)
			}
			return CheckAddr(ap.Addr(), allowed)
		},
	}
}

// NewTransport returns an HTTP transport that dials through Dialer and
// never uses a proxy: through a proxy the guard would only ever see the
// proxy's address.
func NewTransport(allowed []netip.Prefix, timeout time.Duration) *http.Transport {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &http.Transport{
		Proxy:                  nil,
		DialContext:            Dialer(allowed, timeout).DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    timeout,
		ResponseHeaderTimeout:  timeout,
		MaxResponseHeaderBytes: 16 << 10,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    2,
		IdleConnTimeout:        90 * time.Second,
	}
}

// Client returns the HTTP client deliveries use: connections only to
// addresses CheckAddr permits (see Dialer), redirects never followed (a
// 3xx is the answer, and counts as a failure), response bodies cut at
// MaxResponseBytes, and the whole exchange bounded by timeout
// (DefaultTimeout when not positive).
func Client(allowed []netip.Prefix, timeout time.Duration) *http.Client {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &http.Client{
		Transport: limitBody{NewTransport(allowed, timeout)},
		Timeout:   timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// limitBody cuts every response body at MaxResponseBytes.
type limitBody struct{ rt http.RoundTripper }

func (l limitBody) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := l.rt.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	resp.Body = limitedBody{io.LimitReader(resp.Body, MaxResponseBytes), resp.Body}
	return resp, nil
}

type limitedBody struct {
	io.Reader
	io.Closer
}
