package crypto

import (
	"testing"
	"time"
)

func TestKeyCache(t *testing.T) {
	now := time.Date(2026, 11, 5, 10, 0, 0, 0, time.UTC)
	c := newKeyCache(2, time.Minute, func() time.Time { return now })
	a, b, d := &dataKey{}, &dataKey{}, &dataKey{}

	c.putIfGen("a", a, c.generation())
	c.putIfGen("b", b, c.generation())
	c.get("a") // a is now the most recent
	c.putIfGen("d", d, c.generation())
	if _, ok := c.get("b"); ok {
		t.Error("least recently used entry kept beyond the bound")
	}
	if k, ok := c.get("a"); !ok || k != a {
		t.Error("recently used entry evicted")
	}
	if c.len() != 2 {
		t.Errorf("len %d", c.len())
	}

	now = now.Add(time.Minute)
	if _, ok := c.get("a"); ok {
		t.Error("expired entry returned")
	}

	gen := c.generation()
	c.evict("d")
	c.putIfGen("d", d, gen)
	if _, ok := c.get("d"); ok {
		t.Error("entry read before an eviction was cached after it")
	}
}

func TestKeyCacheDisabled(t *testing.T) {
	c := newKeyCache(0, time.Minute, time.Now)
	c.putIfGen("a", &dataKey{}, c.generation())
	if _, ok := c.get("a"); ok {
		t.Error("disabled cache stored a key")
	}
}
