package static

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestAssets(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"app.css", "app.js", "htmx.min.js", "htmx-LICENSE.txt"} {
		if !a.Has(name) {
			t.Errorf("%s is not embedded", name)
		}
	}
	p := a.Path("app.js")
	if !strings.HasPrefix(p, "/static/app.js?v=") || len(p) < len("/static/app.js?v=")+16 {
		t.Fatalf("Path = %q", p)
	}
	w := httptest.NewRecorder()
	a.ServeHTTP(w, httptest.NewRequest(http.MethodGet, p, nil))
	if w.Code != http.StatusOK || !strings.Contains(w.Header().Get("Content-Type"), "javascript") {
		t.Fatalf("got %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	etag := w.Header().Get("ETag")
	r := httptest.NewRequest(http.MethodGet, p, nil)
	r.Header.Set("If-None-Match", etag)
	w = httptest.NewRecorder()
	a.ServeHTTP(w, r)
	if w.Code != http.StatusNotModified {
		t.Fatalf("revalidation: %d", w.Code)
	}
	w = httptest.NewRecorder()
	a.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/static/static.go", nil))
	if w.Code != http.StatusNotFound {
		t.Fatalf("source file served: %d", w.Code)
	}
}

// The script must not evaluate strings or write inline handlers, or the
// CSP would have to be loosened.
func TestAppScriptIsCSPSafe(t *testing.T) {
	b, err := files.ReadFile("app.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"eval(", "new Function", "innerHTML", ".setAttribute(\"on", "style="} {
		if strings.Contains(string(b), bad) {
			t.Errorf("app.js uses %s", bad)
		}
	}
}
