package middleware

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// RequestIDHeader carries the request id in both directions.
const RequestIDHeader = "X-Request-Id"

type routeKey struct{}

// route is filled in by the router once it has matched a pattern, and read
// by the access log and the metrics after the handler returns.
type route struct{ pattern string }

// SetRoute records the matched route pattern of the request in ctx. It is a
// no-op when ctx did not pass through Request.
func SetRoute(ctx context.Context, pattern string) {
	if rt, ok := ctx.Value(routeKey{}).(*route); ok {
		rt.pattern = pattern
	}
}

// RouteFrom returns the pattern recorded by SetRoute, or "" when no route
// matched.
func RouteFrom(ctx context.Context) string {
	if rt, ok := ctx.Value(routeKey{}).(*route); ok {
		return rt.pattern
	}
	return ""
}

// Request gives every request an id (the incoming X-Request-Id when it is
// well-formed, else a new random one), echoes it in the response, and puts
// it with the client IP into the context via domain.WithRequest.
//
// proxyHops is the number of trusted reverse proxies in front of bgcheck.
// With 0, X-Forwarded-For is ignored: anyone can send it. With n > 0, the
// client is the n-th address from the right of X-Forwarded-For, since each
// trusted proxy appends the address it received the request from.
func Request(proxyHops int) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id := r.Header.Get(RequestIDHeader)
			if !validRequestID(id) {
				id = newRequestID()
			}
			w.Header().Set(RequestIDHeader, id)
			ctx := domain.WithRequest(r.Context(), domain.RequestInfo{ID: id, IP: ClientIP(r, proxyHops)})
			ctx = context.WithValue(ctx, routeKey{}, &route{})
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// validRequestID accepts short ids of safe characters only, so a client
// cannot inject text into logs through the header.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
		if !ok {
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}

// ClientIP returns the client address of r, honouring X-Forwarded-For only
// for proxyHops trusted proxies (see Request).
func ClientIP(r *http.Request, proxyHops int) string {
	remote := r.RemoteAddr
	if host, _, err := net.SplitHostPort(remote); err == nil {
		remote = host
	}
	if proxyHops <= 0 {
		return remote
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		for _, part := range strings.Split(h, ",") {
			hops = append(hops, strings.TrimSpace(part))
		}
	}
	if len(hops) < proxyHops {
		return remote
	}
	addr, err := netip.ParseAddr(hops[len(hops)-proxyHops])
	if err != nil {
		return remote
	}
	return addr.Unmap().String()
}
