// Package webtest provides small in-memory implementations of the domain
// service interfaces for testing the web layer without a database. They
// keep just enough state to behave like the real services at the
// boundary: sessions and their stages, users of one organisation, the
// organisation, audit entries, sent mail, screening packages and cases.
package webtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"slices"
	"sync"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Codes the fakes accept.
const (
	GoodCode       = "123456" // a valid TOTP code
	GoodPassword   = "correct horse battery staple"
	InviteToken    = "invite-token-0123456789" // an open invitation
	InviteEmail    = "invited@example.com"
	OrgID          = "org-a"
	TestSecret     = "JBSWY3DPEHPK3PXP"
	ErasedSeq      = 13 // Personal of this audit entry reports an erased subject
	ThrottledEmail = "throttled@example.com"
)

// Fakes is one organisation's worth of fake services.
type Fakes struct {
	mu       sync.Mutex
	sessions map[string]*entry // token → session
	users    map[string]*domain.User
	org      domain.Organisation
	entries  []*domain.AuditEntry
	mail     []SentMail
	invited  bool                         // the invitation has been accepted
	packages map[string][]*domain.Package // id → versions, oldest first
	cases    []*caseEntry                 // in creation order
	clock    time.Time                    // the fakes' own clock, moved on by each change
	fourEyes bool                         // decisions wait for a second reviewer

	// LastAuditFilter is the filter of the latest Audit().List call.
	LastAuditFilter domain.AuditFilter
	// LastUserFilter is the filter of the latest Users().List call.
	LastUserFilter domain.UserFilter
	// LastCaseFilter is the filter of the latest Cases().List call.
	LastCaseFilter domain.CaseFilter
	// InviteLang is the request language Users().Invite last saw.
	InviteLang string
	// Calls counts calls by method name, e.g. "Users.Invite".
	Calls map[string]int
	// Fail makes the named method ("Users.List") return this error.
	Fail map[string]error
	// Panic makes the named method panic.
	Panic map[string]bool
	// NotReady is returned by Health().Ready.
	NotReady error
}

// SentMail mirrors company.SentMail without importing it.
type SentMail struct {
	To, Subject, Text string
	At                time.Time
}

type entry struct {
	sess *domain.Session
	user string // user id
}

// New returns fakes holding organisation OrgID with one user per role.
func New() *Fakes {
	f := &Fakes{
		sessions: map[string]*entry{},
		users:    map[string]*domain.User{},
		org:      domain.Organisation{ID: OrgID, Name: "Lufthavn A/S", CVR: "12345674"},
		Calls:    map[string]int{},
		Fail:     map[string]error{},
		Panic:    map[string]bool{},
	}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, r := range domain.Roles {
		id := "user-" + string(r)
		f.users[id] = &domain.User{
			ID: id, OrgID: OrgID, Email: string(r) + "@example.com", Name: "Test " + string(r),
			Role: r, Status: domain.UserActive, TOTPEnabled: true, CreatedAt: now,
		}
	}
	f.users["user-invited"] = &domain.User{ID: "user-invited", OrgID: OrgID, Email: InviteEmail, Name: "Invited Person",
		Role: domain.RoleCaseHandler, Status: domain.UserInvited, CreatedAt: now}
	for i := int64(1); i <= 20; i++ {
		e := &domain.AuditEntry{OrgID: OrgID, Seq: i, At: now.Add(time.Duration(i) * time.Minute), ActorType: domain.ActorUser,
			ActorID: "user-owner", ActorLabel: "owner@example.com", Action: "user.invite", TargetType: "user", TargetID: "user-invited",
			Details: map[string]string{"role": "case_handler"}}
		if i%2 == 1 {
			e.SubjectID, e.Personal = "subject-1", []byte("ciphertext")
		}
		f.entries = append(f.entries, e)
	}
	f.clock = now
	f.seedPackages()
	f.seedCases()
	return f
}

// call records a call and applies the configured failure or panic.
func (f *Fakes) call(name string) error {
	f.mu.Lock()
	f.Calls[name]++
	err, p := f.Fail[name], f.Panic[name]
	f.mu.Unlock()
	if p {
		panic("webtest: " + name + " panics as asked")
	}
	return err
}

// User returns the user with role r.
func (f *Fakes) User(r domain.Role) *domain.User {
	f.mu.Lock()
	defer f.mu.Unlock()
	u := *f.users["user-"+string(r)]
	return &u
}

// SignIn starts a session for the user with role r at stage and returns
// its token and CSRF token.
func (f *Fakes) SignIn(r domain.Role, stage domain.SessionStage) (token, csrf string) {
	return f.newSession("user-"+string(r), stage)
}

func (f *Fakes) newSession(userID string, stage domain.SessionStage) (token, csrf string) {
	token, csrf = randomHex(), randomHex()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sessions[token] = &entry{user: userID, sess: &domain.Session{OrgID: OrgID, UserID: userID, Stage: stage, CSRFToken: csrf}}
	return token, csrf
}

// Stage returns the stage of the session with token, or "" when it has
// ended.
func (f *Fakes) Stage(token string) domain.SessionStage {
	f.mu.Lock()
	defer f.mu.Unlock()
	if e, ok := f.sessions[token]; ok {
		return e.sess.Stage
	}
	return ""
}

// Org returns a copy of the organisation.
func (f *Fakes) Org() domain.Organisation {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.org
}

// AddMail records a sent e-mail for the demo mail page.
func (f *Fakes) AddMail(m SentMail) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mail = append([]SentMail{m}, f.mail...)
}

func randomHex() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// actor returns the acting user from ctx, as the real services do.
func (f *Fakes) actor(ctx context.Context) (domain.Actor, error) {
	a := domain.ActorFrom(ctx)
	if a.Type != domain.ActorUser || a.OrgID != OrgID {
		return a, domain.Errorf(domain.EUnauthorized, "error.session_expired")
	}
	return a, nil
}

func (f *Fakes) require(ctx context.Context, p domain.Permission) error {
	a, err := f.actor(ctx)
	if err != nil {
		return err
	}
	if !a.Role.Can(p) {
		return domain.Errorf(domain.EForbidden, "error.forbidden")
	}
	return nil
}

func notFound() error { return domain.Errorf(domain.ENotFound, "error.not_found") }

// Mail returns the recorded e-mails, newest first, at most limit.
func (f *Fakes) Mail(ctx context.Context, limit int) ([]SentMail, error) {
	if err := f.call("Mail.Recent"); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.mail[:min(limit, len(f.mail))]), nil
}
