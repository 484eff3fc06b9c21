package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// cmdTimeout bounds one in-process command. Argon2 hashing and migrations
// are slow under -race, so it is generous; a hang still fails the test.
const cmdTimeout = 2 * time.Minute

// syncBuffer collects the output of a command that writes from several
// goroutines (the server logs while it shuts down).
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// getenvFrom returns a getenv reading only m, so that the environment of
// the test process (a developer's BGCHECK_* settings) cannot leak in.
func getenvFrom(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// result is what one command run produced.
type result struct {
	code           int
	stdout, stderr string
}

// runCmd runs bgcheck in-process with args under the environment env.
func runCmd(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), cmdTimeout)
	defer cancel()
	var stdout, stderr syncBuffer
	code := run(ctx, args, &stdout, &stderr, getenvFrom(env))
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// mustRun runs bgcheck and fails the test unless it exits 0.
func mustRun(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	r := runCmd(t, env, args...)
	if r.code != 0 {
		t.Fatalf("bgcheck %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

// mustFail runs bgcheck and fails the test unless it exits with code.
func mustFail(t *testing.T, code int, env map[string]string, args ...string) result {
	t.Helper()
	r := runCmd(t, env, args...)
	if r.code != code {
		t.Fatalf("bgcheck %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, code, r.stdout, r.stderr)
	}
	return r
}

// noStackTrace fails the test when out looks like a Go panic.
func noStackTrace(t *testing.T, out string) {
	t.Helper()
	for _, sign := range []string{"panic:", "goroutine ", ".go:"} {
		if strings.Contains(out, sign) {
			t.Errorf("output contains %q, like a stack trace:\n%s", sign, out)
		}
	}
}

// writeFile writes content to name in a fresh temporary folder.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// demoServer is `bgcheck demo` running in-process.
type demoServer struct {
	URL    string
	stderr *syncBuffer
	cancel context.CancelFunc
	done   chan int // receives run's exit code
	code   int
	ended  bool
}

// bannerPrefix starts the line of the demo banner that holds the URL.
const bannerPrefix = "bgcheck demo is running at "

// startDemo runs `bgcheck demo` on a free loopback port with a fresh data
// folder and returns once the banner has named the URL. The demo is stopped
// when the test ends if the test has not stopped it.
func startDemo(t *testing.T) *demoServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	d := &demoServer{stderr: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	pr, pw := io.Pipe()
	args := []string{"demo", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir()}
	go func() {
		code := run(ctx, args, pw, d.stderr, getenvFrom(nil))
		pw.Close()
		d.done <- code
	}()
	urls := make(chan string, 1)
	go readBanner(pr, urls)
	t.Cleanup(func() { d.stop(t) })
	select {
	case d.URL = <-urls:
	case code := <-d.done:
		d.ended, d.code = true, code
		t.Fatalf("demo exited with %d before printing its URL\nstderr:\n%s", code, d.stderr)
	case <-time.After(cmdTimeout):
		t.Fatalf("demo printed no URL within %s\nstderr:\n%s", cmdTimeout, d.stderr)
	}
	return d
}

// readBanner sends the URL from the banner on urls and then drains r, so
// that the demo never blocks writing to stdout.
func readBanner(r io.Reader, urls chan<- string) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if url, ok := strings.CutPrefix(sc.Text(), bannerPrefix); ok {
			urls <- strings.TrimSpace(url)
			break
		}
	}
	_, _ = io.Copy(io.Discard, r)
}

// stop cancels the demo's context, as Ctrl-C does, and returns run's exit
// code once it has shut down.
func (d *demoServer) stop(t *testing.T) int {
	t.Helper()
	if d.ended {
		return d.code
	}
	d.cancel()
	select {
	case d.code = <-d.done:
		d.ended = true
	case <-time.After(cmdTimeout):
		t.Fatalf("demo did not shut down within %s\nstderr:\n%s", cmdTimeout, d.stderr)
	}
	return d.code
}
