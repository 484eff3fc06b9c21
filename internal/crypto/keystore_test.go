package crypto

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func TestKeyStore(t *testing.T) {
	forEachStore(t, func(t *testing.T, ks *KeyStore) {
		t.Run("insert and get", func(t *testing.T) { testKeyStoreInsertGet(t, ks) })
		t.Run("destroy leaves tombstone", func(t *testing.T) { testKeyStoreDestroy(t, ks) })
		t.Run("swap is compare-and-swap", func(t *testing.T) { testKeyStoreSwap(t, ks) })
		t.Run("stale pages in key order", func(t *testing.T) { testKeyStoreStale(t, ks) })
	})
}

func testKeyStoreInsertGet(t *testing.T, ks *KeyStore) {
	ctx := context.Background()
	r := &keyRow{orgID: "org", ownerID: "a", masterKeyID: "mk1", wrapped: []byte{1, 2, 3}, createdAt: 1000}
	if ok, err := ks.insert(ctx, r); err != nil || !ok {
		t.Fatalf("insert: %v, %v", ok, err)
	}
	dup := &keyRow{orgID: "org", ownerID: "a", masterKeyID: "mk2", wrapped: []byte{9}, createdAt: 2000}
	if ok, err := ks.insert(ctx, dup); err != nil || ok {
		t.Fatalf("second insert for the same owner: %v, %v", ok, err)
	}
	got, err := ks.get(ctx, "org", "a")
	if err != nil {
		t.Fatal(err)
	}
	if got.masterKeyID != "mk1" || !bytes.Equal(got.wrapped, r.wrapped) || got.createdAt != 1000 || got.destroyedAt != 0 {
		t.Fatalf("got %+v", got)
	}
	if _, err := ks.get(ctx, "other-org", "a"); !errors.Is(err, errNoRow) {
		t.Fatalf("other tenant's row visible: %v", err)
	}
	info, err := ks.Info(ctx, "org", "a")
	if err != nil || info.MasterKeyID != "mk1" || !info.CreatedAt.Equal(time.UnixMilli(1000)) || !info.DestroyedAt.IsZero() {
		t.Fatalf("info %+v, %v", info, err)
	}
	if _, err := ks.Info(ctx, "org", "nobody"); domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("info of unknown owner: %v", err)
	}
}

func testKeyStoreDestroy(t *testing.T, ks *KeyStore) {
	ctx := context.Background()
	r := &keyRow{orgID: "org", ownerID: "d", masterKeyID: "mk1", wrapped: []byte{4, 5, 6}, createdAt: 1000}
	if _, err := ks.insert(ctx, r); err != nil {
		t.Fatal(err)
	}
	for range 2 { // idempotent
		if err := ks.destroy(ctx, "org", "d"); err != nil {
			t.Fatal(err)
		}
	}
	got, err := ks.get(ctx, "org", "d")
	if err != nil {
		t.Fatal(err)
	}
	if got.wrapped != nil || got.masterKeyID != "" || got.destroyedAt == 0 || got.createdAt != 1000 {
		t.Fatalf("tombstone %+v", got)
	}
	if ok, err := ks.insert(ctx, r); err != nil || ok {
		t.Fatalf("key re-created after destroy: %v, %v", ok, err)
	}
	// An owner who never had a key still gets a tombstone.
	if err := ks.destroy(ctx, "org", "never"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := ks.insert(ctx, &keyRow{orgID: "org", ownerID: "never", masterKeyID: "mk1", wrapped: []byte{1}}); ok {
		t.Fatal("key created for a destroyed owner")
	}
}

func testKeyStoreSwap(t *testing.T, ks *KeyStore) {
	ctx := context.Background()
	r := &keyRow{orgID: "org", ownerID: "s", masterKeyID: "mk1", wrapped: []byte{1}, createdAt: 1}
	if _, err := ks.insert(ctx, r); err != nil {
		t.Fatal(err)
	}
	if ok, err := ks.swap(ctx, r, "mk2", []byte{2}); err != nil || !ok {
		t.Fatalf("swap: %v, %v", ok, err)
	}
	// r still holds the old bytes: a second swap from it must not apply.
	if ok, err := ks.swap(ctx, r, "mk3", []byte{3}); err != nil || ok {
		t.Fatalf("stale swap applied: %v, %v", ok, err)
	}
	got, _ := ks.get(ctx, "org", "s")
	if got.masterKeyID != "mk2" || !bytes.Equal(got.wrapped, []byte{2}) {
		t.Fatalf("got %+v", got)
	}
	if err := ks.destroy(ctx, "org", "s"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := ks.swap(ctx, got, "mk4", []byte{4}); ok {
		t.Fatal("swap revived a destroyed key")
	}
}

func testKeyStoreStale(t *testing.T, ks *KeyStore) {
	ctx := context.Background()
	for _, o := range []string{"p3", "p1", "p2", "p4"} {
		mk := "old"
		if o == "p2" {
			mk = "new"
		}
		if _, err := ks.insert(ctx, &keyRow{orgID: "stale", ownerID: o, masterKeyID: mk, wrapped: []byte(o), createdAt: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ks.destroy(ctx, "stale", "p4"); err != nil {
		t.Fatal(err)
	}
	var seen []string
	afterOrg, afterOwner := "stale", ""
	for {
		rows, err := ks.stale(ctx, "new", afterOrg, afterOwner, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			break
		}
		r := rows[0]
		if r.orgID != "stale" {
			break // rows of other subtests sort after "stale"
		}
		seen = append(seen, r.ownerID)
		afterOrg, afterOwner = r.orgID, r.ownerID
	}
	if len(seen) != 2 || seen[0] != "p1" || seen[1] != "p3" {
		t.Fatalf("stale rows %v, want [p1 p3]", seen)
	}
}

func TestSQLiteKeyStoreFilesArePrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "keys.db")
	ks, err := OpenKeyStore(context.Background(), "sqlite://"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer ks.Close()
	if _, err := ks.insert(context.Background(), &keyRow{orgID: "o", ownerID: "a", masterKeyID: "m", wrapped: []byte{1}}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v", filepath.Base(p), fi.Mode().Perm())
		}
	}
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v", fi.Mode().Perm())
	}
}

func TestOpenKeyStoreRejectsBadConfiguration(t *testing.T) {
	ctx := context.Background()
	for name, open := range map[string]func() error{
		"empty":       func() error { _, err := OpenKeyStore(ctx, ""); return err },
		"scheme":      func() error { _, err := OpenKeyStore(ctx, "mysql://x/y"); return err },
		"schema name": func() error { _, err := OpenKeyStore(ctx, "postgres://127.0.0.1/x", WithSchema("a; DROP")); return err },
	} {
		if open() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
