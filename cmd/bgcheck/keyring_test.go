package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/crypto"
)

// TestReloadingRingFollowsRotation proves running servers pick up a
// rotated key ring without restart: an unknown key id triggers a reload,
// and a changed file becomes the new primary after the recheck interval.
func TestReloadingRingFollowsRotation(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "master.keys")
	data, err := crypto.GenerateKeyRing()
	if err != nil {
		t.Fatal(err)
	}
	if err := crypto.WriteKeyRingFile(path, data); err != nil {
		t.Fatal(err)
	}
	ring, err := crypto.LoadKeyRingFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := newReloadingRing(path, ring)
	oldID, _, err := r.Primary(ctx)
	if err != nil {
		t.Fatal(err)
	}

	rotated, newID, err := crypto.AddKey(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := crypto.WriteKeyRingFile(path, rotated); err != nil {
		t.Fatal(err)
	}
	// Make sure the file's modification time differs even on coarse clocks.
	later := time.Now().Add(time.Second)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	if _, err := r.ByID(ctx, newID); err != nil {
		t.Fatalf("new key not found after rotation: %v", err)
	}
	if _, err := r.ByID(ctx, oldID); err != nil {
		t.Fatalf("old key lost: %v", err)
	}
	r.mu.Lock()
	r.recheck, r.modTime = 0, time.Time{}
	r.mu.Unlock()
	if id, _, _ := r.Primary(ctx); id != newID {
		t.Fatalf("primary %s, want the rotated key %s", id, newID)
	}
	if _, err := r.ByID(ctx, "no-such-key"); err == nil {
		t.Fatal("unknown key id accepted")
	}
}
