package crypto

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"
)

func TestRotateMaster(t *testing.T) {
	forEachStore(t, testRotateMaster)
}

func testRotateMaster(t *testing.T, ks *KeyStore) {
	ctx := context.Background()
	oldRing, oldData := MustKeyRing(t)
	before := New(oldRing, ks)
	// More owners than one batch, so paging is exercised.
	const owners = rotateBatch + 31
	written := map[Scope][]byte{}
	for i := range owners {
		sc := Scope{OrgID: fmt.Sprintf("org-%d", i%3), OwnerID: fmt.Sprintf("owner-%03d", i), Record: "r"}
		written[sc] = mustEncrypt(t, before, sc, []byte(sc.OwnerID))
	}
	if err := before.Shred(ctx, "org-0", "owner-000"); err != nil {
		t.Fatal(err)
	}
	delete(written, Scope{OrgID: "org-0", OwnerID: "owner-000", Record: "r"})

	newData, newID, err := AddKey(oldData)
	if err != nil {
		t.Fatal(err)
	}
	newRing := MustLoadKeyRing(t, newData)
	after := New(newRing, ks)
	// Written after the ring rotated, before re-wrapping: a new owner's key
	// is wrapped with the new primary; old owners keep their data keys.
	fresh := Scope{OrgID: "org-9", OwnerID: "owner-new", Record: "r"}
	written[fresh] = mustEncrypt(t, after, fresh, []byte(fresh.OwnerID))
	oldOwner := Scope{OrgID: "org-1", OwnerID: "owner-001", Record: "r2"}
	written[oldOwner] = mustEncrypt(t, after, oldOwner, []byte(oldOwner.OwnerID))

	n, err := after.RotateMaster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != owners-1 {
		t.Fatalf("re-wrapped %d keys, want %d", n, owners-1)
	}
	if n, err := after.RotateMaster(ctx); err != nil || n != 0 {
		t.Fatalf("second rotation re-wrapped %d, %v", n, err)
	}
	for sc := range written {
		if info, err := ks.Info(ctx, sc.OrgID, sc.OwnerID); err != nil || info.MasterKeyID != newID {
			t.Fatalf("%s wrapped by %q, %v", sc.OwnerID, info.MasterKeyID, err)
		}
	}

	onlyNew := New(MustLoadKeyRing(t, withoutKey(t, newData, oldRing.PrimaryID())), ks)
	for sc, ct := range written {
		pt, err := onlyNew.Decrypt(ctx, sc, ct)
		if err != nil || string(pt) != sc.OwnerID {
			t.Fatalf("%s after rotation, new key only: %v", sc.OwnerID, err)
		}
	}
	onlyOld := New(oldRing, ks)
	for sc, ct := range written {
		if _, err := onlyOld.Decrypt(ctx, sc, ct); err == nil {
			t.Fatalf("%s still unwraps with the old ring alone", sc.OwnerID)
		}
	}
}

func TestRotateMasterFailsWhenAnOldKeyIsMissing(t *testing.T) {
	ctx := context.Background()
	ks := MustSQLiteKeyStore(t)
	_, data := MustKeyRing(t)
	mustEncrypt(t, New(MustLoadKeyRing(t, data), ks), testScope, []byte("x"))
	unrelated, _ := MustKeyRing(t)
	if _, err := New(unrelated, ks).RotateMaster(ctx); err == nil {
		t.Fatal("rotation without the old master key succeeded")
	}
}

// TestRotationInsideKeyset proves that field ciphertexts name their key:
// after a new primary key is added to an owner's keyset, old ciphertexts
// still decrypt and new ones use the new key.
func TestRotationInsideKeyset(t *testing.T) {
	ctx := context.Background()
	ks := MustSQLiteKeyStore(t)
	kr, _ := MustKeyRing(t)
	e := New(kr, ks)
	oldCT := mustEncrypt(t, e, testScope, []byte("old"))
	oldStream := mustEncryptStream(t, e, testScope, []byte("old doc"))

	r, err := ks.get(ctx, testScope.OrgID, testScope.OwnerID)
	if err != nil {
		t.Fatal(err)
	}
	sets, err := e.unwrap(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	sets.fields = addPrimary(t, sets.fields, fieldTemplate())
	sets.docs = addPrimary(t, sets.docs, docTemplate())
	mkID, kek, _ := kr.Primary(ctx)
	wrapped, err := sets.wrap(kek, r.orgID, r.ownerID)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ks.swap(ctx, r, mkID, wrapped); err != nil || !ok {
		t.Fatalf("swap: %v %v", ok, err)
	}

	e2 := New(kr, ks)
	newCT := mustEncrypt(t, e2, testScope, []byte("new"))
	if bytes.Equal(oldCT[1:5], newCT[1:5]) {
		t.Fatal("new ciphertext carries the old key id")
	}
	for want, ct := range map[string][]byte{"old": oldCT, "new": newCT} {
		if pt, err := e2.Decrypt(ctx, testScope, ct); err != nil || string(pt) != want {
			t.Fatalf("%s ciphertext: %q, %v", want, pt, err)
		}
	}
	if pt, err := decryptStream(e2, testScope, oldStream); err != nil || string(pt) != "old doc" {
		t.Fatalf("old stream: %v", err)
	}
}

// withoutKey returns ring data with the key id removed.
func withoutKey(t *testing.T, data []byte, id string) []byte {
	t.Helper()
	var f keyRingFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	var keep []keyRingEntry
	for _, k := range f.Keys {
		if k.ID != id {
			keep = append(keep, k)
		}
	}
	f.Keys = keep
	out, err := marshalKeyRing(&f)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
