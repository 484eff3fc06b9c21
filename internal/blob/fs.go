package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/bgcheck/bgcheck/internal/crypto"
)

// tmpPrefix starts the name of a file that is still being written. Such
// files never have the shape of an id, so they are never served.
const tmpPrefix = ".tmp-"

// FS is a Store on the local file system. Blobs fan out into sub-folders
// named after the first two hex digits of their id: <dir>/ab/ab12….
type FS struct {
	dir     string
	env     *crypto.Envelope
	maxSize int64
}

var _ Store = (*FS)(nil)

// Option configures NewFS.
type Option func(*FS)

// WithMaxSize makes Put refuse input longer than n bytes with an
// "error.too_large" *domain.Error (0, the default, means no limit).
func WithMaxSize(n int64) Option { return func(s *FS) { s.maxSize = n } }

// NewFS returns a store in dir, creating it with mode 0700 if needed.
func NewFS(dir string, env *crypto.Envelope, opts ...Option) (*FS, error) {
	if env == nil {
		return nil, errors.New("blob: no envelope")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	s := &FS{dir: dir, env: env}
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

func (s *FS) folder(id string) string { return filepath.Join(s.dir, id[:2]) }

func (s *FS) path(id string) string { return filepath.Join(s.folder(id), id) }

// Put encrypts r into a temporary file next to its final place, fsyncs
// it, renames it into place and fsyncs the folder, so a blob is either
// complete under its id or absent. On any error nothing is left behind.
func (s *FS) Put(ctx context.Context, sc crypto.Scope, r io.Reader) (id string, size int64, err error) {
	if id, err = newID(); err != nil {
		return "", 0, fmt.Errorf("blob: %w", err)
	}
	folder := s.folder(id)
	if err := s.ensureFolder(folder); err != nil {
		return "", 0, err
	}
	tmp, err := os.CreateTemp(folder, tmpPrefix+"*")
	if err != nil {
		return "", 0, fmt.Errorf("blob: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	sc.Record = Record(id)
	if size, err = s.encryptTo(ctx, sc, tmp, r); err != nil {
		return "", 0, err
	}
	if err = tmp.Sync(); err != nil {
		return "", 0, fmt.Errorf("blob: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return "", 0, fmt.Errorf("blob: %w", err)
	}
	if err = os.Rename(tmp.Name(), s.path(id)); err != nil {
		return "", 0, fmt.Errorf("blob: %w", err)
	}
	if err = syncDir(folder); err != nil {
		os.Remove(s.path(id))
		return "", 0, err
	}
	return id, size, nil
}

// encryptTo streams r through the envelope into f and returns the
// plaintext length. It enforces the size limit and ctx.
func (s *FS) encryptTo(ctx context.Context, sc crypto.Scope, f *os.File, r io.Reader) (int64, error) {
	w, err := s.env.EncryptWriter(ctx, sc, f)
	if err != nil {
		return 0, err
	}
	src := io.Reader(ctxReader{ctx: ctx, r: r})
	if s.maxSize > 0 {
		src = io.LimitReader(src, s.maxSize+1)
	}
	n, err := io.Copy(w, src)
	if err != nil {
		return 0, fmt.Errorf("blob: write: %w", err)
	}
	if s.maxSize > 0 && n > s.maxSize {
		return 0, tooLargeError()
	}
	if err := w.Close(); err != nil {
		return 0, fmt.Errorf("blob: write: %w", err)
	}
	return n, nil
}

// ensureFolder creates a fan-out folder and makes its entry durable.
func (s *FS) ensureFolder(folder string) error {
	err := os.Mkdir(folder, 0o700)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("blob: %w", err)
	}
	return syncDir(s.dir)
}

// Open returns a reader of blob id's plaintext. Decryption fails with an
// "error.erased" *domain.Error if the owner was shredded.
func (s *FS) Open(ctx context.Context, sc crypto.Scope, id string) (io.ReadCloser, error) {
	if !ValidID(id) {
		return nil, invalidIDError()
	}
	f, err := os.Open(s.path(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, notFoundError()
	}
	if err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	sc.Record = Record(id)
	r, err := s.env.DecryptReader(ctx, sc, f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return readCloser{Reader: r, Closer: f}, nil
}

// Delete removes blob id; a missing blob is not an error.
func (s *FS) Delete(ctx context.Context, id string) error {
	if !ValidID(id) {
		return invalidIDError()
	}
	err := os.Remove(s.path(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("blob: %w", err)
	}
	return syncDir(s.folder(id))
}

// Exists reports whether blob id is stored.
func (s *FS) Exists(ctx context.Context, id string) (bool, error) {
	if !ValidID(id) {
		return false, invalidIDError()
	}
	_, err := os.Stat(s.path(id))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("blob: %w", err)
	}
	return true, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

// ctxReader stops a copy when its context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// syncDir fsyncs a folder so entries added, renamed or removed in it
// survive a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("blob: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("blob: sync %s: %w", dir, err)
	}
	return nil
}
