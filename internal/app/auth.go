package app

import (
	"context"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/auth"
	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// AuthService implements domain.AuthService.
type AuthService struct{ *App }

var (
	errLoginFailed  = domain.Errorf(domain.EUnauthorized, "error.login_failed")
	errSessionEnded = domain.Errorf(domain.EUnauthorized, "error.session_expired")
	errTOTPInvalid  = &domain.Error{Code: domain.EInvalid, Message: "error.totp_invalid", Fields: map[string]string{"code": "error.totp_invalid"}}
)

// recoveryCodeCount is how many one-time recovery codes a user gets.
const recoveryCodeCount = 10

func acctKey(email string) string { return "acct:" + domain.NormalizeEmail(email) }
func ipKey(ip string) string      { return "ip:" + ip }

// throttled returns ETooMany when the account or the IP has too many
// recent failures.
func throttled(tx *store.Tx, email, ip string) error {
	since := auth.WindowStart(tx.Now)
	acct, err := tx.LoginFailures(acctKey(email), since)
	if err != nil {
		return err
	}
	ipn, err := tx.LoginFailures(ipKey(ip), since)
	if err != nil {
		return err
	}
	return auth.Throttle(acct, ipn)
}

// Login implements domain.AuthService.
func (s *AuthService) Login(ctx context.Context, email, password string, meta domain.ClientMeta) (domain.LoginResult, error) {
	email = domain.NormalizeEmail(email)
	if email == "" || password == "" {
		return domain.LoginResult{}, &domain.Error{Code: domain.EInvalid, Message: "error.login_failed"}
	}
	var u *domain.User
	var creds store.UserCredentials
	err := s.DB.Read(ctx, func(tx *store.Tx) (err error) {
		if err := throttled(tx, email, meta.IP); err != nil {
			return err
		}
		u, err = tx.UserByEmail(email)
		if domain.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		creds, err = tx.Credentials(u.OrgID, u.ID)
		return err
	})
	if err != nil {
		return domain.LoginResult{}, err
	}
	ok := false
	rehash := false
	if u == nil || u.Status != domain.UserActive || creds.PasswordHash == "" {
		auth.DummyVerify(password) // same time as a real check: no enumeration
	} else if ok, rehash, err = auth.VerifyPassword(creds.PasswordHash, password); err != nil {
		return domain.LoginResult{}, err
	}
	if !ok {
		return domain.LoginResult{}, s.loginFailed(ctx, u, email, meta, "password")
	}
	var newHash string
	if rehash {
		if newHash, err = auth.HashPassword(password); err != nil {
			return domain.LoginResult{}, err
		}
	}
	stage := domain.StagePassword
	if !u.TOTPEnabled {
		stage = domain.StageEnrol
	}
	token, hash := auth.NewToken()
	ctx = domain.WithActor(ctx, userActor(u))
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if newHash != "" {
			if err := tx.SetPassword(u.OrgID, u.ID, newHash); err != nil {
				return err
			}
		}
		if err := tx.CreateSession(newSession(tx, u, hash, stage, meta)); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "auth.password_ok", TargetType: "user", TargetID: u.ID, Details: map[string]string{"stage": string(stage)}})
	})
	if err != nil {
		return domain.LoginResult{}, err
	}
	return domain.LoginResult{Token: token, Stage: stage}, nil
}

// loginFailed counts a failure against the account and the IP, audits it
// when the account exists, and returns the error to show.
func (s *AuthService) loginFailed(ctx context.Context, u *domain.User, email string, meta domain.ClientMeta, factor string) error {
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.RecordLoginFailure(acctKey(email)); err != nil {
			return err
		}
		if err := tx.RecordLoginFailure(ipKey(meta.IP)); err != nil {
			return err
		}
		if u == nil {
			return nil
		}
		return s.record(domain.WithActor(ctx, userActor(u)), tx, event{OrgID: u.OrgID, Action: "auth.login_failed", TargetType: "user", TargetID: u.ID, Details: map[string]string{"factor": factor}})
	})
	if err != nil {
		return err
	}
	if u == nil {
		s.Log.Info("sign-in failed for unknown or inactive account", "ip", meta.IP)
	}
	if factor == "password" {
		return errLoginFailed
	}
	return errTOTPInvalid
}

