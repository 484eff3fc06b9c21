package auth

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Password length limits, counted in runes. The minimum follows NIST
// SP 800-63B for passwords used without other checks on composition; the
// maximum keeps hashing cost bounded while allowing long passphrases.
const (
	MinPasswordLen = 12
	MaxPasswordLen = 256
)

// minLocalPartLen is the shortest e-mail local part that CheckPassword looks
// for inside a password; shorter ones ("jo") would refuse too many good
// passwords by accident.
const minLocalPartLen = 3

// Message catalogue ids returned by CheckPassword.
const (
	MsgPasswordTooShort      = "error.password_too_short"
	MsgPasswordTooLong       = "error.password_too_long"
	MsgPasswordCommon        = "error.password_common"
	MsgPasswordContainsEmail = "error.password_contains_email"
)

//go:embed common-passwords.txt
var commonPasswordsFile string

var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 10000)
	for line := range strings.Lines(commonPasswordsFile) {
		if pw := strings.TrimRight(line, "\r\n"); pw != "" {
			set[pw] = struct{}{}
		}
	}
	return set
})

// CheckPassword applies the password policy for a user with the given
// e-mail address and name. It returns nil or a *domain.Error with code
// EInvalid whose Message and Fields["password"] are the same catalogue id,
// so a form can show it next to the password field.
func CheckPassword(pw, email, name string) error {
	if id := passwordProblem(pw, email, name); id != "" {
		return &domain.Error{Code: domain.EInvalid, Message: id, Fields: map[string]string{"password": id}}
	}
	return nil
}

func passwordProblem(pw, email, name string) string {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLen:
		return MsgPasswordTooShort
	case n > MaxPasswordLen:
		return MsgPasswordTooLong
	case IsCommonPassword(pw):
		return MsgPasswordCommon
	case containsPersonal(pw, email, name):
		return MsgPasswordContainsEmail
	}
	return ""
}

// IsCommonPassword reports whether pw is on the shipped list of common
// passwords, ignoring case.
func IsCommonPassword(pw string) bool {
	_, ok := commonPasswords()[strings.ToLower(pw)]
	return ok
}

// containsPersonal reports whether pw contains the local part of email or
// equals name, both ignoring case (and, for the name, spaces).
func containsPersonal(pw, email, name string) bool {
	lower := strings.ToLower(pw)
	local := strings.ToLower(strings.TrimSpace(email))
	if i := strings.LastIndexByte(local, '@'); i >= 0 {
		local = local[:i]
	}
	if utf8.RuneCountInString(local) >= minLocalPartLen && strings.Contains(lower, local) {
		return true
	}
	squashed := stripSpaces(strings.ToLower(name))
	return squashed != "" && stripSpaces(lower) == squashed
}

func stripSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
