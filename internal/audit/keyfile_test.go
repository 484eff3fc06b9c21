package audit

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestLoadOrCreateSigningKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "audit.pem")
	s1, err := LoadOrCreateSigningKey(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, want 0600", info.Mode().Perm())
	}
	s2, err := LoadOrCreateSigningKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(s1.PublicKey(), s2.PublicKey()) {
		t.Fatal("second start created a new key instead of loading the existing one")
	}
	s3, err := LoadSigningKey(path)
	if err != nil || !bytes.Equal(s1.PublicKey(), s3.PublicKey()) {
		t.Fatalf("LoadSigningKey: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestLoadOrCreateSigningKeyConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.pem")
	keys := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			s, err := LoadOrCreateSigningKey(path)
			if err != nil {
				t.Error(err)
				return
			}
			keys[i] = s.PublicKey()
		})
	}
	wg.Wait()
	for _, k := range keys[1:] {
		if !bytes.Equal(k, keys[0]) {
			t.Fatal("concurrent starters ended up with different keys")
		}
	}
}

func TestLoadSigningKeyErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadSigningKey(filepath.Join(dir, "missing.pem")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
	garbage := filepath.Join(dir, "garbage.pem")
	os.WriteFile(garbage, []byte("not a key"), 0o600)
	if _, err := LoadSigningKey(garbage); err == nil {
		t.Fatal("garbage accepted")
	}
	if _, err := LoadOrCreateSigningKey(garbage); err == nil {
		t.Fatal("LoadOrCreateSigningKey replaced or accepted a corrupt key file")
	}
	if b, _ := os.ReadFile(garbage); string(b) != "not a key" {
		t.Fatal("corrupt key file was overwritten")
	}
}

func TestPublicKeyPEMRoundTrip(t *testing.T) {
	s := mustSigner(t)
	pemBytes, err := MarshalPublicKey(s.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ParsePublicKey(pemBytes)
	if err != nil || !bytes.Equal(pub, s.PublicKey()) {
		t.Fatalf("round trip: %v", err)
	}
	if _, err := ParsePublicKey([]byte("nope")); err == nil {
		t.Fatal("garbage public key accepted")
	}
}
