package crypto

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
)

// Envelope encrypts and decrypts data with per-owner data keys that it
// creates on first use, keeps wrapped in a KeyStore, and unwraps with
// master keys from a KeyProvider. It is safe for concurrent use.
type Envelope struct {
	kp    KeyProvider
	ks    *KeyStore
	cache *keyCache
}

// Option configures New.
type Option func(*envelopeConfig)

type envelopeConfig struct {
	cacheSize int
	cacheTTL  time.Duration
}

// WithCacheSize sets how many unwrapped data keys stay in memory (default
// 4096; 0 disables the cache).
func WithCacheSize(n int) Option { return func(c *envelopeConfig) { c.cacheSize = n } }

// WithCacheTTL sets how long an unwrapped data key stays in memory (default
// 5 minutes). A shred evicts the key at once on the server that performs
// it; other servers stop using it when their cached copy expires.
func WithCacheTTL(d time.Duration) Option { return func(c *envelopeConfig) { c.cacheTTL = d } }

// New returns an Envelope over master keys from kp and data keys in ks.
func New(kp KeyProvider, ks *KeyStore, opts ...Option) *Envelope {
	cfg := envelopeConfig{cacheSize: 4096, cacheTTL: 5 * time.Minute}
	for _, o := range opts {
		o(&cfg)
	}
	return &Envelope{kp: kp, ks: ks, cache: newKeyCache(cfg.cacheSize, cfg.cacheTTL, time.Now)}
}

// Encrypt encrypts plaintext for sc with the owner's field key (AES-256-GCM),
// creating the key on first use. The result carries the Tink key id.
func (e *Envelope) Encrypt(ctx context.Context, sc Scope, plaintext []byte) ([]byte, error) {
	k, err := e.scopeKey(ctx, sc, true)
	if err != nil {
		return nil, err
	}
	ct, err := k.fields.Encrypt(plaintext, sc.associatedData())
	if err != nil {
		return nil, fmt.Errorf("crypto: encrypt: %w", err)
	}
	return ct, nil
}

// Decrypt decrypts a ciphertext made by Encrypt for the same scope. It
// fails with ErrDecrypt if the ciphertext was altered or belongs to another
// scope, and with an "error.erased" *domain.Error if the owner was shredded.
func (e *Envelope) Decrypt(ctx context.Context, sc Scope, ciphertext []byte) ([]byte, error) {
	k, err := e.scopeKey(ctx, sc, false)
	if err != nil {
		return nil, err
	}
	pt, err := k.fields.Decrypt(ciphertext, sc.associatedData())
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDecrypt, err)
	}
	return pt, nil
}

// EncryptWriter returns a writer that encrypts everything written to it
// into dst with the owner's document key (AES-256-GCM-HKDF, 1 MiB
// segments), in constant memory. Close must be called to write the last
// segment; without it the ciphertext is incomplete and will not decrypt.
func (e *Envelope) EncryptWriter(ctx context.Context, sc Scope, dst io.Writer) (io.WriteCloser, error) {
	k, err := e.scopeKey(ctx, sc, true)
	if err != nil {
		return nil, err
	}
	w, err := k.docs.NewEncryptingWriter(dst, sc.associatedData())
	if err != nil {
		return nil, fmt.Errorf("crypto: encrypt stream: %w", err)
	}
	return w, nil
}

// DecryptReader returns a reader of the plaintext of a stream written by
// EncryptWriter for the same scope, decrypting segment by segment. Each
// segment is authenticated before it is returned; a truncated or altered
// stream ends in an error wrapping ErrDecrypt.
func (e *Envelope) DecryptReader(ctx context.Context, sc Scope, src io.Reader) (io.Reader, error) {
	k, err := e.scopeKey(ctx, sc, false)
	if err != nil {
		return nil, err
	}
	s := &sourceReader{r: src}
	r, err := k.docs.NewDecryptingReader(s, sc.associatedData())
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDecrypt, err)
	}
	return &decryptingReader{r: r, src: s}, nil
}

func (e *Envelope) scopeKey(ctx context.Context, sc Scope, create bool) (*dataKey, error) {
	if err := sc.validate(); err != nil {
		return nil, err
	}
	return e.key(ctx, sc.OrgID, sc.OwnerID, create)
}

// key returns the owner's data key from the cache or the key store; with
// create it makes one if the owner has none yet.
func (e *Envelope) key(ctx context.Context, orgID, ownerID string, create bool) (*dataKey, error) {
	id := cacheID(orgID, ownerID)
	if k, ok := e.cache.get(id); ok {
		return k, nil
	}
	gen := e.cache.generation()
	r, err := e.ks.get(ctx, orgID, ownerID)
	var sets *dataKeysets
	switch {
	case errors.Is(err, errNoRow) && create:
		sets, err = e.create(ctx, orgID, ownerID)
	case errors.Is(err, errNoRow):
		return nil, noKeyError()
	case err == nil:
		sets, err = e.unwrap(ctx, r)
	}
	if err != nil {
		return nil, err
	}
	k, err := sets.primitives()
	if err != nil {
		return nil, err
	}
	e.cache.putIfGen(id, k, gen)
	return k, nil
}

// create makes and stores a new data key. If another server (or a shred)
// wrote the owner's row first, that row wins.
func (e *Envelope) create(ctx context.Context, orgID, ownerID string) (*dataKeysets, error) {
	sets, err := newDataKeysets()
	if err != nil {
		return nil, err
	}
	mkID, kek, err := e.kp.Primary(ctx)
	if err != nil {
		return nil, fmt.Errorf("crypto: master key: %w", err)
	}
	wrapped, err := sets.wrap(kek, orgID, ownerID)
	if err != nil {
		return nil, err
	}
	row := &keyRow{orgID: orgID, ownerID: ownerID, masterKeyID: mkID, wrapped: wrapped, createdAt: e.ks.nowMillis()}
	inserted, err := e.ks.insert(ctx, row)
	if err != nil || inserted {
		return sets, err
	}
	r, err := e.ks.get(ctx, orgID, ownerID)
	if err != nil {
		return nil, err
	}
	return e.unwrap(ctx, r)
}

// unwrap decrypts a row's data keysets with the master key named in it.
func (e *Envelope) unwrap(ctx context.Context, r *keyRow) (*dataKeysets, error) {
	if r.destroyedAt != 0 {
		return nil, erasedError()
	}
	kek, err := e.kp.ByID(ctx, r.masterKeyID)
	if err != nil {
		return nil, fmt.Errorf("crypto: master key: %w", err)
	}
	return unwrapDataKeysets(r.wrapped, kek, r.orgID, r.ownerID)
}

// sourceReader remembers a read error of the ciphertext source, so it is
// reported as an I/O error and not as a failed decryption.
type sourceReader struct {
	r   io.Reader
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}

type decryptingReader struct {
	r   io.Reader
	src *sourceReader
}

func (d *decryptingReader) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	switch {
	case err == nil, err == io.EOF:
		return n, err
	case d.src.err != nil:
		return n, fmt.Errorf("crypto: read ciphertext: %w", d.src.err)
	default:
		return n, fmt.Errorf("%w: %w", ErrDecrypt, err)
	}
}
