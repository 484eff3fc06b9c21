package crypto

import (
	"errors"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// ErrDecrypt is wrapped by every error that comes from a ciphertext that
// does not authenticate: tampered, truncated, or moved to another scope.
var ErrDecrypt = errors.New("crypto: decryption failed")

// errNoRow is returned by the key store when an owner has no key row.
var errNoRow = errors.New("crypto: no data key row")

// erasedError is returned when an owner's data key was destroyed. It is a
// user-facing error: the data is gone on purpose.
func erasedError() error {
	return &domain.Error{Code: domain.ENotFound, Message: "error.erased"}
}

// noKeyError is returned when ciphertext is presented for an owner that
// never had a data key.
func noKeyError() error {
	return &domain.Error{Code: domain.ENotFound, Message: "error.not_found", Err: errNoRow}
}

// IsErased reports whether err says that the owner's data was erased by
// crypto-shredding.
func IsErased(err error) bool {
	var e *domain.Error
	return errors.As(err, &e) && e.Code == domain.ENotFound && e.Message == "error.erased"
}
