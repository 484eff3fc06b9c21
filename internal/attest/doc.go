// Package attest issues and verifies shareable attestations of completed
// checks: a short statement (who was checked, for what, the outcome, the
// date and until when it is valid) signed with the organisation's Ed25519
// key, as a compact URL-safe token.
//
// A partner verifies a token on bgcheck's public verification page, or
// offline with the organisation's published public key (docs/
// attestations.md; the tests verify with a verifier written from that
// document alone). Revocation lives on the platform: Check combines the
// signature, the validity period and the caller's revocation record.
package attest
