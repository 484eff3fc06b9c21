package app_test

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/app"
	"github.com/bgcheck/bgcheck/internal/domain"
)

const (
	knownCPR     = "0707614285"
	knownCPRDash = "070761-4285"
	knownName    = "Karen Testesen"
	knownDoc     = "PASSPORT-SCAN: Karen Testesen, nr. 209865112, fodt 07.07.1961 -- unique marker 7f3c9a"
)

func newSubject() app.NewSubject {
	return app.NewSubject{Name: knownName, Email: "karen@example.dk", CPR: knownCPRDash}
}

func TestSubjectFieldsMaskedAndDocumentsRoundTrip(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		_, owner := e.org("Alfa")
		sub, err := e.app.Subjects().Create(as(owner), newSubject())
		if err != nil || sub.CPRMasked != "070761-****" {
			t.Fatalf("create: %+v %v", sub, err)
		}
		got, err := e.app.Subjects().Get(as(owner), sub.ID)
		if err != nil || got.Name != knownName || got.CPRMasked != "070761-****" {
			t.Fatalf("get: %+v %v", got, err)
		}
		doc, err := e.app.Subjects().AddDocument(as(owner), sub.ID, "pas.pdf", "application/pdf", strings.NewReader(knownDoc))
		if err != nil {
			t.Fatal(err)
		}
		rc, meta, err := e.app.Subjects().OpenDocument(as(owner), doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if string(b) != knownDoc || meta.Name != "pas.pdf" {
			t.Fatalf("document round trip: %q %+v", b, meta)
		}
		reads, _ := e.app.Audit().List(as(owner), domain.AuditFilter{Action: "document.read"})
		if len(reads) != 1 {
			t.Fatal("document read not audited")
		}
		_, bOwner := e.org("Beta")
		if _, _, err := e.app.Subjects().OpenDocument(as(bOwner), doc.ID); !domain.IsNotFound(err) {
			t.Fatalf("another tenant opened the document: %v", err)
		}
	})
}

// TestCryptoShreddingLeavesNoTrace writes a known CPR number and document,
// erases the subject and then scans every file of the installation — main
// database and its WAL, key store and its WAL, blob folder — for any trace.
func TestCryptoShreddingLeavesNoTrace(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		_, owner := e.org("Alfa")
		sub, err := e.app.Subjects().Create(as(owner), newSubject())
		if err != nil {
			t.Fatal(err)
		}
		doc, err := e.app.Subjects().AddDocument(as(owner), sub.ID, "pas-"+knownCPR+".pdf", "application/pdf", strings.NewReader(knownDoc))
		if err != nil {
			t.Fatal(err)
		}
		needles := [][]byte{[]byte(knownCPR), []byte(knownCPRDash), []byte(knownDoc), []byte("unique marker 7f3c9a"), []byte(knownName)}
		// Never in clear, not even before erasure.
		e.scan(t, needles)

		if err := e.app.Subjects().Erase(as(owner), sub.ID); err != nil {
			t.Fatal(err)
		}
		if err := e.app.Subjects().Erase(as(owner), sub.ID); err != nil {
			t.Fatalf("erase is not idempotent: %v", err)
		}
		if _, _, err := e.app.Subjects().OpenDocument(as(owner), doc.ID); err == nil {
			t.Fatal("document readable after erasure")
		}
		got, err := e.app.Subjects().Get(as(owner), sub.ID)
		if err != nil || got.Name != "" || got.ErasedAt.IsZero() {
			t.Fatalf("erased subject: %+v %v", got, err)
		}
		if err := e.db.Checkpoint(ctx); err != nil {
			t.Fatal(err)
		}
		e.scan(t, needles)
		n := 0
		filepath.WalkDir(filepath.Join(e.dataDir, "blobs"), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
		if n != 0 {
			t.Fatalf("%d blob file(s) left after erasure", n)
		}
	})
}

// scan fails the test when any needle occurs in any file of the data
// folder or the SQLite database files.
func (e *env) scan(t *testing.T, needles [][]byte) {
	t.Helper()
	var files []string
	filepath.WalkDir(e.dataDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if e.dbPath != "" {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			files = append(files, e.dbPath+suffix)
		}
	}
	scanned := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		scanned++
		for _, n := range needles {
			if bytes.Contains(b, n) {
				t.Errorf("%s contains %q in clear", f, n)
			}
		}
	}
	if scanned == 0 {
		t.Fatal("nothing scanned")
	}
}
