// Package crypto is bgcheck's encryption at rest: envelope encryption with
// one data key per data subject (or company user) and crypto-shredding.
//
// Three layers of keys:
//
//   - Master keys (key-encryption keys) come from a KeyProvider. KeyRing is
//     the file/environment implementation; a KMS can implement the same
//     interface later.
//   - Data keys are Tink keysets, one pair per (organisation, owner): an
//     AES256-GCM keyset for fields and an AES256-GCM-HKDF streaming keyset
//     (1 MiB segments) for documents. They are stored only wrapped by a
//     master key, in a KeyStore that is a separate database from the main
//     one, so a copy of the main database alone never decrypts anything.
//   - Ciphertexts are bound by associated data to their tenant, owner,
//     record and field (see Scope), and carry the Tink key id so keys can
//     rotate inside a keyset.
//
// Destroying an owner's data key (Envelope.Shred) makes everything that was
// encrypted for that owner unreadable, wherever copies of the ciphertext
// live; a tombstone row keeps a fresh key from being created by accident.
package crypto
