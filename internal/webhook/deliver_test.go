package webhook

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"
)

var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}

// docVerify is the Go verifier from docs/webhooks.md, written from the
// document alone: nothing of this package's verification code is used.
func docVerify(secret, header string, body []byte, now time.Time) bool {
	var t string
	var sigs []string
	for _, entry := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(entry), "=")
		switch k {
		case "t":
			t = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	sec, err := strconv.ParseInt(t, 10, 64)
	if err != nil || now.Sub(time.Unix(sec, 0)).Abs() > 5*time.Minute {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(t + "."))
	mac.Write(body)
	want := hex.EncodeToString(mac.Sum(nil))
	for _, sig := range sigs {
		if hmac.Equal([]byte(want), []byte(sig)) {
			return true
		}
	}
	return false
}

// received is one request as a receiver saw it.
type received struct {
	header http.Header
	body   []byte
	at     time.Time
}

// receiver is an HR system's endpoint: it records requests and answers
// with status and reply.
func receiver(t *testing.T, status int, reply string) (*httptest.Server, func() []received) {
	t.Helper()
	var mu sync.Mutex
	var got []received
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, received{r.Header.Clone(), b, time.Now()})
		mu.Unlock()
		w.WriteHeader(status)
		io.WriteString(w, reply)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []received {
		mu.Lock()
		defer mu.Unlock()
		return append([]received(nil), got...)
	}
}

func mustSecret(t *testing.T) string {
	t.Helper()
	s, err := NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDeliveryVerifiesWithTheDocumentedVerifier(t *testing.T) {
	secret := mustSecret(t)
	srv, requests := receiver(t, http.StatusNoContent, "")
	res, err := Deliver(context.Background(), Client(loopback, 5*time.Second), srv.URL+"/hooks", [][]byte{[]byte(secret)}, decided())
	if err != nil {
		t.Fatal(err)
	}
	if !res.Success || res.StatusCode != http.StatusNoContent || res.Duration <= 0 {
		t.Errorf("Result = %+v, want a successful 204", res)
	}
	got := requests()
	if len(got) != 1 {
		t.Fatalf("receiver got %d requests, want 1", len(got))
	}
	r := got[0]
	if !docVerify(secret, r.header.Get("Bgcheck-Signature"), r.body, r.at) {
		t.Errorf("documented verifier refused header %q for body %s", r.header.Get("Bgcheck-Signature"), r.body)
	}
	other := mustSecret(t)
	if docVerify(other, r.header.Get("Bgcheck-Signature"), r.body, r.at) {
		t.Error("documented verifier accepted the delivery with another secret")
	}
	if docVerify(secret, r.header.Get("Bgcheck-Signature"), append(r.body, ' '), r.at) {
		t.Error("documented verifier accepted a changed body")
	}
	if docVerify(secret, r.header.Get("Bgcheck-Signature"), r.body, r.at.Add(6*time.Minute)) {
		t.Error("documented verifier accepted the delivery 6 minutes late")
	}
	for h, want := range map[string]string{
		"Content-Type":       "application/json",
		"User-Agent":         "bgcheck-webhooks/1",
		"Bgcheck-Event-Id":   evID,
		"Bgcheck-Event-Type": "case.decided",
	} {
		if v := r.header.Get(h); v != want {
			t.Errorf("header %s = %q, want %q", h, v, want)
		}
	}
	checkDocumentedEnvelope(t, r.body)
}

// checkDocumentedEnvelope checks a body against the envelope and the
// data fields docs/webhooks.md lists.
func checkDocumentedEnvelope(t *testing.T, body []byte) {
	t.Helper()
	var env map[string]json.RawMessage
	if err := json.Unmarshal(body, &env); err != nil {
		t.Fatalf("body is not a JSON object: %v", err)
	}
	for _, k := range []string{"id", "type", "created_at", "organisation_id", "data"} {
		if _, ok := env[k]; !ok {
			t.Errorf("envelope lacks %q: %s", k, body)
		}
	}
	if len(env) != 5 {
		t.Errorf("envelope has %d fields, want the 5 documented: %s", len(env), body)
	}
	var data map[string]string
	if err := json.Unmarshal(env["data"], &data); err != nil {
		t.Fatalf("data is not an object of strings: %v", err)
	}
	documented := map[string]bool{"case_id": true, "package_id": true, "employee_id": true, "status": true, "outcome": true, "category": true, "due_at": true}
	for k := range data {
		if !documented[k] {
			t.Errorf("data field %q is not documented", k)
		}
	}
}

func TestDeliveryDuringRotationVerifiesWithEitherSecret(t *testing.T) {
	oldSecret, newSecret := mustSecret(t), mustSecret(t)
	srv, requests := receiver(t, http.StatusOK, "ok")
	_, err := Deliver(context.Background(), Client(loopback, 5*time.Second), srv.URL, [][]byte{[]byte(newSecret), []byte(oldSecret)}, decided())
	if err != nil {
		t.Fatal(err)
	}
	r := requests()[0]
	h := r.header.Get("Bgcheck-Signature")
	if strings.Count(h, "v1=") != 2 {
		t.Errorf("header %q, want two v1 entries", h)
	}
	for name, s := range map[string]string{"old": oldSecret, "new": newSecret} {
		if !docVerify(s, h, r.body, r.at) {
			t.Errorf("receiver on the %s secret refused the delivery", name)
		}
	}
}

func TestDeliveryResultOfAFailure(t *testing.T) {
	reply := strings.Repeat("é", SnippetBytes) // 2 bytes each: the cut falls inside one
	srv, _ := receiver(t, http.StatusServiceUnavailable, reply)
	res, err := Deliver(context.Background(), Client(loopback, 5*time.Second), srv.URL, [][]byte{[]byte(mustSecret(t))}, decided())
	if err != nil {
		t.Fatalf("a 503 answer is a result, not an error: %v", err)
	}
	if res.Success || res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("Result = %+v, want an unsuccessful 503", res)
	}
	if !utf8.ValidString(res.Snippet) || len(res.Snippet) > SnippetBytes || len(res.Snippet) < SnippetBytes-1 || !strings.HasPrefix(reply, res.Snippet) {
		t.Errorf("Snippet has %d bytes (valid UTF-8: %v), want the reply's first ~%d", len(res.Snippet), utf8.ValidString(res.Snippet), SnippetBytes)
	}
}

