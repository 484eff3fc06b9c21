package crypto

import (
	"container/list"
	"sync"
	"time"
)

// keyCache is a bounded LRU of unwrapped data keys with a time to live.
// The TTL bounds how long another server that has not seen a shred can
// keep using a destroyed key from its memory.
type keyCache struct {
	mu    sync.Mutex
	size  int
	ttl   time.Duration
	now   func() time.Time
	ll    *list.List
	items map[string]*list.Element
	// gen changes on every eviction, so a lookup that raced with a shred
	// does not put the destroyed key back (see putIfGen).
	gen uint64
}

type cacheEntry struct {
	id      string
	key     *dataKey
	expires time.Time
}

func newKeyCache(size int, ttl time.Duration, now func() time.Time) *keyCache {
	return &keyCache{size: size, ttl: ttl, now: now, ll: list.New(), items: map[string]*list.Element{}}
}

func cacheID(orgID, ownerID string) string { return string(lengthPrefixed(orgID, ownerID)) }

// generation returns the current generation, to be passed to putIfGen.
func (c *keyCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

func (c *keyCache) get(id string) (*dataKey, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[id]
	if !ok {
		return nil, false
	}
	e := el.Value.(*cacheEntry)
	if !c.now().Before(e.expires) {
		c.removeElement(el)
		return nil, false
	}
	c.ll.MoveToFront(el)
	return e.key, true
}

// putIfGen stores key unless an eviction happened since gen was read.
func (c *keyCache) putIfGen(id string, key *dataKey, gen uint64) {
	if c.size <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	if el, ok := c.items[id]; ok {
		c.removeElement(el)
	}
	c.items[id] = c.ll.PushFront(&cacheEntry{id: id, key: key, expires: c.now().Add(c.ttl)})
	for c.ll.Len() > c.size {
		c.removeElement(c.ll.Back())
	}
}

func (c *keyCache) evict(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if el, ok := c.items[id]; ok {
		c.removeElement(el)
	}
}

func (c *keyCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}

func (c *keyCache) removeElement(el *list.Element) {
	c.ll.Remove(el)
	delete(c.items, el.Value.(*cacheEntry).id)
}
