package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/app"
	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/domain"
)

func TestMasterKeyGenerateRefusesToOverwrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "master.keys")
	out := mustRun(t, nil, "admin", "master-key", "generate", path).stdout
	if !strings.Contains(out, "wrote a new master key ring to "+path) {
		t.Errorf("generate printed %q", out)
	}
	ring, err := crypto.LoadKeyRingFile(path)
	if err != nil {
		t.Fatalf("generated file is no key ring: %v", err)
	}
	if len(ring.IDs()) != 1 {
		t.Errorf("a new ring holds keys %v, want one", ring.IDs())
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("key ring file mode %v, want no access for group and others", perm)
	}
	before, _ := os.ReadFile(path)

	r := mustFail(t, 1, nil, "admin", "master-key", "generate", path)
	checkOneLineError(t, r, path+" exists; refusing")
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the refused generate changed the key ring file")
	}
}

func TestMasterKeyRotateNeedsRingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "master.keys")
	mustRun(t, nil, "admin", "master-key", "generate", path)
	ring, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"BGCHECK_DATA_DIR": t.TempDir(), "BGCHECK_MASTER_KEY": string(ring)}
	checkOneLineError(t, mustFail(t, 1, env, "admin", "master-key", "rotate"), "BGCHECK_MASTER_KEY_FILE")
}

var rewrapped = regexp.MustCompile(`^master key (\S+) is now primary; re-wrapped (\d+) data key\(s\)`)

// TestMasterKeyRotateKeepsDataReadable encrypts data under every kind of
// data key (a user's TOTP secret, a subject's fields and document), rotates
// the master key, then removes the old master key from the ring: the data
// can only still be read if rotation re-wrapped every data key.
func TestMasterKeyRotateKeepsDataReadable(t *testing.T) {
	eachInstall(t, func(t *testing.T, in *install) {
		org := in.createOrg(t, "Acme ApS")
		userID := in.createUser(t, org, "anna@acme.test", "Anna Andersen", "owner", testPassword)
		var secret string
		var subject *domain.Subject
		var doc *domain.Document
		in.withSystem(t, func(ctx context.Context, s *system) {
			secret = enrolTOTP(t, ctx, s, "anna@acme.test", testPassword)
			subject, doc = addSubjectDocument(t, asUser(ctx, org, userID, domain.RoleOwner), s, "straffeattest")
		})
		oldRing, err := crypto.LoadKeyRingFile(in.ringFile)
		if err != nil {
			t.Fatal(err)
		}

		out := in.run(t, "master-key", "rotate")
		m := rewrapped.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("rotate printed %q", out)
		}
		if n, _ := strconv.Atoi(m[2]); n < 2 {
			t.Errorf("rotate re-wrapped %d data keys, want the user's and the subject's at least", n)
		}
		newRing, err := crypto.LoadKeyRingFile(in.ringFile)
		if err != nil {
			t.Fatal(err)
		}
		if ids := newRing.IDs(); len(ids) != 2 || newRing.PrimaryID() != m[1] || newRing.PrimaryID() == oldRing.PrimaryID() {
			t.Fatalf("after rotation the ring holds %v with primary %s; want the old key and primary %s", ids, newRing.PrimaryID(), m[1])
		}

		keepOnlyPrimary(t, in.ringFile)
		in.withSystem(t, func(ctx context.Context, s *system) {
			signInWithTOTP(t, ctx, s, "anna@acme.test", testPassword, secret)
			ctx = asUser(ctx, org, userID, domain.RoleOwner)
			got, err := s.app.Subjects().Get(ctx, subject.ID)
			if err != nil || got.Name != subject.Name || got.CPRMasked != subject.CPRMasked {
				t.Errorf("subject after rotation: %+v, %v; want %+v", got, err, subject)
			}
			rc, _, err := s.app.Subjects().OpenDocument(ctx, doc.ID)
			if err != nil {
				t.Fatalf("document after rotation: %v", err)
			}
			if content := readAll(t, rc); content != "straffeattest" {
				t.Errorf("document after rotation reads %q", content)
			}
		})
		if out := in.run(t, "audit-verify"); !strings.Contains(out, "result: OK") {
			t.Errorf("audit-verify after rotation:\n%s", out)
		}
	})
}

