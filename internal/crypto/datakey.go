package crypto

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/tink-crypto/tink-go/v2/aead"
	"github.com/tink-crypto/tink-go/v2/keyset"
	"github.com/tink-crypto/tink-go/v2/streamingaead"
	"github.com/tink-crypto/tink-go/v2/tink"
)

// wrappedVersion is the first byte of a wrapped data key, so the layout can
// change later without guessing.
const wrappedVersion = 1

// Templates of the data keys. Field keys use Tink's output prefix, which
// puts the key id in every ciphertext so keys can rotate inside a keyset.
var (
	fieldTemplate = aead.AES256GCMKeyTemplate
	docTemplate   = streamingaead.AES256GCMHKDF1MBKeyTemplate
)

// dataKeysets are an owner's two keysets in the clear; they only ever live
// in memory.
type dataKeysets struct {
	fields *keyset.Handle // AEAD, for short values
	docs   *keyset.Handle // streaming AEAD, for documents
}

// dataKey holds the primitives built from an owner's keysets.
type dataKey struct {
	fields tink.AEAD
	docs   tink.StreamingAEAD
}

func newDataKeysets() (*dataKeysets, error) {
	f, err := keyset.NewHandle(fieldTemplate())
	if err != nil {
		return nil, fmt.Errorf("crypto: new field keyset: %w", err)
	}
	d, err := keyset.NewHandle(docTemplate())
	if err != nil {
		return nil, fmt.Errorf("crypto: new document keyset: %w", err)
	}
	return &dataKeysets{fields: f, docs: d}, nil
}

func (k *dataKeysets) primitives() (*dataKey, error) {
	f, err := aead.New(k.fields)
	if err != nil {
		return nil, fmt.Errorf("crypto: field primitive: %w", err)
	}
	d, err := streamingaead.New(k.docs)
	if err != nil {
		return nil, fmt.Errorf("crypto: document primitive: %w", err)
	}
	return &dataKey{fields: f, docs: d}, nil
}

// wrap encrypts both keysets with kek, bound to the owner, and lays them
// out as: version byte, then each encrypted keyset length-prefixed.
func (k *dataKeysets) wrap(kek tink.AEAD, orgID, ownerID string) ([]byte, error) {
	out := []byte{wrappedVersion}
	for _, p := range []struct {
		kind string
		h    *keyset.Handle
	}{{"fields", k.fields}, {"docs", k.docs}} {
		var buf bytes.Buffer
		if err := p.h.WriteWithAssociatedData(keyset.NewBinaryWriter(&buf), kek, wrapAD(p.kind, orgID, ownerID)); err != nil {
			return nil, fmt.Errorf("crypto: wrap %s keyset: %w", p.kind, err)
		}
		out = binary.AppendUvarint(out, uint64(buf.Len()))
		out = append(out, buf.Bytes()...)
	}
	return out, nil
}

// unwrapDataKeysets reverses wrap.
func unwrapDataKeysets(wrapped []byte, kek tink.AEAD, orgID, ownerID string) (*dataKeysets, error) {
	if len(wrapped) == 0 || wrapped[0] != wrappedVersion {
		return nil, errors.New("crypto: unknown wrapped key layout")
	}
	rest := wrapped[1:]
	var hs [2]*keyset.Handle
	for i, kind := range []string{"fields", "docs"} {
		n, w := binary.Uvarint(rest)
		if w <= 0 || n > uint64(len(rest)-w) {
			return nil, errors.New("crypto: truncated wrapped key")
		}
		part := rest[w : w+int(n)]
		rest = rest[w+int(n):]
		h, err := keyset.ReadWithAssociatedData(keyset.NewBinaryReader(bytes.NewReader(part)), kek, wrapAD(kind, orgID, ownerID))
		if err != nil {
			return nil, fmt.Errorf("crypto: unwrap %s keyset: %w", kind, err)
		}
		hs[i] = h
	}
	if len(rest) != 0 {
		return nil, errors.New("crypto: trailing bytes after wrapped key")
	}
	return &dataKeysets{fields: hs[0], docs: hs[1]}, nil
}
