// Package auth holds the building blocks of company-user authentication:
// argon2id password hashing, the password policy, TOTP second factors,
// opaque tokens, recovery codes and the login-throttling policy. It does no
// I/O; the store persists what these functions produce.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Argon2id parameters for new hashes.
//
// OWASP's Password Storage Cheat Sheet sets the argon2id minimum at
// m=19 MiB, t=2, p=1 (or the equivalent m=46 MiB, t=1). bgcheck runs on
// 2-core servers, so we take three times that memory and keep p=1: a single
// login then occupies one core while another login can use the second.
// Measured on such a server (BenchmarkHashPassword) one hash costs
// 90–120 ms and 64 MiB; the two cores sustain roughly 20 logins a second,
// which is ample for company users and keeps offline guessing expensive.
// Concurrent hashes are capped at GOMAXPROCS so that a flood of logins
// queues instead of allocating 64 MiB per request.
const (
	ArgonMemory  uint32 = 64 * 1024 // KiB
	ArgonTime    uint32 = 2
	ArgonThreads uint8  = 1
	argonSaltLen        = 16
	argonKeyLen         = 32
)

// Bounds on stored parameters: a corrupted or hostile hash must not make a
// single verification allocate gigabytes or run for minutes.
const (
	maxArgonMemory = 1024 * 1024 // 1 GiB in KiB
	maxArgonTime   = 64
	minArgonKeyLen = 16
	maxArgonKeyLen = 128
)

// ErrMalformedHash is returned when a stored password hash is not a
// well-formed argon2id PHC string.
var ErrMalformedHash = errors.New("auth: malformed argon2id hash")

var hashSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

type argonParams struct {
	memory  uint32
	time    uint32
	threads uint8
}

var currentParams = argonParams{memory: ArgonMemory, time: ArgonTime, threads: ArgonThreads}

// HashPassword returns an argon2id hash of pw in PHC string format,
// $argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>, with a fresh random salt.
// The password is NFC-normalised first so that "æ" typed as one code point
// or as a + combining mark hashes the same.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: salt: %w", err)
	}
	key := derive(pw, salt, currentParams, argonKeyLen)
	return encodePHC(currentParams, salt, key), nil
}

// VerifyPassword reports whether pw matches the stored PHC hash, in constant
// time. needsRehash is true when the password matched but the hash was made
// with weaker parameters than the current ones, so the caller should store a
// fresh HashPassword result.
func VerifyPassword(phc, pw string) (ok bool, needsRehash bool, err error) {
	p, salt, want, err := decodePHC(phc)
	if err != nil {
		return false, false, err
	}
	got := derive(pw, salt, p, uint32(len(want)))
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return false, false, nil
	}
	weaker := p.memory < currentParams.memory || p.time < currentParams.time ||
		len(salt) < argonSaltLen || len(want) < argonKeyLen
	return true, weaker, nil
}

// dummySalt is only used by DummyVerify; its value does not matter.
var dummySalt = make([]byte, argonSaltLen)

// DummyVerify spends the time of one VerifyPassword with the current
// parameters. Call it when the e-mail address is unknown so that the
// response time does not tell an attacker which addresses have accounts.
func DummyVerify(pw string) {
	got := derive(pw, dummySalt, currentParams, argonKeyLen)
	subtle.ConstantTimeCompare(got, dummySalt)
}

func derive(pw string, salt []byte, p argonParams, keyLen uint32) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return argon2.IDKey([]byte(norm.NFC.String(pw)), salt, p.time, p.memory, p.threads, keyLen)
}

var b64 = base64.RawStdEncoding

func encodePHC(p argonParams, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.memory, p.time, p.threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

func decodePHC(phc string) (argonParams, []byte, []byte, error) {
	var p argonParams
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, ErrMalformedHash
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, fmt.Errorf("%w: unsupported version %q", ErrMalformedHash, parts[2])
	}
	p, err := parseParams(parts[3])
	if err != nil {
		return p, nil, nil, err
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return p, nil, nil, fmt.Errorf("%w: salt", ErrMalformedHash)
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < minArgonKeyLen || len(key) > maxArgonKeyLen {
		return p, nil, nil, fmt.Errorf("%w: hash", ErrMalformedHash)
	}
	return p, salt, key, nil
}

// parseParams reads "m=65536,t=2,p=1" (in that order, as PHC requires).
func parseParams(s string) (argonParams, error) {
	var p argonParams
	var m, t, th uint64
	fields := strings.Split(s, ",")
	if len(fields) != 3 {
		return p, fmt.Errorf("%w: parameters", ErrMalformedHash)
	}
	for i, dst := range []*uint64{&m, &t, &th} {
		name, val, ok := strings.Cut(fields[i], "=")
		n, err := strconv.ParseUint(val, 10, 32)
		if !ok || name != "mtp"[i:i+1] || err != nil || n == 0 {
			return p, fmt.Errorf("%w: parameter %q", ErrMalformedHash, fields[i])
		}
		*dst = n
	}
	if m > maxArgonMemory || t > maxArgonTime || th > 255 || m < 8*th {
		return p, fmt.Errorf("%w: parameters out of range", ErrMalformedHash)
	}
	return argonParams{memory: uint32(m), time: uint32(t), threads: uint8(th)}, nil
}
