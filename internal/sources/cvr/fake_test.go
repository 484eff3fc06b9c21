package cvr

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
)

const (
	fakeUser = "bgcheck-test"
	fakePass = "s3cret-test-password"
)

// fakeES is a local stand-in for the distribution service: it serves
// documents in the service's shape, pages participant searches through
// the scroll API, and fails the test when a request is not what the real
// service expects (method, path, Basic auth, body).
type fakeES struct {
	t         *testing.T
	companies []json.RawMessage // hit sources: {"Vrvirksomhed": …}
	persons   []json.RawMessage // hit sources: {"Vrdeltagerperson": …}

	mu       sync.Mutex
	requests []fakeRequest
	scrolls  map[string]scrollState
	nextID   int
	// fail, when set, answers request number n (1-based) instead.
	fail func(n int, w http.ResponseWriter, r *http.Request) bool
}

type fakeRequest struct {
	Path, Query string
	Body        []byte
}

type scrollState struct {
	rest [][]byte
	size int
}

func newFake(t *testing.T) (*fakeES, *httptest.Server) {
	t.Helper()
	f := &fakeES{t: t, scrolls: map[string]scrollState{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeES) addFile(t *testing.T, name string) {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	f.add(t, b)
}

func (f *fakeES) add(t *testing.T, src []byte) {
	t.Helper()
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(src, &probe); err != nil {
		t.Fatal(err)
	}
	switch {
	case probe["Vrvirksomhed"] != nil:
		f.companies = append(f.companies, src)
	case probe["Vrdeltagerperson"] != nil:
		f.persons = append(f.persons, src)
	default:
		t.Fatalf("fixture is neither a company nor a participant")
	}
}

func (f *fakeES) log() []fakeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeRequest(nil), f.requests...)
}

func (f *fakeES) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, fakeRequest{Path: r.URL.Path, Query: r.URL.RawQuery, Body: body})
	n := len(f.requests)
	f.mu.Unlock()
	if f.fail != nil && f.fail(n, w, r) {
		return
	}
	if u, p, ok := r.BasicAuth(); !ok || u != fakeUser || p != fakePass {
		http.Error(w, `{"error":"unauthorized"}`, http.StatusUnauthorized)
		return
	}
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
		f.t.Errorf("%s %s with Content-Type %q; want POST application/json", r.Method, r.URL.Path, r.Header.Get("Content-Type"))
	}
	switch r.URL.Path {
	case "/cvr-permanent/virksomhed/_search":
		f.searchCompanies(w, body)
	case "/cvr-permanent/deltager/_search":
		f.searchPersons(w, r, body)
	case "/_search/scroll":
		f.nextPage(w, r, body)
	default:
		http.NotFound(w, r)
	}
}

// searchBody is the query shape the client sends.
type searchBody struct {
	Source []string `json:"_source"`
	From   *int     `json:"from"`
	Size   int      `json:"size"`
	Query  struct {
		Term  map[string]int64 `json:"term"`
		Match map[string]struct {
			Query    string `json:"query"`
			Operator string `json:"operator"`
		} `json:"match"`
	} `json:"query"`
}

func (f *fakeES) parse(w http.ResponseWriter, body []byte, prefix string) (searchBody, bool) {
	var b searchBody
	if err := json.Unmarshal(body, &b); err != nil {
		http.Error(w, `{"error":"SearchParseException"}`, http.StatusBadRequest)
		return b, false
	}
	from := 0
	if b.From != nil {
		from = *b.From
	}
	if b.Size <= 0 || from+b.Size > 3000 {
		f.t.Errorf("from+size = %d+%d, the service allows at most 3000", from, b.Size)
	}
	for _, s := range b.Source {
		if !strings.HasPrefix(s, prefix+".") {
			f.t.Errorf("_source field %q outside %s", s, prefix)
		}
	}
	if len(b.Source) == 0 {
		f.t.Error("request without _source: it would fetch whole documents")
	}
	return b, true
}

