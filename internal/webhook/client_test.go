package webhook

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// countingServer is a loopback server that counts the requests reaching it.
func countingServer(t *testing.T, listen string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
	}))
	if listen != "" {
		l, err := net.Listen("tcp", listen)
		if err != nil {
			t.Skipf("cannot listen on %s: %v", listen, err)
		}
		srv.Listener.Close()
		srv.Listener = l
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &hits
}

func post(c *http.Client, url string) error {
	resp, err := c.Post(url, "application/json", strings.NewReader("{}"))
	if err == nil {
		resp.Body.Close()
	}
	return err
}

// The guard works on the address being connected to, so these loopback
// servers stand in for any internal service: refused by default, reached
// only through an allowlist entry.
func TestClientRefusesLoopbackUnlessAllowlisted(t *testing.T) {
	v4, hits4 := countingServer(t, "127.0.0.1:0")
	v6, hits6 := countingServer(t, "[::1]:0")
	port4 := v4.Listener.Addr().(*net.TCPAddr).Port
	tests := []struct {
		name    string
		url     string
		allowed []netip.Prefix
		ok      bool
	}{
		{"127.0.0.1", v4.URL, nil, false},
		{"::1", v6.URL, nil, false},
		{"::ffff:127.0.0.1", "http://[::ffff:127.0.0.1]:" + strconv.Itoa(port4), nil, false},
		{"localhost, a name resolving to loopback", "http://localhost:" + strconv.Itoa(port4), nil, false},
		{"127.0.0.1 allowlisted", v4.URL, []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}, true},
		{"::1 allowlisted", v6.URL, []netip.Prefix{netip.MustParsePrefix("::1/128")}, true},
		{"::ffff:127.0.0.1 allowlisted as IPv4", "http://[::ffff:127.0.0.1]:" + strconv.Itoa(port4), []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}, true},
		{"another loopback address allowlisted", v4.URL, []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := hits4.Load() + hits6.Load()
			err := post(Client(tt.allowed, 2*time.Second), tt.url)
			reached := hits4.Load()+hits6.Load() > before
			if tt.ok && (err != nil || !reached) {
				t.Errorf("POST %s = %v, reached = %v; want it delivered", tt.url, err, reached)
			}
			if !tt.ok && (!errors.Is(err, ErrForbiddenTarget) || reached) {
				t.Errorf("POST %s = %v, reached = %v; want ErrForbiddenTarget", tt.url, err, reached)
			}
		})
	}
}

// No server listens on these; the guard must refuse before any packet is
// sent, which shows as ErrForbiddenTarget rather than a timeout.
func TestClientRefusesInternalAddressesAtConnect(t *testing.T) {
	c := Client(nil, 2*time.Second)
	for _, host := range []string{"10.0.0.1", "192.168.0.1", "169.254.169.254", "100.64.0.1", "172.16.0.1", "0.0.0.0", "[fd00::1]", "[fe80::1]"} {
		if err := post(c, "http://"+host+":9/"); !errors.Is(err, ErrForbiddenTarget) {
			t.Errorf("POST to %s = %v, want ErrForbiddenTarget", host, err)
		}
	}
}

func TestClientCutsLongResponses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, strings.Repeat("x", 4*MaxResponseBytes))
	}))
	defer srv.Close()
	resp, err := Client(loopback, 2*time.Second).Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || len(b) != MaxResponseBytes {
		t.Errorf("read %d bytes (%v), want %d", len(b), err, MaxResponseBytes)
	}
}

func TestClientTimesOut(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	_, err := Deliver(context.Background(), Client(loopback, 100*time.Millisecond), srv.URL, [][]byte{[]byte("s")}, decided())
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("Deliver to a silent receiver = %v, want a timeout", err)
	}
}
