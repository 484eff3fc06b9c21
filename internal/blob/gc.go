package blob

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// gcBatch is how many ids GC asks about at once.
const gcBatch = 500

// Referenced reports which of ids a committed database row refers to.
// Ids missing from the map (or mapped to false) are garbage.
type Referenced func(ctx context.Context, ids []string) (map[string]bool, error)

// GC removes blobs that no committed row refers to, and temporary files
// left by interrupted uploads, but only those last written more than
// olderThan ago: an upload whose row is not committed yet is younger than
// that grace period and is left alone. It returns how many files it
// removed. Files whose names are neither ids nor temporary are ignored.
func (s *FS) GC(ctx context.Context, referenced Referenced, olderThan time.Duration) (removed int, err error) {
	if olderThan <= 0 {
		return 0, errors.New("blob: GC needs a positive grace period")
	}
	cutoff := time.Now().Add(-olderThan)
	folders, err := os.ReadDir(s.dir)
	if err != nil {
		return 0, fmt.Errorf("blob: %w", err)
	}
	for _, f := range folders {
		if !f.IsDir() || !isFanOut(f.Name()) {
			continue
		}
		n, err := s.gcFolder(ctx, filepath.Join(s.dir, f.Name()), referenced, cutoff)
		removed += n
		if err != nil {
			return removed, err
		}
	}
	return removed, nil
}

// gcFolder collects one fan-out folder.
func (s *FS) gcFolder(ctx context.Context, folder string, referenced Referenced, cutoff time.Time) (int, error) {
	entries, err := os.ReadDir(folder)
	if err != nil {
		return 0, fmt.Errorf("blob: %w", err)
	}
	removed := 0
	var candidates []string
	for _, e := range entries {
		name := e.Name()
		isTmp := strings.HasPrefix(name, tmpPrefix)
		if !e.Type().IsRegular() || (!isTmp && !ValidID(name)) || !modifiedBefore(e, cutoff) {
			continue
		}
		if !isTmp {
			candidates = append(candidates, name)
			continue
		}
		if err := removeFile(filepath.Join(folder, name)); err != nil {
			return removed, err
		}
		removed++
	}
	for len(candidates) > 0 {
		batch := candidates[:min(gcBatch, len(candidates))]
		candidates = candidates[len(batch):]
		n, err := s.removeUnreferenced(ctx, folder, batch, referenced)
		removed += n
		if err != nil {
			return removed, err
		}
	}
	if removed > 0 {
		return removed, syncDir(folder)
	}
	return removed, nil
}

func (s *FS) removeUnreferenced(ctx context.Context, folder string, ids []string, referenced Referenced) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	refs, err := referenced(ctx, ids)
	if err != nil {
		return 0, fmt.Errorf("blob: GC: %w", err)
	}
	removed := 0
	for _, id := range ids {
		if refs[id] {
			continue
		}
		if err := removeFile(filepath.Join(folder, id)); err != nil {
			return removed, err
		}
		removed++
	}
	return removed, nil
}

func modifiedBefore(e fs.DirEntry, cutoff time.Time) bool {
	fi, err := e.Info()
	return err == nil && fi.ModTime().Before(cutoff)
}

func removeFile(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("blob: %w", err)
	}
	return nil
}

// isFanOut reports whether name is a fan-out folder: two hex digits.
func isFanOut(name string) bool {
	return len(name) == 2 && ValidID(name+strings.Repeat("0", 2*idBytes-2))
}
