package crypto

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/tink-crypto/tink-go/v2/keyset"
	tinkpb "github.com/tink-crypto/tink-go/v2/proto/tink_go_proto"
)

// MustKeyRing returns a fresh key ring and its file content.
func MustKeyRing(t testing.TB) (*KeyRing, []byte) {
	t.Helper()
	data, err := GenerateKeyRing()
	if err != nil {
		t.Fatal(err)
	}
	kr, err := LoadKeyRing(data)
	if err != nil {
		t.Fatal(err)
	}
	return kr, data
}

// MustLoadKeyRing parses a key ring or fails the test.
func MustLoadKeyRing(t testing.TB, data []byte) *KeyRing {
	t.Helper()
	kr, err := LoadKeyRing(data)
	if err != nil {
		t.Fatal(err)
	}
	return kr
}

// MustSQLiteKeyStore opens a key store in a fresh folder.
func MustSQLiteKeyStore(t testing.TB) *KeyStore {
	t.Helper()
	ks, err := OpenKeyStore(context.Background(), filepath.Join(t.TempDir(), "keys.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ks.Close() })
	return ks
}

// postgresURL returns BGCHECK_TEST_POSTGRES, skipping the test when it is
// unset unless CI=true.
func postgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("BGCHECK_TEST_POSTGRES")
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but BGCHECK_TEST_POSTGRES is not set")
		}
		t.Skip("BGCHECK_TEST_POSTGRES not set")
	}
	return u
}

// MustPostgresKeyStore opens a key store in a fresh random schema that is
// dropped when the test ends.
func MustPostgresKeyStore(t testing.TB) *KeyStore {
	t.Helper()
	u := postgresURL(t)
	schema := "bgcheck_keys_test_" + randomHex(t, 6)
	ctx := context.Background()
	ks, err := OpenKeyStore(ctx, u, WithSchema(schema))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ks.Close()
		conn, err := pgx.Connect(ctx, u)
		if err != nil {
			t.Errorf("drop schema: %v", err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	return ks
}

// forEachStore runs fn against a SQLite and a PostgreSQL key store.
func forEachStore(t *testing.T, fn func(t *testing.T, ks *KeyStore)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, MustSQLiteKeyStore(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, MustPostgresKeyStore(t)) })
}

func randomHex(t testing.TB, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

func addPrimary(t testing.TB, h *keyset.Handle, tmpl *tinkpb.KeyTemplate) *keyset.Handle {
	t.Helper()
	m := keyset.NewManagerFromHandle(h)
	id, err := m.Add(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.SetPrimary(id); err != nil {
		t.Fatal(err)
	}
	out, err := m.Handle()
	if err != nil {
		t.Fatal(err)
	}
	return out
}