func (f *fakeES) searchCompanies(w http.ResponseWriter, body []byte) {
	b, ok := f.parse(w, body, "Vrvirksomhed")
	if !ok {
		return
	}
	var hits [][]byte
	for _, src := range f.companies {
		var d struct {
			V Vrvirksomhed `json:"Vrvirksomhed"`
		}
		_ = json.Unmarshal(src, &d)
		if n, ok := b.Query.Term["Vrvirksomhed.cvrNummer"]; ok && d.V.CVRNummer == n {
			hits = append(hits, src)
		}
		if m, ok := b.Query.Match["Vrvirksomhed.navne.navn"]; ok && m.Operator == "and" && namesContain(d.V.Navne, m.Query) {
			hits = append(hits, src)
		}
	}
	writeHits(w, "", hits[:min(len(hits), b.Size)], len(hits))
}

func (f *fakeES) searchPersons(w http.ResponseWriter, r *http.Request, body []byte) {
	if r.URL.Query().Get("scroll") != "1m" {
		f.t.Errorf("participant search without ?scroll=1m: %q", r.URL.RawQuery)
	}
	b, ok := f.parse(w, body, "Vrdeltagerperson")
	if !ok {
		return
	}
	m, ok := b.Query.Match["Vrdeltagerperson.navne.navn"]
	if !ok || m.Operator != "and" {
		f.t.Errorf("participant query = %s", body)
	}
	var hits [][]byte
	for _, src := range f.persons {
		var d struct {
			P Vrdeltagerperson `json:"Vrdeltagerperson"`
		}
		_ = json.Unmarshal(src, &d)
		if namesContain(d.P.Navne, m.Query) {
			hits = append(hits, src)
		}
	}
	f.page(w, hits, b.Size)
}

// page answers with the first size hits and keeps the rest for scrolling.
func (f *fakeES) page(w http.ResponseWriter, hits [][]byte, size int) {
	f.mu.Lock()
	f.nextID++
	id := fmt.Sprintf("c2Nhbjs1OzE%d", f.nextID)
	first := hits[:min(size, len(hits))]
	f.scrolls[id] = scrollState{rest: hits[len(first):], size: size}
	f.mu.Unlock()
	writeHits(w, id, first, len(hits))
}

func (f *fakeES) nextPage(w http.ResponseWriter, r *http.Request, body []byte) {
	if r.URL.Query().Get("scroll") != "1m" {
		f.t.Errorf("scroll without ?scroll=1m: %q", r.URL.RawQuery)
	}
	f.mu.Lock()
	st, ok := f.scrolls[string(body)]
	delete(f.scrolls, string(body))
	f.mu.Unlock()
	if !ok {
		f.t.Errorf("scroll with unknown id %q", body)
		http.Error(w, `{"error":"SearchContextMissingException"}`, http.StatusNotFound)
		return
	}
	f.page(w, st.rest, st.size)
}

func writeHits(w http.ResponseWriter, scrollID string, hits [][]byte, total int) {
	var b strings.Builder
	if scrollID != "" {
		fmt.Fprintf(&b, `{"_scroll_id":%q,`, scrollID)
	} else {
		b.WriteString("{")
	}
	fmt.Fprintf(&b, `"took":3,"timed_out":false,"_shards":{"total":6,"successful":6,"failed":0},"hits":{"total":%d,"max_score":1.0,"hits":[`, total)
	for i, h := range hits {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"_index":"cvr-v-20260101","_type":"_doc","_id":"%d","_score":1.0,"_source":%s}`, i+1, h)
	}
	b.WriteString("]}}")
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	_, _ = io.WriteString(w, b.String())
}

// namesContain imitates a match query with operator "and": every word of
// q appears in one of the names.
func namesContain(names []Navn, q string) bool {
	for _, n := range names {
		all := true
		for _, w := range strings.Fields(strings.ToLower(q)) {
			all = all && strings.Contains(strings.ToLower(n.Navn), w)
		}
		if all {
			return true
		}
	}
	return false
}

func newTestClient(t *testing.T, srv *httptest.Server, mod func(*Config)) *Client {
	t.Helper()
	cfg := Config{BaseURL: srv.URL, Username: fakeUser, Password: fakePass, HTTPClient: srv.Client()}
	if mod != nil {
		mod(&cfg)
	}
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
