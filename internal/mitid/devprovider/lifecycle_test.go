package devprovider

import (
	"context"
	"net/http"
	"testing"

	"github.com/bgcheck/bgcheck/internal/mitid"
)

func TestCancellingTheContextStopsTheServer(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	p, err := Start(ctx, Options{Clients: []Client{{ID: "a", Secret: "b", RedirectURIs: []string{"http://127.0.0.1:9/cb"}, Shape: mitid.ShapeIdura}}})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(p.Issuer() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	<-p.done // Serve has returned
	if _, err := http.Get(p.Issuer() + "/healthz"); err == nil {
		t.Error("server still answers after its context ended")
	}
	if err := p.Close(); err != nil {
		t.Errorf("Close after cancel: %v", err)
	}
}