func userActor(u *domain.User) domain.Actor {
	return domain.Actor{Type: domain.ActorUser, ID: u.ID, OrgID: u.OrgID, Role: u.Role, Label: u.Email}
}

func newSession(tx *store.Tx, u *domain.User, hash []byte, stage domain.SessionStage, meta domain.ClientMeta) *domain.Session {
	csrf, _ := auth.NewToken()
	return &domain.Session{
		IDHash: hash, OrgID: u.OrgID, UserID: u.ID, Stage: stage, CSRFToken: csrf,
		CreatedAt: tx.Now, LastSeenAt: tx.Now, ExpiresAt: tx.Now.Add(domain.SessionAbsoluteTimeout),
		IP: meta.IP, UserAgent: truncate(meta.UserAgent, 300),
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// touchEvery limits how often a session's last-seen time is written.
const touchEvery = time.Minute

// Session implements domain.AuthService.
func (s *AuthService) Session(ctx context.Context, token string) (*domain.Session, *domain.User, error) {
	if token == "" {
		return nil, nil, errSessionEnded
	}
	hash := auth.HashToken(token)
	var sess *domain.Session
	var u *domain.User
	var expired bool
	err := s.DB.Read(ctx, func(tx *store.Tx) (err error) {
		sess, err = tx.Session(hash)
		if err != nil {
			return err
		}
		if !tx.Now.Before(sess.ExpiresAt) || !tx.Now.Before(sess.LastSeenAt.Add(domain.SessionIdleTimeout)) {
			expired = true
			return nil
		}
		u, err = tx.User(sess.OrgID, sess.UserID)
		return err
	})
	if domain.IsNotFound(err) {
		return nil, nil, errSessionEnded
	}
	if err != nil {
		return nil, nil, err
	}
	if expired || u.Status != domain.UserActive {
		_ = s.DB.Write(ctx, func(tx *store.Tx) error { return tx.DeleteSession(hash) })
		return nil, nil, errSessionEnded
	}
	if s.DB.Now().Sub(sess.LastSeenAt) >= touchEvery {
		if err := s.DB.Write(ctx, func(tx *store.Tx) error { return tx.TouchSession(hash) }); err != nil {
			return nil, nil, err
		}
	}
	return sess, u, nil
}

// sessionAt loads the live session for token and checks it is at stage.
func (s *AuthService) sessionAt(ctx context.Context, token string, stage domain.SessionStage) (*domain.Session, *domain.User, error) {
	sess, u, err := s.Session(ctx, token)
	if err != nil {
		return nil, nil, err
	}
	if sess.Stage != stage {
		return nil, nil, domain.Errorf(domain.EForbidden, "error.forbidden")
	}
	return sess, u, nil
}

func totpScope(u *domain.User) crypto.Scope {
	return crypto.Scope{OrgID: u.OrgID, OwnerID: u.ID, Record: "user:" + u.ID, Field: "totp_secret"}
}

// BeginEnrolment implements domain.AuthService.
func (s *AuthService) BeginEnrolment(ctx context.Context, token string) (domain.Enrolment, error) {
	_, u, err := s.sessionAt(ctx, token, domain.StageEnrol)
	if err != nil {
		return domain.Enrolment{}, err
	}
	var creds store.UserCredentials
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { creds, err = tx.Credentials(u.OrgID, u.ID); return err }); err != nil {
		return domain.Enrolment{}, err
	}
	if creds.TOTPSecret != nil {
		// Show the pending secret again, so reloading the page does not
		// invalidate a QR code already scanned.
		secret, err := s.Envelope.Decrypt(ctx, totpScope(u), creds.TOTPSecret)
		if err == nil {
			uri, png, err := auth.TOTPKey(string(secret), totpIssuer, u.Email)
			if err == nil {
				return domain.Enrolment{Secret: string(secret), URI: uri, QRPNG: png}, nil
			}
		}
	}
	secret, uri, png, err := auth.NewTOTP(totpIssuer, u.Email)
	if err != nil {
		return domain.Enrolment{}, err
	}
	enc, err := s.Envelope.Encrypt(ctx, totpScope(u), []byte(secret))
	if err != nil {
		return domain.Enrolment{}, err
	}
	if err := s.DB.Write(ctx, func(tx *store.Tx) error { return tx.SetPendingTOTP(u.OrgID, u.ID, enc) }); err != nil {
		return domain.Enrolment{}, err
	}
	return domain.Enrolment{Secret: secret, URI: uri, QRPNG: png}, nil
}

// totpIssuer is the name authenticator apps show next to the code.
const totpIssuer = "bgcheck"

// CompleteEnrolment implements domain.AuthService.
func (s *AuthService) CompleteEnrolment(ctx context.Context, token, code string) (string, []string, error) {
	sess, u, err := s.sessionAt(ctx, token, domain.StageEnrol)
	if err != nil {
		return "", nil, err
	}
	secret, lastStep, err := s.totpSecret(ctx, u)
	if err != nil {
		return "", nil, err
	}
	step, ok := auth.ValidateTOTP(secret, code, lastStep, s.DB.Now())
	if !ok {
		return "", nil, s.loginFailed(ctx, u, u.Email, domain.ClientMeta{IP: sess.IP}, "totp")
	}
	codes, hashes := auth.NewRecoveryCodes(recoveryCodeCount)
	newToken, newHash := auth.NewToken()
	ctx = domain.WithActor(ctx, userActor(u))
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.EnableTOTP(u.OrgID, u.ID, step); err != nil {
			return err
		}
		if err := tx.ReplaceRecoveryCodes(u.OrgID, u.ID, hashes); err != nil {
			return err
		}
		if err := s.completeSignIn(tx, u, sess, newHash); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "auth.totp_enrolled", TargetType: "user", TargetID: u.ID})
	})
	if err != nil {
		return "", nil, err
	}
	return newToken, codes, nil
}

