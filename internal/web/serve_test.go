package web

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"
)

// TestServeFinishesInFlightRequests cancels the server's context while a
// request is being handled and checks the request still completes and
// Serve returns cleanly afterwards.
func TestServeFinishesInFlightRequests(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		_, _ = io.WriteString(w, "done")
	})
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	opts := DefaultServerOptions()
	opts.ShutdownTimeout = time.Minute // generous: the test releases the request itself
	go func() { served <- Serve(ctx, ln, h, opts, slog.New(slog.DiscardHandler)) }()

	type result struct {
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- result{string(b), err}
	}()

	<-started
	cancel()
	// Shutdown has begun: new connections are refused once the listener
	// closes, but the request in flight is still being served.
	select {
	case err := <-served:
		t.Fatalf("Serve returned before the in-flight request finished: %v", err)
	default:
	}
	close(release)
	if r := <-got; r.err != nil || r.body != "done" {
		t.Fatalf("in-flight request: %q, %v", r.body, r.err)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
}

func TestDefaultServerOptionsSetEveryTimeout(t *testing.T) {
	o := DefaultServerOptions()
	for name, d := range map[string]time.Duration{"ReadHeader": o.ReadHeaderTimeout, "Read": o.ReadTimeout, "Write": o.WriteTimeout, "Idle": o.IdleTimeout, "Shutdown": o.ShutdownTimeout} {
		if d <= 0 {
			t.Errorf("%s timeout not set", name)
		}
	}
}
