package sources

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"time"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// Key addresses one cached answer: a question (source, kind and a digest
// of the query) asked for one case.
type Key struct {
	CaseID string
	Source rules.Source
	Kind   string
	// Digest is the hex SHA-256 of Query.Key, so the key itself holds
	// no name, address or CPR number.
	Digest string
}

func keyFor(caseID string, src rules.Source, q Query) Key {
	sum := sha256.Sum256([]byte(q.Key))
	return Key{CaseID: caseID, Source: src, Kind: q.Kind, Digest: hex.EncodeToString(sum[:])}
}

// Cache keeps register answers per case, so re-running an analysis reuses
// what the registers said instead of asking again. Values are opaque
// bytes (JSON) so an implementation can keep them anywhere; they are
// personal data, and a persistent implementation must encrypt them with
// the subject's key and delete them with the case.
type Cache interface {
	Get(ctx context.Context, k Key) (value []byte, ok bool, err error)
	Put(ctx context.Context, k Key, value []byte) error
	// ForgetCase deletes every answer kept for the case.
	ForgetCase(ctx context.Context, caseID string) error
}

// MemoryCache is a Cache in process memory. Answers older than maxAge are
// not returned; a zero maxAge keeps them until the case is forgotten. It
// is safe for concurrent use.
type MemoryCache struct {
	maxAge time.Duration
	now    func() time.Time

	mu     sync.Mutex
	byCase map[string]map[Key]memEntry
}

type memEntry struct {
	value []byte
	at    time.Time
}

// NewMemoryCache returns an empty MemoryCache. now is the clock; nil
// means time.Now.
func NewMemoryCache(maxAge time.Duration, now func() time.Time) *MemoryCache {
	if now == nil {
		now = time.Now
	}
	return &MemoryCache{maxAge: maxAge, now: now, byCase: map[string]map[Key]memEntry{}}
}

// Get returns the answer kept under k.
func (c *MemoryCache) Get(_ context.Context, k Key) ([]byte, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byCase[k.CaseID][k]
	if !ok {
		return nil, false, nil
	}
	if c.maxAge > 0 && c.now().Sub(e.at) >= c.maxAge {
		delete(c.byCase[k.CaseID], k)
		return nil, false, nil
	}
	return e.value, true, nil
}

// Put keeps value under k, replacing an earlier answer.
func (c *MemoryCache) Put(_ context.Context, k Key, value []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.byCase[k.CaseID]
	if m == nil {
		m = map[Key]memEntry{}
		c.byCase[k.CaseID] = m
	}
	m[k] = memEntry{value: value, at: c.now()}
	return nil
}

// ForgetCase deletes every answer kept for caseID.
func (c *MemoryCache) ForgetCase(_ context.Context, caseID string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.byCase, caseID)
	return nil
}

// Len returns the number of answers kept, for tests and metrics.
func (c *MemoryCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, m := range c.byCase {
		n += len(m)
	}
	return n
}