// completeSignIn replaces the half-way session with a complete one under a
// new id (no session fixation) and clears the account's failure count.
func (s *AuthService) completeSignIn(tx *store.Tx, u *domain.User, old *domain.Session, newHash []byte) error {
	if err := tx.DeleteSession(old.IDHash); err != nil {
		return err
	}
	sess := newSession(tx, u, newHash, domain.StageComplete, domain.ClientMeta{IP: old.IP, UserAgent: old.UserAgent})
	if err := tx.CreateSession(sess); err != nil {
		return err
	}
	if err := tx.TouchLogin(u.OrgID, u.ID); err != nil {
		return err
	}
	return tx.ClearLoginFailures(acctKey(u.Email))
}

func (s *AuthService) totpSecret(ctx context.Context, u *domain.User) (string, int64, error) {
	var creds store.UserCredentials
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { creds, err = tx.Credentials(u.OrgID, u.ID); return err }); err != nil {
		return "", 0, err
	}
	if creds.TOTPSecret == nil {
		return "", 0, domain.Errorf(domain.EForbidden, "error.forbidden")
	}
	secret, err := s.Envelope.Decrypt(ctx, totpScope(u), creds.TOTPSecret)
	if err != nil {
		return "", 0, err
	}
	return string(secret), creds.TOTPLastStep, nil
}

// VerifySecondFactor implements domain.AuthService.
func (s *AuthService) VerifySecondFactor(ctx context.Context, token, code string, meta domain.ClientMeta) (string, error) {
	sess, u, err := s.sessionAt(ctx, token, domain.StagePassword)
	if err != nil {
		return "", err
	}
	if err := s.DB.Read(ctx, func(tx *store.Tx) error { return throttled(tx, u.Email, meta.IP) }); err != nil {
		return "", err
	}
	code = strings.TrimSpace(code)
	newToken, newHash := auth.NewToken()
	ctx = domain.WithActor(ctx, userActor(u))
	var factor string
	var apply func(tx *store.Tx) error
	if isTOTPCode(code) {
		secret, lastStep, err := s.totpSecret(ctx, u)
		if err != nil {
			return "", err
		}
		step, ok := auth.ValidateTOTP(secret, code, lastStep, s.DB.Now())
		if !ok {
			return "", s.loginFailed(ctx, u, u.Email, meta, "totp")
		}
		factor, apply = "totp", func(tx *store.Tx) error { return tx.AdvanceTOTPStep(u.OrgID, u.ID, step) }
	} else {
		factor, apply = "recovery_code", func(tx *store.Tx) error {
			return tx.UseRecoveryCode(u.OrgID, u.ID, auth.HashRecoveryCode(code))
		}
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := apply(tx); err != nil {
			return err
		}
		if err := s.completeSignIn(tx, u, sess, newHash); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "auth.login", TargetType: "user", TargetID: u.ID, Details: map[string]string{"factor": factor}})
	})
	if domain.IsNotFound(err) || domain.ErrorCode(err) == domain.EConflict {
		// Unknown or used recovery code, or a TOTP step another sign-in
		// just used.
		return "", s.loginFailed(ctx, u, u.Email, meta, factor)
	}
	if err != nil {
		return "", err
	}
	return newToken, nil
}

