package cvr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
)

// Limits of the distribution service and of what bgcheck reads.
const (
	// MaxWindow is the service's limit on from+size of one search.
	MaxWindow = 3000
	// DefaultPageSize is the number of hits asked for per scroll page.
	DefaultPageSize = 500
	// DefaultMaxCandidates bounds a participant search; a name shared by
	// more people than this gives a truncated result.
	DefaultMaxCandidates = 2000
	// DefaultNameResults is how many companies a name search returns.
	DefaultNameResults = 20
	// maxResponseBytes bounds one response body.
	maxResponseBytes = 64 << 20
	// scrollKeepAlive is how long the service keeps a scroll open
	// between pages.
	scrollKeepAlive = "1m"
)

// Config configures the HTTP client. Credentials come from the Business
// Authority's system-to-system agreement.
type Config struct {
	// BaseURL is the service root, e.g. https://distribution.virk.dk.
	BaseURL  string
	Username string
	Password string
	// AllowPlainHTTP permits an http:// BaseURL that is not loopback. The
	// password travels in every request, so only use it if the service
	// offers no TLS.
	AllowPlainHTTP bool
	// HTTPClient is used for requests; nil means a client without a
	// timeout of its own (the Guard bounds every call).
	HTTPClient    *http.Client
	PageSize      int     // hits per scroll page; 0 means DefaultPageSize
	MaxCandidates int     // 0 means DefaultMaxCandidates
	NameResults   int     // 0 means DefaultNameResults
	MinConfidence float64 // 0 means rules.RoleMatchMinimum
}

// Client is the real CVR register: an HTTP client for the distribution
// service. It makes one attempt per call; wrap it with Guarded for
// timeouts, retries, the circuit breaker, caching and audit.
type Client struct {
	cfg  Config
	base *url.URL
	http *http.Client
}

// NewClient checks cfg and returns a Client.
func NewClient(cfg Config) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("cvr: base URL %q is not an http(s) URL", cfg.BaseURL)
	}
	if u.Scheme == "http" && !cfg.AllowPlainHTTP && !isLoopback(u.Hostname()) {
		return nil, errors.New("cvr: refusing to send credentials over plain http; use https")
	}
	if cfg.Username == "" || cfg.Password == "" {
		return nil, errors.New("cvr: username and password are required")
	}
	cfg.PageSize = clamp(cfg.PageSize, DefaultPageSize, MaxWindow)
	cfg.NameResults = clamp(cfg.NameResults, DefaultNameResults, MaxWindow)
	if cfg.MaxCandidates <= 0 {
		cfg.MaxCandidates = DefaultMaxCandidates
	}
	if cfg.MinConfidence == 0 {
		cfg.MinConfidence = rules.RoleMatchMinimum
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	return &Client{cfg: cfg, base: u, http: hc}, nil
}

func clamp(v, def, most int) int {
	if v <= 0 {
		return def
	}
	return min(v, most)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// post sends body to path and returns the response body, classifying
// every failure as a sources error.
func (c *Client) post(ctx context.Context, path string, query url.Values, body []byte) ([]byte, error) {
	u := c.base.JoinPath(path)
	u.RawQuery = query.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, sources.Invalid(rules.SourceCVR, err)
	}
	req.SetBasicAuth(c.cfg.Username, c.cfg.Password)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, sources.Unavailable(rules.SourceCVR, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return nil, sources.Unavailable(rules.SourceCVR, fmt.Errorf("reading the answer: %w", err))
	}
	if len(b) > maxResponseBytes {
		return nil, sources.Unavailable(rules.SourceCVR, fmt.Errorf("%w: answer larger than %d bytes", sources.ErrMalformed, maxResponseBytes))
	}
	if err := statusError(resp); err != nil {
		return nil, err
	}
	return b, nil
}

// statusError maps an HTTP status to a sources error. A search that
// matches nothing is a 200 with no hits, so no status means "not found".
func statusError(resp *http.Response) error {
	code := resp.StatusCode
	switch {
	case code >= 200 && code < 300:
		return nil
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return sources.Unavailable(rules.SourceCVR, fmt.Errorf("%w: HTTP %d", sources.ErrUnauthorized, code))
	case code == http.StatusBadRequest:
		return sources.Invalid(rules.SourceCVR, fmt.Errorf("query refused: HTTP %d", code))
	}
	e := sources.Unavailable(rules.SourceCVR, fmt.Errorf("HTTP %d", code))
	e.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), time.Now())
	return e
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
