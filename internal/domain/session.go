package domain

import "time"

// SessionStage tells how far a sign-in has come. Only a session at
// StageComplete grants access to anything but the second-factor pages.
type SessionStage string

// Session stages.
const (
	StagePassword SessionStage = "password" // password checked, second factor pending
	StageEnrol    SessionStage = "enrol"    // password checked, TOTP enrolment pending
	StageComplete SessionStage = "complete" // both factors checked
)

// Session is a signed-in company user's browser session. The session id is
// known only to the browser; the database keeps its hash.
type Session struct {
	IDHash     []byte
	OrgID      string
	UserID     string
	Stage      SessionStage
	CSRFToken  string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // absolute expiry
	IP         string
	UserAgent  string
}
