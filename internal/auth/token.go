package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// tokenBytes is the entropy of an opaque token: 256 bits, far beyond
// guessing even with unlimited online attempts.
const tokenBytes = 32

// NewToken returns a random opaque token (32 bytes, base64url without
// padding, 43 characters) and its SHA-256 hash. Hand the token to the user
// (cookie, link) and store only the hash, so a copy of the database cannot
// be replayed as sessions or invitations.
func NewToken() (token string, hash []byte) {
	b := make([]byte, tokenBytes)
	rand.Read(b) // never fails; crashes the program if the OS cannot supply randomness
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken returns the SHA-256 hash of token, for looking it up. A plain
// hash suffices because tokens carry 256 bits of entropy.
func HashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// recoveryAlphabet is Crockford's base32 in lower case: no i, l, o or u, so
// nothing looks like anything else, and 32 symbols give exactly 5 bits each.
const recoveryAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

// Recovery code shape: three groups of four symbols, 60 bits.
const (
	recoveryGroups   = 3
	recoveryGroupLen = 4
)

// NewRecoveryCodes returns n one-time recovery codes shaped xxxx-xxxx-xxxx
// (60 random bits each) and their hashes in the same order. Show the codes
// once; store only the hashes.
func NewRecoveryCodes(n int) (codes []string, hashes [][]byte) {
	codes = make([]string, n)
	hashes = make([][]byte, n)
	for i := range n {
		codes[i] = newRecoveryCode()
		hashes[i] = HashRecoveryCode(codes[i])
	}
	return codes, hashes
}

func newRecoveryCode() string {
	b := make([]byte, recoveryGroups*recoveryGroupLen)
	rand.Read(b)
	var sb strings.Builder
	for i, c := range b {
		if i > 0 && i%recoveryGroupLen == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(recoveryAlphabet[c&31]) // 256 is a multiple of 32: no bias
	}
	return sb.String()
}

// HashRecoveryCode returns the SHA-256 hash of a recovery code after
// normalising what a person may have typed differently: case, spaces and
// dashes, and the look-alikes o→0 and i, l→1 that Crockford's alphabet
// leaves out for that reason.
func HashRecoveryCode(code string) []byte {
	return HashToken(NormalizeRecoveryCode(code))
}

// NormalizeRecoveryCode returns code without separators, lower-cased, with
// look-alike letters mapped to their digits.
func NormalizeRecoveryCode(code string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '\t', '\n', '\r':
			return -1
		case 'o', 'O':
			return '0'
		case 'i', 'I', 'l', 'L':
			return '1'
		}
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, code)
}
