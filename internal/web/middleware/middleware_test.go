package middleware

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/prometheus/client_golang/prometheus"
)

func page(w http.ResponseWriter, r *http.Request, status int) {
	w.WriteHeader(status)
	_, _ = io.WriteString(w, "error page")
}

func TestRecoverReRaisesAbort(t *testing.T) {
	h := Recover(slog.New(slog.DiscardHandler), page)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic(http.ErrAbortHandler)
	}))
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Fatalf("recovered %v, want http.ErrAbortHandler", v)
		}
	}()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
}

func TestRecoverAfterHeadersDoesNotWriteAgain(t *testing.T) {
	var logs bytes.Buffer
	h := Recover(slog.New(slog.NewTextHandler(&logs, nil)), page)(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusAccepted)
		panic("late")
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	if w.Code != http.StatusAccepted || strings.Contains(w.Body.String(), "error page") {
		t.Fatalf("got %d %q", w.Code, w.Body.String())
	}
	if !strings.Contains(logs.String(), "late") {
		t.Fatal("panic not logged")
	}
}

func TestBodyLimitWrapsBody(t *testing.T) {
	var readErr error
	h := BodyLimit(4, page)(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		_, readErr = io.ReadAll(r.Body)
	}))
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("0123456789"))
	r.ContentLength = -1
	h.ServeHTTP(httptest.NewRecorder(), r)
	var mbe *http.MaxBytesError
	if !errors.As(readErr, &mbe) {
		t.Fatalf("read error = %v, want *http.MaxBytesError", readErr)
	}
}

func TestRequestPutsInfoInContext(t *testing.T) {
	var got domain.RequestInfo
	var route string
	h := Request(0)(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		SetRoute(r.Context(), "/users/{id}")
		got = domain.RequestFrom(r.Context())
		route = RouteFrom(r.Context())
	}))
	r := httptest.NewRequest(http.MethodGet, "/users/1", nil)
	r.RemoteAddr = "192.0.2.1:1234"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if got.IP != "192.0.2.1" || got.ID == "" || got.ID != w.Header().Get(RequestIDHeader) || route != "/users/{id}" {
		t.Fatalf("info %+v, route %q", got, route)
	}
}

func TestValidRequestID(t *testing.T) {
	for id, want := range map[string]bool{
		"abc-DEF_1.2": true, "": false, strings.Repeat("a", 65): false, "a b": false, "a\"b": false, "ø": false,
	} {
		if validRequestID(id) != want {
			t.Errorf("validRequestID(%q) != %v", id, want)
		}
	}
}

func TestMetricsLabelUnknownMethods(t *testing.T) {
	reg := prometheus.NewRegistry()
	m, err := NewMetrics(reg)
	if err != nil {
		t.Fatal(err)
	}
	h := Request(0)(m.Handler(http.NotFoundHandler()))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("BREW", "/pot", nil))
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, mf := range mfs {
		for _, metric := range mf.GetMetric() {
			for _, l := range metric.GetLabel() {
				labels = append(labels, l.GetName()+"="+l.GetValue())
			}
		}
	}
	joined := strings.Join(labels, ",")
	if !strings.Contains(joined, "method=other") || !strings.Contains(joined, "route=unmatched") || strings.Contains(joined, "BREW") {
		t.Fatalf("labels: %s", joined)
	}
	if _, err := NewMetrics(reg); err == nil {
		t.Fatal("registering twice succeeded")
	}
}