func TestDeliveryDoesNotFollowRedirects(t *testing.T) {
	var followed atomic.Bool
	mux := http.NewServeMux()
	mux.HandleFunc("/hooks", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/elsewhere", func(w http.ResponseWriter, r *http.Request) { followed.Store(true) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	res, err := Deliver(context.Background(), Client(loopback, 5*time.Second), srv.URL+"/hooks", [][]byte{[]byte(mustSecret(t))}, decided())
	if err != nil {
		t.Fatal(err)
	}
	if followed.Load() || res.Success || res.StatusCode != http.StatusTemporaryRedirect {
		t.Errorf("Result = %+v, followed = %v; want the 307 as an unsuccessful answer", res, followed.Load())
	}
}

func TestDeliverRefusesBeforeSending(t *testing.T) {
	srv, requests := receiver(t, http.StatusOK, "")
	bad := decided()
	bad.Data.CaseID = "0101901234"
	if _, err := Deliver(context.Background(), Client(loopback, time.Second), srv.URL, [][]byte{[]byte("s")}, bad); err == nil {
		t.Error("Deliver sent an event carrying a CPR-shaped id")
	}
	if _, err := Deliver(context.Background(), Client(loopback, time.Second), srv.URL, nil, decided()); err == nil {
		t.Error("Deliver sent an unsigned event")
	}
	if n := len(requests()); n != 0 {
		t.Errorf("receiver got %d requests, want none", n)
	}
}

// The shell verifier in docs/webhooks.md, run as documented against a
// real delivery.
func TestDocumentedShellVerifier(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl not installed")
	}
	script := docBlock(t, "### Shell (openssl)", "```sh")
	secret := mustSecret(t)
	srv, requests := receiver(t, http.StatusOK, "")
	if _, err := Deliver(context.Background(), Client(loopback, 5*time.Second), srv.URL, [][]byte{[]byte(secret)}, decided()); err != nil {
		t.Fatal(err)
	}
	r := requests()[0]
	run := func(secret string, body []byte) string {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "body.json"), body, 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("sh", "-c", script)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "SECRET="+secret, "HEADER="+r.header.Get("Bgcheck-Signature"))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("script failed: %v\n%s", err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if out := run(secret, r.body); out != "valid" {
		t.Errorf("documented shell verifier printed %q for a real delivery", out)
	}
	if out := run(secret, append(r.body, '\n')); out != "invalid" {
		t.Errorf("documented shell verifier printed %q for a changed body", out)
	}
	if out := run(mustSecret(t), r.body); out != "invalid" {
		t.Errorf("documented shell verifier printed %q for another secret", out)
	}
}

// docBlock returns the first fenced block opened by fence after the line
// heading in docs/webhooks.md.
func docBlock(t *testing.T, heading, fence string) string {
	t.Helper()
	doc, err := os.ReadFile("../../docs/webhooks.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("docs/webhooks.md has no %q", heading)
	}
	_, rest, ok = strings.Cut(rest, fence+"\n")
	block, _, ok2 := strings.Cut(rest, "\n```")
	if !ok || !ok2 {
		t.Fatalf("no %s block after %q", fence, heading)
	}
	return block
}

// docVerify must stay the verifier the document shows, or the test above
// proves nothing about what receivers run.
func TestDocumentedGoVerifierIsTheOneTested(t *testing.T) {
	doc := docBlock(t, "### Go", "```go")
	_, docFunc, ok := strings.Cut(doc, "func verify(")
	if !ok {
		t.Fatal("no func verify in the Go block")
	}
	src, err := os.ReadFile("deliver_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, testFunc, _ := strings.Cut(string(src), "func docVerify(")
	testFunc, _, _ = strings.Cut(testFunc, "\n}\n")
	if strings.TrimSpace(docFunc) != strings.TrimSpace(testFunc+"\n}") {
		t.Errorf("docs/webhooks.md's verify differs from docVerify:\n%s\n---\n%s", docFunc, testFunc)
	}
}
