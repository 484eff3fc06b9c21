package main

import (
	"context"
	"os"
	"sync"
	"time"

	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/tink-crypto/tink-go/v2/tink"
)

// reloadingRing is a master key provider that follows its key ring file:
// it re-reads the file when asked for a key it does not know and, at most
// every recheck interval, when the file has changed. After `bgcheck admin
// master-key rotate` running servers decrypt keys re-wrapped under the new
// master key at once and wrap new keys with it soon after: rotation needs no
// restart and no downtime.
type reloadingRing struct {
	path    string
	recheck time.Duration

	mu        sync.RWMutex
	ring      *crypto.KeyRing
	modTime   time.Time
	checkedAt time.Time
}

var _ crypto.KeyProvider = (*reloadingRing)(nil)

func newReloadingRing(path string, ring *crypto.KeyRing) *reloadingRing {
	r := &reloadingRing{path: path, ring: ring, recheck: 30 * time.Second, checkedAt: time.Now()}
	if fi, err := os.Stat(path); err == nil && path != "" {
		r.modTime = fi.ModTime()
	}
	return r
}

// Primary implements crypto.KeyProvider.
func (r *reloadingRing) Primary(ctx context.Context) (string, tink.AEAD, error) {
	r.reloadIfChanged()
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.ring.Primary(ctx)
}

// ByID implements crypto.KeyProvider.
func (r *reloadingRing) ByID(ctx context.Context, id string) (tink.AEAD, error) {
	r.mu.RLock()
	kek, err := r.ring.ByID(ctx, id)
	r.mu.RUnlock()
	if err == nil || r.path == "" {
		return kek, err
	}
	if !r.reload() {
		return nil, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.ring.ByID(ctx, id)
}

func (r *reloadingRing) reloadIfChanged() {
	if r.path == "" {
		return
	}
	r.mu.RLock()
	due := time.Since(r.checkedAt) >= r.recheck
	r.mu.RUnlock()
	if !due {
		return
	}
	fi, err := os.Stat(r.path)
	r.mu.Lock()
	r.checkedAt = time.Now()
	changed := err == nil && !fi.ModTime().Equal(r.modTime)
	r.mu.Unlock()
	if changed {
		r.reload()
	}
}

// reload reads the file again; a broken file keeps the current ring.
func (r *reloadingRing) reload() bool {
	fi, err := os.Stat(r.path)
	if err != nil {
		return false
	}
	fresh, err := crypto.LoadKeyRingFile(r.path)
	if err != nil {
		return false
	}
	r.mu.Lock()
	r.ring, r.modTime = fresh, fi.ModTime()
	r.mu.Unlock()
	return true
}
