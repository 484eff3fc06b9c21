package blob

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/bgcheck/bgcheck/internal/crypto"
)

// TestRawFilesHoldNoPlaintextAndShredLeavesNoKey writes a known CPR number
// and a document, then reads the raw bytes of the key store (database and
// WAL), the blob folder and the stored ciphertext: the plaintext must not
// appear anywhere, and after the subject is shredded the wrapped data key
// must be gone from the key store files too.
func TestRawFilesHoldNoPlaintextAndShredLeavesNoKey(t *testing.T) {
	te := newTestEnv(t)
	ctx := context.Background()
	subject := crypto.Scope{OrgID: "org-a", OwnerID: "subject-1", Record: "subject:1", Field: "cpr"}
	// Other subjects fill several pages of the key store around the victim.
	for i := range 60 {
		sc := crypto.Scope{OrgID: "org-a", OwnerID: fmt.Sprintf("subject-%03d", i+2), Record: "r"}
		if _, err := te.env.Encrypt(ctx, sc, []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	cpr := []byte("0101901234")
	ciphertext, err := te.env.Encrypt(ctx, subject, cpr)
	if err != nil {
		t.Fatal(err)
	}
	ctFile := filepath.Join(t.TempDir(), "main-row.bin") // stands in for the main database
	if err := os.WriteFile(ctFile, ciphertext, 0o600); err != nil {
		t.Fatal(err)
	}
	marker := []byte("CONFIDENTIAL-PAYSLIP-" + randomHexString(t))
	doc := bytes.Repeat(append(marker, '\n'), (3<<20)/len(marker))
	docScope := crypto.Scope{OrgID: subject.OrgID, OwnerID: subject.OwnerID, Field: "document"}
	id := mustPut(t, te.fs, docScope, doc)

	secrets := map[string][]byte{"CPR number": cpr, "document": marker}
	scanned := append(files(t, te.blobDir), ctFile, te.keysDB, te.keysDB+"-wal")
	assertAbsent(t, scanned, secrets)

	windows := uniqueWindows(t, te.keysDB, subject.OrgID, subject.OwnerID)
	keyFiles := []string{te.keysDB, te.keysDB + "-wal"}
	if n := countPresent(t, keyFiles, windows); n != len(windows) {
		t.Fatalf("scan sanity check: only %d of %d parts of the live wrapped key found", n, len(windows))
	}

	if err := te.env.Shred(ctx, subject.OrgID, subject.OwnerID); err != nil {
		t.Fatal(err)
	}
	assertAbsent(t, scanned, secrets)
	if n := countPresent(t, keyFiles, windows); n != 0 {
		t.Fatalf("%d parts of the destroyed wrapped key remain in the key store files", n)
	}
	if _, err := te.env.Decrypt(ctx, subject, ciphertext); !crypto.IsErased(err) {
		t.Fatalf("decrypt after shred: %v", err)
	}
	if _, err := te.fs.Open(ctx, docScope, id); !crypto.IsErased(err) {
		t.Fatalf("open after shred: %v", err)
	}
}

// uniqueWindows returns the 16-byte windows of the owner's wrapped key
// that occur in no other owner's wrapped key: the encrypted part, not the
// key type names every wrapped key shares.
func uniqueWindows(t *testing.T, keysDB, orgID, ownerID string) [][]byte {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+keysDB+"?_pragma=busy_timeout(5000)&_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT org_id, owner_id, wrapped FROM data_keys WHERE wrapped IS NOT NULL")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var mine []byte
	var others [][]byte
	for rows.Next() {
		var org, owner string
		var wrapped []byte
		if err := rows.Scan(&org, &owner, &wrapped); err != nil {
			t.Fatal(err)
		}
		if org == orgID && owner == ownerID {
			mine = wrapped
		} else {
			others = append(others, wrapped)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for i := 0; i+16 <= len(mine); i += 4 {
		w := mine[i : i+16]
		shared := false
		for _, o := range others {
			shared = shared || bytes.Contains(o, w)
		}
		if !shared {
			out = append(out, w)
		}
	}
	if len(out) < 20 {
		t.Fatalf("only %d unique windows in a %d-byte wrapped key", len(out), len(mine))
	}
	return out
}

func assertAbsent(t *testing.T, paths []string, secrets map[string][]byte) {
	t.Helper()
	for _, p := range paths {
		data := readIfExists(t, p)
		for name, s := range secrets {
			if bytes.Contains(data, s) {
				t.Errorf("%s found in %s", name, filepath.Base(p))
			}
		}
	}
}

func countPresent(t *testing.T, paths []string, windows [][]byte) int {
	t.Helper()
	n := 0
	for _, w := range windows {
		for _, p := range paths {
			if bytes.Contains(readIfExists(t, p), w) {
				n++
				break
			}
		}
	}
	return n
}

func readIfExists(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func randomHexString(t *testing.T) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}
