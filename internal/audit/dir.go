package audit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// ErrNoCheckpoint is returned by Dir.Last when an organisation has no
// checkpoint yet.
var ErrNoCheckpoint = errors.New("audit: no checkpoint")

// maxCheckpointLine bounds one JSON line; a checkpoint is about 300 bytes.
const maxCheckpointLine = 64 * 1024

// Dir is a checkpoint sink: a folder holding one append-only JSON-lines
// file per organisation, <dir>/<orgID>.jsonl. Put it on storage the
// database's operators cannot rewrite (another volume, a WORM mount, a
// synced backup), since its value is being out of their reach.
type Dir struct {
	path string
	mu   sync.Mutex // serialises appends within the process
}

// OpenDir returns the sink at path, creating the folder (mode 0700) if
// needed.
func OpenDir(path string) (*Dir, error) {
	if err := os.MkdirAll(path, 0o700); err != nil {
		return nil, fmt.Errorf("audit: checkpoint folder: %w", err)
	}
	return &Dir{path: path}, nil
}

// Path returns the folder the sink writes to.
func (d *Dir) Path() string { return d.path }

func (d *Dir) file(orgID string) (string, error) {
	if !validOrgID(orgID) {
		return "", fmt.Errorf("audit: organisation id %q cannot name a checkpoint file", orgID)
	}
	return filepath.Join(d.path, orgID+".jsonl"), nil
}

// validOrgID accepts ids made of letters, digits, '-' and '_' only, so an
// id can never reach outside the folder or hide as a dot file.
func validOrgID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// Append writes cp as one line to its organisation's file and fsyncs it
// (and the folder, when the file is new) before returning, so an
// acknowledged checkpoint survives a crash.
func (d *Dir) Append(cp Checkpoint) error {
	name, err := d.file(cp.OrgID)
	if err != nil {
		return err
	}
	line, err := json.Marshal(cp)
	if err != nil {
		return fmt.Errorf("audit: encode checkpoint: %w", err)
	}
	line = append(line, '\n')
	d.mu.Lock()
	defer d.mu.Unlock()
	_, statErr := os.Stat(name)
	if err := appendSync(name, line); err != nil {
		return fmt.Errorf("audit: append checkpoint: %w", err)
	}
	if errors.Is(statErr, fs.ErrNotExist) {
		return syncDir(d.path)
	}
	return nil
}

// appendSync appends line to the file name and fsyncs it. A torn last line
// left by a crash during an earlier append is cut off first, so that it
// never merges with the new line into one unreadable line.
func appendSync(name string, line []byte) error {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	end, err := cutTornTail(f)
	if err == nil {
		_, err = f.WriteAt(line, end)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// cutTornTail truncates f after its last newline when it does not end in
// one, and returns the resulting size.
func cutTornTail(f *os.File) (int64, error) {
	info, err := f.Stat()
	if err != nil || info.Size() == 0 {
		return 0, err
	}
	size := info.Size()
	start := max(size-maxCheckpointLine, 0)
	tail := make([]byte, size-start)
	if _, err := f.ReadAt(tail, start); err != nil {
		return 0, err
	}
	if tail[len(tail)-1] == '\n' {
		return size, nil
	}
	end := start + int64(bytes.LastIndexByte(tail, '\n')) + 1
	return end, f.Truncate(end)
}

// All returns the organisation's checkpoints, oldest first; none (and no
// error) when it has no file yet. A last line without its newline is an
// append cut short by a crash and is ignored; any other unreadable line is
// an error, because the file is only ever appended to.
func (d *Dir) All(orgID string) ([]Checkpoint, error) {
	name, err := d.file(orgID)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("audit: read checkpoints: %w", err)
	}
	if i := bytes.LastIndexByte(data, '\n'); i < len(data)-1 {
		data = data[:i+1] // drop a torn last line
	}
	return parseLines(name, data)
}

func parseLines(name string, data []byte) ([]Checkpoint, error) {
	var cps []Checkpoint
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, maxCheckpointLine)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var cp Checkpoint
		if err := json.Unmarshal(sc.Bytes(), &cp); err != nil {
			return nil, fmt.Errorf("audit: %s line %d: %w", name, n, err)
		}
		cps = append(cps, cp)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("audit: %s: %w", name, err)
	}
	return cps, nil
}

// Last returns the organisation's newest checkpoint, or ErrNoCheckpoint.
func (d *Dir) Last(orgID string) (*Checkpoint, error) {
	cps, err := d.All(orgID)
	if err != nil {
		return nil, err
	}
	if len(cps) == 0 {
		return nil, ErrNoCheckpoint
	}
	return &cps[len(cps)-1], nil
}

// syncDir fsyncs a folder so that a file created in it survives a crash.
func syncDir(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("audit: sync folder: %w", err)
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("audit: sync folder: %w", err)
	}
	return nil
}
