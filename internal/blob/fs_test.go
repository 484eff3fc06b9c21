package blob

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/domain"
)

func mustPut(t testing.TB, s *FS, sc crypto.Scope, data []byte) string {
	t.Helper()
	id, size, err := s.Put(context.Background(), sc, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if size != int64(len(data)) {
		t.Fatalf("size %d, want %d", size, len(data))
	}
	return id
}

func readBlob(s *FS, sc crypto.Scope, id string) ([]byte, error) {
	r, err := s.Open(context.Background(), sc, id)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

func TestPutOpenRoundTrip10MiB(t *testing.T) {
	te := newTestEnv(t)
	data := randomBytes(t, 10<<20+7)
	id := mustPut(t, te.fs, docScope, data)
	if !ValidID(id) {
		t.Fatalf("id %q", id)
	}
	got, err := readBlob(te.fs, docScope, id)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("round trip: %v", err)
	}
	path := filepath.Join(te.blobDir, id[:2], id)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 || fi.Size() <= int64(len(data)) {
		t.Fatalf("file mode %v size %d", fi.Mode().Perm(), fi.Size())
	}
	for _, d := range []string{te.blobDir, filepath.Dir(path)} {
		if fi, _ := os.Stat(d); fi.Mode().Perm() != 0o700 {
			t.Fatalf("%s mode %v", d, fi.Mode().Perm())
		}
	}
	raw, _ := os.ReadFile(path)
	if bytes.Contains(raw, data[5<<20:5<<20+64]) {
		t.Fatal("plaintext on disk")
	}
}

func TestIDsAreUnique(t *testing.T) {
	te := newTestEnv(t)
	a, b := mustPut(t, te.fs, docScope, []byte("x")), mustPut(t, te.fs, docScope, []byte("x"))
	if a == b {
		t.Fatal("same id twice")
	}
}

func TestBlobCopiedToAnotherIDFails(t *testing.T) {
	te := newTestEnv(t)
	a := mustPut(t, te.fs, docScope, []byte("applicant A's passport"))
	b := mustPut(t, te.fs, docScope, []byte("applicant B's passport"))
	raw, err := os.ReadFile(filepath.Join(te.blobDir, a[:2], a))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(te.blobDir, b[:2], b), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readBlob(te.fs, docScope, b); !errors.Is(err, crypto.ErrDecrypt) {
		t.Fatalf("copied blob decrypted: %v", err)
	}
}

func TestOpenWithAnotherScopeFails(t *testing.T) {
	te := newTestEnv(t)
	id := mustPut(t, te.fs, docScope, []byte("payslip"))
	mustPut(t, te.fs, crypto.Scope{OrgID: "org-b", OwnerID: "subject-1", Field: "document"}, nil)
	for _, sc := range []crypto.Scope{
		{OrgID: "org-b", OwnerID: "subject-1", Field: "document"},
		{OrgID: "org-a", OwnerID: "subject-1", Field: "photo"},
	} {
		if _, err := readBlob(te.fs, sc, id); !errors.Is(err, crypto.ErrDecrypt) {
			t.Errorf("%+v: %v", sc, err)
		}
	}
}

// failAfter returns n bytes and then an error.
type failAfter struct {
	n   int
	err error
}

func (f *failAfter) Read(p []byte) (int, error) {
	if f.n == 0 {
		return 0, f.err
	}
	k := min(len(p), f.n)
	f.n -= k
	return k, nil
}

func TestFailedPutLeavesNothingBehind(t *testing.T) {
	te := newTestEnv(t, WithMaxSize(2<<20))
	boom := errors.New("client went away")
	if _, _, err := te.fs.Put(context.Background(), docScope, &failAfter{n: 3 << 19, err: boom}); !errors.Is(err, boom) {
		t.Fatalf("failing reader: %v", err)
	}
	_, _, err := te.fs.Put(context.Background(), docScope, bytes.NewReader(make([]byte, 2<<20+1)))
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.EInvalid || de.Message != "error.too_large" {
		t.Fatalf("too large: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := te.fs.Put(ctx, docScope, bytes.NewReader(make([]byte, 10))); !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled: %v", err)
	}
	if left := files(t, te.blobDir); len(left) != 0 {
		t.Fatalf("left behind: %v", left)
	}
	mustPut(t, te.fs, docScope, make([]byte, 2<<20)) // exactly the limit is fine
}

func TestForeignIDsAreRefused(t *testing.T) {
	te := newTestEnv(t)
	good := mustPut(t, te.fs, docScope, []byte("x"))
	ctx := context.Background()
	for _, id := range []string{
		"", "../" + good, good[:2] + "/../" + good[5:], "../../../../etc/passwd",
		"/etc/passwd", good + "/", good[:31] + "G", string(bytes.ToUpper([]byte(good))),
		good[:31], good + "0", ".tmp-1234",
	} {
		_, errOpen := te.fs.Open(ctx, docScope, id)
		_, errExists := te.fs.Exists(ctx, id)
		errDelete := te.fs.Delete(ctx, id)
		for _, err := range []error{errOpen, errExists, errDelete} {
			if domain.ErrorCode(err) != domain.EInvalid {
				t.Errorf("id %q: %v", id, err)
			}
		}
	}
}

func TestDeleteAndExists(t *testing.T) {
	te := newTestEnv(t)
	ctx := context.Background()
	id := mustPut(t, te.fs, docScope, []byte("x"))
	if ok, err := te.fs.Exists(ctx, id); !ok || err != nil {
		t.Fatalf("exists: %v %v", ok, err)
	}
	for range 2 { // deleting twice is fine
		if err := te.fs.Delete(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if ok, err := te.fs.Exists(ctx, id); ok || err != nil {
		t.Fatalf("exists after delete: %v %v", ok, err)
	}
	if _, err := te.fs.Open(ctx, docScope, id); !domain.IsNotFound(err) {
		t.Fatalf("open after delete: %v", err)
	}
}

func TestBlobOfShreddedOwnerIsUnreadable(t *testing.T) {
	te := newTestEnv(t)
	ctx := context.Background()
	id := mustPut(t, te.fs, docScope, []byte("criminal record certificate"))
	other := crypto.Scope{OrgID: "org-a", OwnerID: "subject-2", Field: "document"}
	otherID := mustPut(t, te.fs, other, []byte("diploma"))
	if err := te.env.Shred(ctx, docScope.OrgID, docScope.OwnerID); err != nil {
		t.Fatal(err)
	}
	if _, err := te.fs.Open(ctx, docScope, id); !crypto.IsErased(err) {
		t.Fatalf("open: %v", err)
	}
	if _, _, err := te.fs.Put(ctx, docScope, bytes.NewReader([]byte("more"))); !crypto.IsErased(err) {
		t.Fatalf("put: %v", err)
	}
	if left := files(t, te.blobDir); len(left) != 2 {
		t.Fatalf("files after refused put: %v", left)
	}
	if got, err := readBlob(te.fs, other, otherID); err != nil || string(got) != "diploma" {
		t.Fatalf("other owner: %v", err)
	}
}
