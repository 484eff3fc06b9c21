package audit

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestDirAppendAllLast(t *testing.T) {
	s := mustSigner(t)
	d, err := OpenDir(filepath.Join(t.TempDir(), "checkpoints"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Last("org-a"); !errors.Is(err, ErrNoCheckpoint) {
		t.Fatalf("Last on empty dir: %v, want ErrNoCheckpoint", err)
	}
	if all, err := d.All("org-a"); err != nil || len(all) != 0 {
		t.Fatalf("All on empty dir: %v %v", all, err)
	}
	chain := newChain("org-a", 5)
	for size := 1; size <= 3; size++ {
		if err := d.Append(*checkpointAt(s, chain, size)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Append(*checkpointAt(s, newChain("org-b", 1), 1)); err != nil {
		t.Fatal(err)
	}
	// A fresh Dir on the same folder sees what was written.
	d2, _ := OpenDir(d.Path())
	all, err := d2.All("org-a")
	if err != nil || len(all) != 3 {
		t.Fatalf("All: %d checkpoints, %v", len(all), err)
	}
	last, err := d2.Last("org-a")
	if err != nil || last.Size != 3 {
		t.Fatalf("Last: %+v %v", last, err)
	}
	if err := VerifyCheckpoint(s.PublicKey(), *last); err != nil {
		t.Fatalf("checkpoint read back does not verify: %v", err)
	}
	info, _ := os.Stat(filepath.Join(d.Path(), "org-a.jsonl"))
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v, want 0600", info.Mode().Perm())
	}
}

func TestDirTornTail(t *testing.T) {
	s := mustSigner(t)
	d, _ := OpenDir(t.TempDir())
	chain := newChain("org-a", 5)
	d.Append(*checkpointAt(s, chain, 1))
	name := filepath.Join(d.Path(), "org-a.jsonl")
	f, _ := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"org_id":"org-a","size":2,"he`) // a crash mid-append
	f.Close()
	last, err := d.Last("org-a")
	if err != nil || last.Size != 1 {
		t.Fatalf("torn tail not ignored: %+v %v", last, err)
	}
	if err := d.Append(*checkpointAt(s, chain, 3)); err != nil {
		t.Fatal(err)
	}
	all, err := d.All("org-a")
	if err != nil || len(all) != 2 || all[1].Size != 3 {
		t.Fatalf("append after torn tail: %+v %v", all, err)
	}
}

func TestDirCorruptLine(t *testing.T) {
	d, _ := OpenDir(t.TempDir())
	os.WriteFile(filepath.Join(d.Path(), "org-a.jsonl"), []byte("{broken\n{}\n"), 0o600)
	if _, err := d.Last("org-a"); err == nil || errors.Is(err, ErrNoCheckpoint) {
		t.Fatalf("corrupt line: %v", err)
	}
}

func TestDirRejectsUnsafeOrgID(t *testing.T) {
	d, _ := OpenDir(t.TempDir())
	for _, id := range []string{"", "../etc", "a/b", ".hidden", "org a"} {
		cp := Checkpoint{OrgID: id, At: time.Now()}
		if err := d.Append(cp); err == nil {
			t.Errorf("Append accepted org id %q", id)
		}
		if _, err := d.All(id); err == nil {
			t.Errorf("All accepted org id %q", id)
		}
	}
}
