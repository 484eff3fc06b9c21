package blob

import (
	"context"
	"crypto/rand"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/bgcheck/bgcheck/internal/crypto"
)

// testEnv is a blob store with its own key ring and key store.
type testEnv struct {
	fs      *FS
	env     *crypto.Envelope
	blobDir string
	keysDB  string
}

func newTestEnv(t testing.TB, opts ...Option) *testEnv {
	t.Helper()
	dir := t.TempDir()
	ring, err := crypto.GenerateKeyRing()
	if err != nil {
		t.Fatal(err)
	}
	kr, err := crypto.LoadKeyRing(ring)
	if err != nil {
		t.Fatal(err)
	}
	keysDB := filepath.Join(dir, "keys.db")
	ks, err := crypto.OpenKeyStore(context.Background(), keysDB)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ks.Close() })
	env := crypto.New(kr, ks)
	blobDir := filepath.Join(dir, "blobs")
	s, err := NewFS(blobDir, env, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return &testEnv{fs: s, env: env, blobDir: blobDir, keysDB: keysDB}
}

var docScope = crypto.Scope{OrgID: "org-a", OwnerID: "subject-1", Field: "document"}

func randomBytes(t testing.TB, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

// files lists every regular file under dir, relative to it.
func files(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
