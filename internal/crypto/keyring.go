package crypto

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"time"

	"github.com/tink-crypto/tink-go/v2/aead/subtle"
	"github.com/tink-crypto/tink-go/v2/tink"
)

// KeyProvider supplies master keys (key-encryption keys). New data keys are
// wrapped with the primary key; existing ones are unwrapped with the key
// named by the id stored next to them, so old keys keep working while data
// keys are re-wrapped after a rotation. A KMS client can implement it.
type KeyProvider interface {
	// Primary returns the id and AEAD of the key that wraps new data keys.
	Primary(ctx context.Context) (keyID string, kek tink.AEAD, err error)
	// ByID returns the key with the given id, or an error if it is unknown.
	ByID(ctx context.Context, keyID string) (tink.AEAD, error)
}

// keyRingFormat names version 1 of the key-ring file format.
const keyRingFormat = "bgcheck-keyring/v1"

// masterKeySize is the length of a master key: AES-256.
const masterKeySize = 32

var keyIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// keyRingFile is the JSON form of a key ring:
//
//	{
//	  "format": "bgcheck-keyring/v1",
//	  "primary": "mk-20261105-1a2b3c4d",
//	  "keys": [
//	    {"id": "mk-20261105-1a2b3c4d", "created": "2026-11-05T10:00:00Z",
//	     "key": "<standard base64 of 32 random bytes>"}
//	  ]
//	}
//
// Keys are AES-256-GCM keys. Old keys stay in the ring until no data key is
// wrapped by them any more (see Envelope.RotateMaster).
type keyRingFile struct {
	Format  string         `json:"format"`
	Primary string         `json:"primary"`
	Keys    []keyRingEntry `json:"keys"`
}

type keyRingEntry struct {
	ID      string    `json:"id"`
	Created time.Time `json:"created"`
	Key     string    `json:"key"`
}

// KeyRing is a KeyProvider holding several master keys, one of them
// primary, read from the key-ring file format (see LoadKeyRing).
type KeyRing struct {
	primary string
	ids     []string
	keys    map[string]tink.AEAD
}

// LoadKeyRing parses a key ring. data is the content of the key-ring file
// or of the environment variable that holds it; it is JSON:
//
//	{"format": "bgcheck-keyring/v1", "primary": "<id>",
//	 "keys": [{"id": "<id>", "created": "<RFC 3339>", "key": "<base64, 32 bytes>"}]}
//
// Error messages never contain key material.
func LoadKeyRing(data []byte) (*KeyRing, error) {
	f, err := parseKeyRing(data)
	if err != nil {
		return nil, err
	}
	kr := &KeyRing{primary: f.Primary, keys: make(map[string]tink.AEAD, len(f.Keys))}
	for _, e := range f.Keys {
		raw, err := base64.StdEncoding.DecodeString(e.Key)
		if err != nil || len(raw) != masterKeySize {
			return nil, fmt.Errorf("key ring: key %q is not base64 of %d bytes", e.ID, masterKeySize)
		}
		kek, err := subtle.NewAESGCM(raw)
		clear(raw)
		if err != nil {
			return nil, fmt.Errorf("key ring: key %q: %w", e.ID, err)
		}
		kr.keys[e.ID] = kek
		kr.ids = append(kr.ids, e.ID)
	}
	return kr, nil
}

// LoadKeyRingFile reads and parses the key-ring file at path.
func LoadKeyRingFile(path string) (*KeyRing, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("key ring: %w", err)
	}
	defer clear(data)
	return LoadKeyRing(data)
}

// parseKeyRing decodes and checks the structure of a key ring.
func parseKeyRing(data []byte) (*keyRingFile, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f keyRingFile
	if err := dec.Decode(&f); err != nil {
		return nil, errors.New("key ring: not valid key-ring JSON")
	}
	if f.Format != keyRingFormat {
		return nil, fmt.Errorf("key ring: format must be %q", keyRingFormat)
	}
	if len(f.Keys) == 0 {
		return nil, errors.New("key ring: no keys")
	}
	seen := make(map[string]bool, len(f.Keys))
	for _, e := range f.Keys {
		if !keyIDPattern.MatchString(e.ID) {
			return nil, fmt.Errorf("key ring: invalid key id %q", e.ID)
		}
		if seen[e.ID] {
			return nil, fmt.Errorf("key ring: duplicate key id %q", e.ID)
		}
		seen[e.ID] = true
	}
	if !seen[f.Primary] {
		return nil, fmt.Errorf("key ring: primary %q is not in the ring", f.Primary)
	}
	return &f, nil
}

// Primary returns the primary master key.
func (kr *KeyRing) Primary(ctx context.Context) (string, tink.AEAD, error) {
	return kr.primary, kr.keys[kr.primary], nil
}

// ByID returns the master key with the given id.
func (kr *KeyRing) ByID(ctx context.Context, keyID string) (tink.AEAD, error) {
	k, ok := kr.keys[keyID]
	if !ok {
		return nil, fmt.Errorf("key ring: unknown master key %q", keyID)
	}
	return k, nil
}

// PrimaryID returns the id of the primary master key.
func (kr *KeyRing) PrimaryID() string { return kr.primary }

// IDs returns the ids of all master keys in the ring, in file order.
func (kr *KeyRing) IDs() []string { return slices.Clone(kr.ids) }

// GenerateKeyRing returns a new key ring holding one fresh primary key.
func GenerateKeyRing() ([]byte, error) {
	e, err := newKeyRingEntry()
	if err != nil {
		return nil, err
	}
	return marshalKeyRing(&keyRingFile{Format: keyRingFormat, Primary: e.ID, Keys: []keyRingEntry{e}})
}

// AddKey returns ring with a fresh key added and made primary, and the new
// key's id. The old keys stay so existing data keys can still be unwrapped
// until Envelope.RotateMaster has re-wrapped them.
func AddKey(ring []byte) (newRing []byte, newKeyID string, err error) {
	if _, err := LoadKeyRing(ring); err != nil {
		return nil, "", err
	}
	f, err := parseKeyRing(ring)
	if err != nil {
		return nil, "", err
	}
	e, err := newKeyRingEntry()
	if err != nil {
		return nil, "", err
	}
	f.Keys = append(f.Keys, e)
	f.Primary = e.ID
	out, err := marshalKeyRing(f)
	return out, e.ID, err
}

func newKeyRingEntry() (keyRingEntry, error) {
	raw := make([]byte, masterKeySize)
	if _, err := rand.Read(raw); err != nil {
		return keyRingEntry{}, fmt.Errorf("key ring: %w", err)
	}
	defer clear(raw)
	suffix := make([]byte, 4)
	if _, err := rand.Read(suffix); err != nil {
		return keyRingEntry{}, fmt.Errorf("key ring: %w", err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	return keyRingEntry{
		ID:      "mk-" + now.Format("20060102") + "-" + hex.EncodeToString(suffix),
		Created: now,
		Key:     base64.StdEncoding.EncodeToString(raw),
	}, nil
}

func marshalKeyRing(f *keyRingFile) ([]byte, error) {
	out, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("key ring: %w", err)
	}
	return append(out, '\n'), nil
}