// addSubjectDocument stores a subject with a CPR number and one document.
func addSubjectDocument(t *testing.T, ctx context.Context, s *system, content string) (*domain.Subject, *domain.Document) {
	t.Helper()
	subject, err := s.app.Subjects().Create(ctx, app.NewSubject{Name: "Søren Subjekt", Email: "soren@example.test", CPR: "010190-1234"})
	if err != nil {
		t.Fatalf("create subject: %v", err)
	}
	doc, err := s.app.Subjects().AddDocument(ctx, subject.ID, "attest.pdf", "application/pdf", strings.NewReader(content))
	if err != nil {
		t.Fatalf("add document: %v", err)
	}
	return subject, doc
}

// keepOnlyPrimary rewrites the key ring file without its older keys, as an
// operator would once rotation has finished.
func keepOnlyPrimary(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ring struct {
		Format  string           `json:"format"`
		Primary string           `json:"primary"`
		Keys    []map[string]any `json:"keys"`
	}
	if err := json.Unmarshal(b, &ring); err != nil {
		t.Fatal(err)
	}
	var keep []map[string]any
	for _, k := range ring.Keys {
		if k["id"] == ring.Primary {
			keep = append(keep, k)
		}
	}
	ring.Keys = keep
	if b, err = json.Marshal(ring); err != nil {
		t.Fatal(err)
	}
	if err := crypto.WriteKeyRingFile(path, b); err != nil {
		t.Fatal(err)
	}
}

// TestBlobGCRemovesOnlyUnreferencedOldFiles plants an old orphan and a
// young orphan next to a stored document's file, all old enough but the
// young one: only the old orphan goes.
func TestBlobGCRemovesOnlyUnreferencedOldFiles(t *testing.T) {
	in := newInstall(t, "sqlite", "")
	if out := in.run(t, "blob-gc"); out != "removed 0 unreferenced file(s)\n" {
		t.Errorf("blob-gc on a fresh install printed %q", out)
	}
	org := in.createOrg(t, "Acme ApS")
	userID := in.createUser(t, org, "anna@acme.test", "Anna Andersen", "owner", testPassword)
	var doc *domain.Document
	in.withSystem(t, func(ctx context.Context, s *system) {
		_, doc = addSubjectDocument(t, asUser(ctx, org, userID, domain.RoleOwner), s, "eksamensbevis")
	})
	blobs := filepath.Join(in.dataDir, "blobs")
	stored := filepath.Join(blobs, doc.BlobID[:2], doc.BlobID)
	oldOrphan := plantBlob(t, blobs, "ab", 48*time.Hour)
	youngOrphan := plantBlob(t, blobs, "cd", 0)
	past := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(stored, past, past); err != nil {
		t.Fatalf("stored document file: %v", err)
	}

	if out := in.run(t, "blob-gc", "--grace", "24h"); out != "removed 1 unreferenced file(s)\n" {
		t.Errorf("blob-gc printed %q", out)
	}
	for path, want := range map[string]bool{stored: true, youngOrphan: true, oldOrphan: false} {
		if _, err := os.Stat(path); (err == nil) != want {
			t.Errorf("%s exists: %v, want %v", path, err == nil, want)
		}
	}
	in.withSystem(t, func(ctx context.Context, s *system) {
		rc, _, err := s.app.Subjects().OpenDocument(asUser(ctx, org, userID, domain.RoleOwner), doc.ID)
		if err != nil {
			t.Fatalf("document after blob-gc: %v", err)
		}
		if got := readAll(t, rc); got != "eksamensbevis" {
			t.Errorf("document after blob-gc reads %q", got)
		}
	})
}

// plantBlob writes a file shaped like a blob that no row refers to, last
// modified age ago.
func plantBlob(t *testing.T, blobs, prefix string, age time.Duration) string {
	t.Helper()
	id := prefix + strings.Repeat("0", 30)
	dir := filepath.Join(blobs, prefix)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, id)
	if err := os.WriteFile(path, []byte("orphan"), 0o600); err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-age)
	if err := os.Chtimes(path, at, at); err != nil {
		t.Fatal(err)
	}
	return path
}
