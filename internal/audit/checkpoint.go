package audit

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// checkpointDomain separates checkpoint signatures from any other use of
// the key and names the encoding version.
const checkpointDomain = "bgcheck audit checkpoint v1\x00"

// Checkpoint is a signed statement that an organisation's audit chain had
// Size entries and that the hash of entry Size was Head at time At. Kept
// outside the database, it lets a verifier detect that entries were
// removed from the end or that the chain was rewritten, even consistently.
type Checkpoint struct {
	OrgID     string    `json:"org_id"`
	Size      int64     `json:"size"`
	Head      []byte    `json:"head"`
	At        time.Time `json:"at"`
	KeyID     string    `json:"key_id"`
	Signature []byte    `json:"signature"`
}

// ErrBadSignature is returned when a checkpoint's signature does not verify.
var ErrBadSignature = errors.New("audit: checkpoint signature is invalid")

// signedBytes is the canonical encoding a checkpoint signature covers:
// every field but Signature, length-prefixed, At in Unix milliseconds.
func (cp *Checkpoint) signedBytes() []byte {
	enc := encoder(checkpointDomain)
	enc.string(cp.OrgID)
	enc.int(cp.Size)
	enc.bytes(cp.Head)
	enc.int(cp.At.UnixMilli())
	enc.string(cp.KeyID)
	return enc
}

// KeyID returns a short, stable name for a public key: the first 8 bytes
// of its SHA-256 in hex. Checkpoints carry it so a verifier holding several
// keys (after rotation) knows which one to use.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// VerifyCheckpoint checks cp's signature against pub. It fails when cp
// names another key or any signed field was changed.
func VerifyCheckpoint(pub ed25519.PublicKey, cp Checkpoint) error {
	if len(pub) != ed25519.PublicKeySize {
		return fmt.Errorf("audit: public key has %d bytes, want %d", len(pub), ed25519.PublicKeySize)
	}
	if cp.KeyID != KeyID(pub) {
		return fmt.Errorf("%w: signed by key %q, verifying with key %q", ErrBadSignature, cp.KeyID, KeyID(pub))
	}
	if !ed25519.Verify(pub, cp.signedBytes(), cp.Signature) {
		return ErrBadSignature
	}
	return nil
}

// Signer signs checkpoints with an Ed25519 key kept outside the database.
type Signer struct {
	key ed25519.PrivateKey
	id  string
}

// NewSigner wraps an Ed25519 private key.
func NewSigner(key ed25519.PrivateKey) (*Signer, error) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("audit: private key has %d bytes, want %d", len(key), ed25519.PrivateKeySize)
	}
	pub := key.Public().(ed25519.PublicKey)
	return &Signer{key: key, id: KeyID(pub)}, nil
}

// PublicKey returns the key that verifies this signer's checkpoints.
func (s *Signer) PublicKey() ed25519.PublicKey {
	return s.key.Public().(ed25519.PublicKey)
}

// KeyID returns the id of the signer's key, as set on its checkpoints.
func (s *Signer) KeyID() string { return s.id }

// Sign returns cp with At truncated to milliseconds in UTC (the precision
// the signature covers), KeyID set to this signer's and Signature filled in.
func (s *Signer) Sign(cp Checkpoint) Checkpoint {
	cp.At = cp.At.UTC().Truncate(time.Millisecond)
	cp.KeyID = s.id
	cp.Signature = ed25519.Sign(s.key, cp.signedBytes())
	return cp
}
