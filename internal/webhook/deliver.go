package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// Headers sent with every delivery besides SignatureHeader.
const (
	EventIDHeader   = "Bgcheck-Event-Id"
	EventTypeHeader = "Bgcheck-Event-Type"
	UserAgent       = "bgcheck-webhooks/1"
)

// SnippetBytes is how much of a response body a Result keeps for the
// delivery log.
const SnippetBytes = 1 << 10

// Result describes one delivery attempt, for the delivery log.
type Result struct {
	StatusCode int           // 0 when no response arrived
	Duration   time.Duration // from sending to the end of the response
	Snippet    string        // the first SnippetBytes of the body, valid UTF-8
	Success    bool          // a 2xx answer; anything else is retried
}

// Deliver sends ev to target once, signed with every secret (one during
// normal operation, the new and the old one during a rotation). The
// timestamp is the time of this attempt, so a retry hours later still
// verifies within the receiver's tolerance.
//
// The error is non-nil when no response arrived (connection refused,
// timeout, a forbidden address) or when ev breaks the payload rules
// (ErrInvalidEvent, not worth retrying). A response of any status is not
// an error: Result.Success says whether it counts.
//
// client should come from Client, which refuses forbidden addresses.
func Deliver(ctx context.Context, client *http.Client, target string, secrets [][]byte, ev Event) (Result, error) {
	body, err := Payload(ev)
	if err != nil {
		return Result{}, err
	}
	if len(secrets) == 0 {
		return Result{}, ErrNoSecret
	}
	if client == nil {
		// http.DefaultClient would bypass the address guard.
		return Result{}, errors.New("webhook: no client; use Client")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return Result{}, fmt.Errorf("webhook: request: %w", err)
	}
	start := time.Now()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set(EventIDHeader, ev.ID)
	req.Header.Set(EventTypeHeader, string(ev.Type))
	req.Header.Set(SignatureHeader, SignAll(secrets, start, body))
	resp, err := client.Do(req)
	if err != nil {
		return Result{Duration: time.Since(start)}, fmt.Errorf("webhook: deliver %s: %w", ev.ID, err)
	}
	defer resp.Body.Close()
	head, _ := io.ReadAll(io.LimitReader(resp.Body, SnippetBytes))
	// Draining what is left (the client caps it) lets the connection be
	// reused for the next delivery.
	_, _ = io.Copy(io.Discard, resp.Body)
	return Result{
		StatusCode: resp.StatusCode,
		Duration:   time.Since(start),
		Snippet:    snippet(head),
		Success:    resp.StatusCode >= 200 && resp.StatusCode < 300,
	}, nil
}

// snippet makes a body prefix safe to store and show: a multi-byte
// character cut at the limit is dropped and invalid bytes replaced.
func snippet(b []byte) string {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if r, size := utf8.DecodeLastRune(b); r != utf8.RuneError || size != 1 {
			break
		}
		b = b[:len(b)-1]
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}
