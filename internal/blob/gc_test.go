package blob

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// age sets a file's modification time to d ago.
func age(t *testing.T, path string, d time.Duration) {
	t.Helper()
	old := time.Now().Add(-d)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

func TestGCRemovesOnlyOldUnreferencedFiles(t *testing.T) {
	te := newTestEnv(t)
	ctx := context.Background()
	put := func(hoursOld int) string {
		id := mustPut(t, te.fs, docScope, []byte("doc"))
		age(t, te.fs.path(id), time.Duration(hoursOld)*time.Hour)
		return id
	}
	refOld, unrefOld, unrefNew, refNew := put(48), put(48), put(0), put(0)
	folder := te.fs.folder(refOld)
	staleTmp := filepath.Join(folder, tmpPrefix+"stale")
	freshTmp := filepath.Join(folder, tmpPrefix+"uploading")
	foreign := filepath.Join(folder, "notes.txt")
	for _, p := range []string{staleTmp, freshTmp, foreign} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	age(t, staleTmp, 48*time.Hour)
	age(t, foreign, 48*time.Hour)

	var asked []string
	refs := func(ctx context.Context, ids []string) (map[string]bool, error) {
		asked = append(asked, ids...)
		return map[string]bool{refOld: true, refNew: true}, nil
	}
	removed, err := te.fs.GC(ctx, refs, 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if removed != 2 {
		t.Fatalf("removed %d, want 2", removed)
	}
	slices.Sort(asked)
	want := []string{refOld, unrefOld}
	slices.Sort(want)
	if !slices.Equal(asked, want) {
		t.Fatalf("asked about %v, want only the old blobs %v", asked, want)
	}
	for _, id := range []string{refOld, unrefNew, refNew} {
		if ok, _ := te.fs.Exists(ctx, id); !ok {
			t.Errorf("blob %s removed", id)
		}
	}
	if ok, _ := te.fs.Exists(ctx, unrefOld); ok {
		t.Error("old unreferenced blob kept")
	}
	for p, want := range map[string]bool{staleTmp: false, freshTmp: true, foreign: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s: exists=%v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}

func TestGCStopsOnLookupError(t *testing.T) {
	te := newTestEnv(t)
	id := mustPut(t, te.fs, docScope, []byte("doc"))
	age(t, te.fs.path(id), 48*time.Hour)
	boom := errors.New("database down")
	refs := func(context.Context, []string) (map[string]bool, error) { return nil, boom }
	if _, err := te.fs.GC(context.Background(), refs, time.Hour); !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	if ok, _ := te.fs.Exists(context.Background(), id); !ok {
		t.Fatal("blob removed although references could not be checked")
	}
	if _, err := te.fs.GC(context.Background(), refs, 0); err == nil {
		t.Fatal("GC without a grace period accepted")
	}
}
