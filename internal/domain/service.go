package domain

import (
	"context"
	"time"
)

// The service interfaces below are what the web layer calls. They are
// implemented in internal/app. Every method takes the acting user and the
// tenant from ctx (see WithActor); a method never reaches another tenant.

// ClientMeta describes the client a sign-in comes from.
type ClientMeta struct {
	IP        string
	UserAgent string
}

// LoginResult is the outcome of a correct password.
type LoginResult struct {
	// Token is the new session id to set as cookie; only its hash is stored.
	Token string
	// Stage is StageEnrol when the user has no second factor yet, otherwise
	// StagePassword (a TOTP or recovery code is still needed).
	Stage SessionStage
}

// Enrolment is a pending TOTP enrolment shown to the user.
type Enrolment struct {
	Secret string // base32, shown for manual entry
	URI    string // otpauth:// URI
	QRPNG  []byte // the URI as a QR code image
}

// AuthService signs company users in and out.
type AuthService interface {
	// Login checks e-mail and password and starts a session at a
	// second-factor stage. Throttled per account and per IP: ETooMany.
	Login(ctx context.Context, email, password string, meta ClientMeta) (LoginResult, error)
	// Session returns the live session and its user for a cookie token,
	// enforcing idle and absolute timeouts and refreshing last-seen time.
	Session(ctx context.Context, token string) (*Session, *User, error)
	// BeginEnrolment creates (or returns the pending) TOTP secret for a
	// session at StageEnrol.
	BeginEnrolment(ctx context.Context, token string) (Enrolment, error)
	// CompleteEnrolment checks a code against the pending secret, enables
	// TOTP, rotates the session id and returns the new token and one-time
	// recovery codes (shown once).
	CompleteEnrolment(ctx context.Context, token, code string) (newToken string, recoveryCodes []string, err error)
	// VerifySecondFactor accepts a TOTP code or an unused recovery code for a
	// session at StagePassword and returns the new (rotated) session token.
	VerifySecondFactor(ctx context.Context, token, code string, meta ClientMeta) (newToken string, err error)
	// Logout ends one session.
	Logout(ctx context.Context, token string) error
	// LogoutEverywhere ends every session of the acting user.
	LogoutEverywhere(ctx context.Context) error
	// Invitation returns the invited user and organisation name for an
	// invitation token, or ENotFound when it is unknown, used or expired.
	Invitation(ctx context.Context, inviteToken string) (*User, string, error)
	// AcceptInvitation sets the invited user's password and activates the
	// account; the user then signs in and enrols a second factor.
	AcceptInvitation(ctx context.Context, inviteToken, password string) error
	// ChangePassword changes the acting user's password after checking the
	// current one, and ends their other sessions.
	ChangePassword(ctx context.Context, token, current, next string) error
}

// UserService administers the acting user's organisation's users.
type UserService interface {
	List(ctx context.Context, f UserFilter) ([]*User, error)
	Get(ctx context.Context, id string) (*User, error)
	// Invite creates a user in status invited and e-mails an invitation link.
	Invite(ctx context.Context, n NewUser) (*User, error)
	ResendInvitation(ctx context.Context, id string) error
	ChangeRole(ctx context.Context, id string, role Role) error
	// SetDisabled disables or re-enables a user; disabling ends their sessions.
	SetDisabled(ctx context.Context, id string, disabled bool) error
	// ResetSecondFactor removes a user's TOTP secret and recovery codes and
	// ends their sessions; they enrol again at next sign-in.
	ResetSecondFactor(ctx context.Context, id string) error
}

// OrganisationService reads and edits the acting user's organisation.
type OrganisationService interface {
	Get(ctx context.Context) (*Organisation, error)
	Update(ctx context.Context, u OrganisationUpdate) (*Organisation, error)
}

// AuditService lets auditors browse the acting user's organisation's log.
type AuditService interface {
	List(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)
	// Personal decrypts the personal details of one entry; the read itself is
	// audited. Returns ENotFound when the subject has been erased.
	Personal(ctx context.Context, seq int64) (map[string]string, error)
}

// HealthService backs /readyz.
type HealthService interface {
	// Ready returns nil when the database answers and every migration is
	// applied.
	Ready(ctx context.Context) error
}

// Timeouts of company sessions.
const (
	SessionIdleTimeout     = 30 * time.Minute
	SessionAbsoluteTimeout = 12 * time.Hour
)