func isTOTPCode(code string) bool {
	code = strings.ReplaceAll(code, " ", "")
	if len(code) != 6 {
		return false
	}
	for _, c := range code {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Logout implements domain.AuthService.
func (s *AuthService) Logout(ctx context.Context, token string) error {
	hash := auth.HashToken(token)
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		sess, err := tx.Session(hash)
		if domain.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := tx.DeleteSession(hash); err != nil {
			return err
		}
		return s.record(ctx, tx, event{OrgID: sess.OrgID, Action: "auth.logout", TargetType: "user", TargetID: sess.UserID})
	})
}

// LogoutEverywhere implements domain.AuthService.
func (s *AuthService) LogoutEverywhere(ctx context.Context) error {
	ac, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		n, err := tx.DeleteUserSessions(ac.OrgID, ac.ID, nil)
		if err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "auth.logout_everywhere", TargetType: "user", TargetID: ac.ID, Details: map[string]string{"sessions": itoa(n)}})
	})
}

// ChangePassword implements domain.AuthService.
func (s *AuthService) ChangePassword(ctx context.Context, token, current, next string) error {
	sess, u, err := s.sessionAt(ctx, token, domain.StageComplete)
	if err != nil {
		return err
	}
	var creds store.UserCredentials
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { creds, err = tx.Credentials(u.OrgID, u.ID); return err }); err != nil {
		return err
	}
	if ok, _, err := auth.VerifyPassword(creds.PasswordHash, current); err != nil || !ok {
		return &domain.Error{Code: domain.EInvalid, Message: "error.current_password_wrong", Fields: map[string]string{"current": "error.current_password_wrong"}}
	}
	if err := auth.CheckPassword(next, u.Email, u.Name); err != nil {
		return err
	}
	hash, err := auth.HashPassword(next)
	if err != nil {
		return err
	}
	ctx = domain.WithActor(ctx, userActor(u))
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetPassword(u.OrgID, u.ID, hash); err != nil {
			return err
		}
		if _, err := tx.DeleteUserSessions(u.OrgID, u.ID, sess.IDHash); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "auth.password_changed", TargetType: "user", TargetID: u.ID})
	})
}

// Invitation implements domain.AuthService.
func (s *AuthService) Invitation(ctx context.Context, token string) (*domain.User, string, error) {
	var u *domain.User
	var org *domain.Organisation
	err := s.DB.Read(ctx, func(tx *store.Tx) error {
		inv, err := tx.OpenInvitation(auth.HashToken(token))
		if err != nil {
			return err
		}
		if u, err = tx.User(inv.OrgID, inv.UserID); err != nil {
			return err
		}
		org, err = tx.Organisation(inv.OrgID)
		return err
	})
	if domain.IsNotFound(err) {
		return nil, "", store.ErrInvitationInvalid
	}
	if err != nil {
		return nil, "", err
	}
	return u, org.Name, nil
}

// AcceptInvitation implements domain.AuthService.
func (s *AuthService) AcceptInvitation(ctx context.Context, token, password string) error {
	u, _, err := s.Invitation(ctx, token)
	if err != nil {
		return err
	}
	if err := auth.CheckPassword(password, u.Email, u.Name); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	ctx = domain.WithActor(ctx, userActor(u))
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		inv, err := tx.OpenInvitation(auth.HashToken(token))
		if err != nil {
			return err
		}
		if err := tx.AcceptInvitation(inv.OrgID, inv.ID); err != nil {
			return err
		}
		if err := tx.SetPassword(u.OrgID, u.ID, hash); err != nil {
			return err
		}
		if err := tx.SetUserStatus(u.OrgID, u.ID, domain.UserActive); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "user.invitation_accepted", TargetType: "user", TargetID: u.ID})
	})
	if domain.IsNotFound(err) {
		return store.ErrInvitationInvalid
	}
	return err
}
