package crypto

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func TestShred(t *testing.T) {
	forEachStore(t, testShred)
}

func testShred(t *testing.T, ks *KeyStore) {
	ctx := context.Background()
	kr, _ := MustKeyRing(t)
	e := New(kr, ks)
	victim := Scope{OrgID: "org-a", OwnerID: "subject-1", Record: "subject:1", Field: "cpr"}
	other := Scope{OrgID: "org-a", OwnerID: "subject-2", Record: "subject:2", Field: "cpr"}
	field := mustEncrypt(t, e, victim, []byte("0101901234"))
	doc := mustEncryptStream(t, e, victim, []byte("payslip"))
	otherField := mustEncrypt(t, e, other, []byte("0202902345"))

	if err := e.Shred(ctx, victim.OrgID, victim.OwnerID); err != nil {
		t.Fatal(err)
	}
	// A second server that had nothing cached sees the same.
	for name, env := range map[string]*Envelope{"this server": e, "fresh server": New(kr, ks)} {
		t.Run(name, func(t *testing.T) {
			_, err := env.Decrypt(ctx, victim, field)
			assertErased(t, "Decrypt", err)
			_, err = env.DecryptReader(ctx, victim, bytes.NewReader(doc))
			assertErased(t, "DecryptReader", err)
			_, err = env.Encrypt(ctx, victim, []byte("new data"))
			assertErased(t, "Encrypt", err)
			_, err = env.EncryptWriter(ctx, victim, &bytes.Buffer{})
			assertErased(t, "EncryptWriter", err)
			if pt, err := env.Decrypt(ctx, other, otherField); err != nil || string(pt) != "0202902345" {
				t.Fatalf("other owner affected: %v", err)
			}
		})
	}
	info, err := ks.Info(ctx, victim.OrgID, victim.OwnerID)
	if err != nil || info.DestroyedAt.IsZero() || info.MasterKeyID != "" {
		t.Fatalf("tombstone info %+v, %v", info, err)
	}
	if err := e.Shred(ctx, victim.OrgID, victim.OwnerID); err != nil {
		t.Fatalf("second shred: %v", err)
	}
}

func TestShredOfOwnerWithoutKeyBlocksFutureKeys(t *testing.T) {
	ctx := context.Background()
	e := newTestEnvelope(t, MustSQLiteKeyStore(t))
	if err := e.Shred(ctx, "org-a", "never-seen"); err != nil {
		t.Fatal(err)
	}
	_, err := e.Encrypt(ctx, Scope{OrgID: "org-a", OwnerID: "never-seen", Record: "r"}, []byte("x"))
	assertErased(t, "Encrypt", err)
}

func TestShredRequiresIDs(t *testing.T) {
	e := newTestEnvelope(t, MustSQLiteKeyStore(t))
	if err := e.Shred(context.Background(), "org-a", ""); err == nil {
		t.Fatal("shred without owner accepted")
	}
}

func assertErased(t *testing.T, op string, err error) {
	t.Helper()
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.ENotFound || de.Message != "error.erased" || !IsErased(err) {
		t.Fatalf("%s after shred: got %v, want error.erased", op, err)
	}
}
