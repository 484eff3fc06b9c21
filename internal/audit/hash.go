// Package audit makes the audit log tamper-evident: each organisation's
// entries form a SHA-256 hash chain, and signed checkpoints of the chain's
// size and head, kept outside the database, expose truncation and a
// consistent rewrite of the whole chain. The package is pure apart from the
// key file and the checkpoint directory; the store calls it.
package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"maps"
	"slices"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// HashSize is the length of every chain hash.
const HashSize = sha256.Size

// entryDomain separates entry hashes from every other use of SHA-256 and
// names the encoding version, so a future encoding cannot collide with it.
const entryDomain = "bgcheck audit entry v1\x00"

// Genesis returns the prev hash of an organisation's first entry: 32 zero
// bytes.
func Genesis() []byte { return make([]byte, HashSize) }

// Hash returns the chain hash of e given the hash of the entry before it.
// It covers prev and every field of e except PrevHash (covered through
// prev) and Hash, in a canonical encoding: fixed-width integers, strings
// and byte slices prefixed with their length, times as Unix milliseconds
// (the precision the database keeps) and Details in sorted key order. A nil
// and an empty Details or Personal hash alike, as a database may return
// either.
func Hash(prev []byte, e *domain.AuditEntry) []byte {
	var enc encoder = make([]byte, 0, 512)
	enc = append(enc, entryDomain...)
	enc.bytes(prev)
	enc.string(e.OrgID)
	enc.int(e.Seq)
	enc.int(e.At.UnixMilli())
	for _, s := range [...]string{string(e.ActorType), e.ActorID, e.ActorLabel, e.Action,
		e.TargetType, e.TargetID, e.SubjectID, e.IP, e.RequestID} {
		enc.string(s)
	}
	enc.details(e.Details)
	enc.bytes(e.Personal)
	sum := sha256.Sum256(enc)
	return sum[:]
}

// Seal links e to the entry before it: it sets e.PrevHash to prev and
// e.Hash to Hash(prev, e). Set every other field, including Seq and At,
// first.
func Seal(prev []byte, e *domain.AuditEntry) {
	e.PrevHash = slices.Clone(prev)
	e.Hash = Hash(prev, e)
}

// encoder builds the canonical encodings that hashes and signatures cover:
// integers as 8 bytes big-endian, strings and byte slices prefixed with
// their length.
type encoder []byte

func (enc *encoder) int(n int64) {
	*enc = binary.BigEndian.AppendUint64(*enc, uint64(n))
}

func (enc *encoder) string(s string) {
	enc.int(int64(len(s)))
	*enc = append(*enc, s...)
}

func (enc *encoder) bytes(b []byte) {
	enc.int(int64(len(b)))
	*enc = append(*enc, b...)
}

// details writes the map's size and then its pairs in sorted key order.
func (enc *encoder) details(d map[string]string) {
	keys := slices.Sorted(maps.Keys(d))
	enc.int(int64(len(keys)))
	for _, k := range keys {
		enc.string(k)
		enc.string(d[k])
	}
}
