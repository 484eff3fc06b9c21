package crypto

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerateKeyRingHasOnePrimaryKey(t *testing.T) {
	kr, _ := MustKeyRing(t)
	ctx := context.Background()
	id, kek, err := kr.Primary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ids := kr.IDs(); len(ids) != 1 || ids[0] != id || kr.PrimaryID() != id {
		t.Fatalf("ids %v, primary %q", ids, id)
	}
	ct, err := kek.Encrypt([]byte("data key"), []byte("ad"))
	if err != nil {
		t.Fatal(err)
	}
	byID, err := kr.ByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if pt, err := byID.Decrypt(ct, []byte("ad")); err != nil || string(pt) != "data key" {
		t.Fatalf("decrypt: %q, %v", pt, err)
	}
	if _, err := kr.ByID(ctx, "mk-unknown"); err == nil {
		t.Fatal("unknown key id accepted")
	}
}

func TestGenerateKeyRingMakesDistinctKeys(t *testing.T) {
	_, a := MustKeyRing(t)
	_, b := MustKeyRing(t)
	if keyMaterial(t, a)[0] == keyMaterial(t, b)[0] {
		t.Fatal("two generated rings share key material")
	}
}

func TestAddKeyMakesNewKeyPrimaryAndKeepsOldOnes(t *testing.T) {
	old, data := MustKeyRing(t)
	ctx := context.Background()
	_, oldKEK, _ := old.Primary(ctx)
	ct, err := oldKEK.Encrypt([]byte("x"), nil)
	if err != nil {
		t.Fatal(err)
	}

	data2, newID, err := AddKey(data)
	if err != nil {
		t.Fatal(err)
	}
	kr := MustLoadKeyRing(t, data2)
	if kr.PrimaryID() != newID || newID == old.PrimaryID() {
		t.Fatalf("primary %q, new %q, old %q", kr.PrimaryID(), newID, old.PrimaryID())
	}
	if ids := kr.IDs(); len(ids) != 2 {
		t.Fatalf("ids %v", ids)
	}
	kek, err := kr.ByID(ctx, old.PrimaryID())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kek.Decrypt(ct, nil); err != nil {
		t.Fatalf("old key lost its material: %v", err)
	}
	if got := keyMaterial(t, data2); got[0] != keyMaterial(t, data)[0] || got[0] == got[1] {
		t.Fatal("AddKey changed the old key or reused its material")
	}
}

func TestLoadKeyRingRejectsBadRings(t *testing.T) {
	good := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32))
	short := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 16))
	ring := func(primary string, keys ...string) string {
		return `{"format":"bgcheck-keyring/v1","primary":"` + primary + `","keys":[` + strings.Join(keys, ",") + `]}`
	}
	key := func(id, material string) string { return `{"id":"` + id + `","key":"` + material + `"}` }
	for name, data := range map[string]string{
		"not json":        "mk-1=" + good,
		"wrong format":    `{"format":"other","primary":"a","keys":[` + key("a", good) + `]}`,
		"no keys":         ring("a"),
		"bad id":          ring("../a", key("../a", good)),
		"duplicate id":    ring("a", key("a", good), key("a", good)),
		"primary missing": ring("b", key("a", good)),
		"short key":       ring("a", key("a", short)),
		"not base64":      ring("a", key("a", "%%%")),
		"unknown field":   `{"format":"bgcheck-keyring/v1","primary":"a","extra":1,"keys":[` + key("a", good) + `]}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := LoadKeyRing([]byte(data))
			if err == nil {
				t.Fatal("accepted")
			}
			if strings.Contains(err.Error(), good) || strings.Contains(err.Error(), short) {
				t.Fatalf("error reveals key material: %v", err)
			}
		})
	}
}

func TestWriteKeyRingFileIsAtomicAndPrivate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "master.keys")
	_, data := MustKeyRing(t)
	if err := WriteKeyRingFile(path, data); err != nil {
		t.Fatal(err)
	}
	data2, _, err := AddKey(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteKeyRingFile(path, data2); err != nil {
		t.Fatal(err)
	}
	if err := WriteKeyRingFile(path, []byte("not a ring")); err == nil {
		t.Fatal("invalid ring written")
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", fi.Mode().Perm())
	}
	kr, err := LoadKeyRingFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(kr.IDs()) != 2 {
		t.Fatalf("file holds %v", kr.IDs())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
}

// keyMaterial returns the base64 key material of a ring, in order.
func keyMaterial(t *testing.T, data []byte) []string {
	t.Helper()
	var f keyRingFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, k := range f.Keys {
		out = append(out, k.Key)
	}
	return out
}
