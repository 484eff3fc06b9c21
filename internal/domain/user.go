package domain

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// UserStatus is where a company user is in their life cycle.
type UserStatus string

// User statuses.
const (
	UserInvited  UserStatus = "invited"  // invitation sent, no password yet
	UserActive   UserStatus = "active"   // may sign in
	UserDisabled UserStatus = "disabled" // may not sign in; kept for the audit trail
)

// User is a company user. Password hash and TOTP secret never leave the
// store and app layers.
type User struct {
	ID            string
	OrgID         string
	Email         string
	Name          string
	Role          Role
	Status        UserStatus
	TOTPEnabled   bool
	CreatedAt     time.Time
	UpdatedAt     time.Time
	LastLoginAt   time.Time // zero when never
	PasswordSetAt time.Time
}

// UserFilter selects users of one organisation.
type UserFilter struct {
	Role   Role
	Status UserStatus
	Query  string // matches name or e-mail
	Limit  int
	Offset int
}

// NormalizeEmail lower-cases and trims an e-mail address.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidEmail reports whether s is a single bare e-mail address.
func ValidEmail(s string) bool {
	if len(s) > 254 || strings.ContainsAny(s, " <>\r\n") {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

// NewUser is the input for creating or inviting a user.
type NewUser struct {
	Email string
	Name  string
	Role  Role
}

// Normalize trims the fields and lower-cases the e-mail.
func (n *NewUser) Normalize() {
	n.Email = NormalizeEmail(n.Email)
	n.Name = strings.TrimSpace(n.Name)
}

// Validate returns per-field errors, or nil.
func (n NewUser) Validate() error {
	f := map[string]string{}
	if n.Email == "" {
		f["email"] = "error.required"
	} else if !ValidEmail(n.Email) {
		f["email"] = "error.email"
	}
	if n.Name == "" {
		f["name"] = "error.required"
	} else if utf8.RuneCountInString(n.Name) > 200 {
		f["name"] = "error.too_long"
	}
	if !n.Role.Valid() {
		f["role"] = "error.role"
	}
	if len(f) > 0 {
		return Invalid(f)
	}
	return nil
}
