package webtest

import (
	"context"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Auth returns the fake domain.AuthService.
func (f *Fakes) Auth() domain.AuthService { return authFake{f} }

type authFake struct{ *Fakes }

// onePixelPNG is a valid 1×1 PNG standing in for a QR code.
var onePixelPNG = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}

func (a authFake) Login(ctx context.Context, email, password string, meta domain.ClientMeta) (domain.LoginResult, error) {
	if err := a.call("Auth.Login"); err != nil {
		return domain.LoginResult{}, err
	}
	if email == ThrottledEmail {
		return domain.LoginResult{}, domain.Errorf(domain.ETooMany, "error.login_throttled")
	}
	a.mu.Lock()
	var found *domain.User
	for _, u := range a.users {
		if u.Email == strings.ToLower(email) && u.Status == domain.UserActive {
			found = u
		}
	}
	a.mu.Unlock()
	if found == nil || password != GoodPassword {
		return domain.LoginResult{}, domain.Errorf(domain.EUnauthorized, "error.login_failed")
	}
	stage := domain.StagePassword
	if !found.TOTPEnabled {
		stage = domain.StageEnrol
	}
	token, _ := a.newSession(found.ID, stage)
	return domain.LoginResult{Token: token, Stage: stage}, nil
}

func (a authFake) Session(ctx context.Context, token string) (*domain.Session, *domain.User, error) {
	if err := a.call("Auth.Session"); err != nil {
		return nil, nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	e, ok := a.sessions[token]
	if !ok {
		return nil, nil, domain.Errorf(domain.EUnauthorized, "error.session_expired")
	}
	s, u := *e.sess, *a.users[e.user]
	return &s, &u, nil
}

// at returns the session for token when it is at stage.
func (a authFake) at(token string, stage domain.SessionStage) (*entry, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	e, ok := a.sessions[token]
	if !ok {
		return nil, domain.Errorf(domain.EUnauthorized, "error.session_expired")
	}
	if e.sess.Stage != stage {
		return nil, domain.Errorf(domain.EForbidden, "error.forbidden")
	}
	return e, nil
}

func (a authFake) BeginEnrolment(ctx context.Context, token string) (domain.Enrolment, error) {
	if err := a.call("Auth.BeginEnrolment"); err != nil {
		return domain.Enrolment{}, err
	}
	if _, err := a.at(token, domain.StageEnrol); err != nil {
		return domain.Enrolment{}, err
	}
	return domain.Enrolment{Secret: TestSecret, URI: "otpauth://totp/bgcheck:x?secret=" + TestSecret, QRPNG: onePixelPNG}, nil
}

// rotate replaces the session at token with a complete one and returns its
// new token.
func (a authFake) rotate(token string, e *entry) string {
	newToken, _ := a.newSession(e.user, domain.StageComplete)
	a.mu.Lock()
	delete(a.sessions, token)
	a.mu.Unlock()
	return newToken
}

func (a authFake) CompleteEnrolment(ctx context.Context, token, code string) (string, []string, error) {
	if err := a.call("Auth.CompleteEnrolment"); err != nil {
		return "", nil, err
	}
	e, err := a.at(token, domain.StageEnrol)
	if err != nil {
		return "", nil, err
	}
	if code != GoodCode {
		return "", nil, &domain.Error{Code: domain.EInvalid, Message: "error.totp_invalid", Fields: map[string]string{"code": "error.totp_invalid"}}
	}
	a.mu.Lock()
	a.users[e.user].TOTPEnabled = true
	a.mu.Unlock()
	return a.rotate(token, e), []string{"abcd-efgh-jkmn", "pqrs-tvwx-yz01"}, nil
}

func (a authFake) VerifySecondFactor(ctx context.Context, token, code string, meta domain.ClientMeta) (string, error) {
	if err := a.call("Auth.VerifySecondFactor"); err != nil {
		return "", err
	}
	e, err := a.at(token, domain.StagePassword)
	if err != nil {
		return "", err
	}
	if code != GoodCode {
		return "", &domain.Error{Code: domain.EInvalid, Message: "error.totp_invalid", Fields: map[string]string{"code": "error.totp_invalid"}}
	}
	return a.rotate(token, e), nil
}

func (a authFake) Logout(ctx context.Context, token string) error {
	if err := a.call("Auth.Logout"); err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.sessions, token)
	return nil
}

func (a authFake) LogoutEverywhere(ctx context.Context) error {
	if err := a.call("Auth.LogoutEverywhere"); err != nil {
		return err
	}
	ac, err := a.actor(ctx)
	if err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	for tok, e := range a.sessions {
		if e.user == ac.ID {
			delete(a.sessions, tok)
		}
	}
	return nil
}

func (a authFake) Invitation(ctx context.Context, token string) (*domain.User, string, error) {
	if err := a.call("Auth.Invitation"); err != nil {
		return nil, "", err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if token != InviteToken || a.invited {
		return nil, "", domain.Errorf(domain.ENotFound, "error.invitation_invalid")
	}
	u := *a.users["user-invited"]
	return &u, a.org.Name, nil
}

func (a authFake) AcceptInvitation(ctx context.Context, token, password string) error {
	if err := a.call("Auth.AcceptInvitation"); err != nil {
		return err
	}
	if _, _, err := a.Invitation(ctx, token); err != nil {
		return err
	}
	if len(password) < 12 {
		return &domain.Error{Code: domain.EInvalid, Message: "error.password_too_short", Fields: map[string]string{"password": "error.password_too_short"}}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.invited = true
	a.users["user-invited"].Status = domain.UserActive
	return nil
}

func (a authFake) ChangePassword(ctx context.Context, token, current, next string) error {
	if err := a.call("Auth.ChangePassword"); err != nil {
		return err
	}
	if _, err := a.at(token, domain.StageComplete); err != nil {
		return err
	}
	if current != GoodPassword {
		return &domain.Error{Code: domain.EInvalid, Message: "error.current_password_wrong", Fields: map[string]string{"current": "error.current_password_wrong"}}
	}
	if len(next) < 12 {
		return &domain.Error{Code: domain.EInvalid, Message: "error.password_too_short", Fields: map[string]string{"password": "error.password_too_short"}}
	}
	return nil
}
