package app_test

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func TestSignInWithEnrolmentThenTOTP(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		_, owner := e.org("Alfa")
		auth := e.app.Auth()

		res, err := auth.Login(ctx, owner.Email, testPassword, domain.ClientMeta{IP: "192.0.2.1"})
		if err != nil || res.Stage != domain.StageEnrol {
			t.Fatalf("first login: %+v %v", res, err)
		}
		enr, err := auth.BeginEnrolment(ctx, res.Token)
		if err != nil || enr.Secret == "" || len(enr.QRPNG) == 0 {
			t.Fatalf("enrolment: %v", err)
		}
		again, err := auth.BeginEnrolment(ctx, res.Token)
		if err != nil || again.Secret != enr.Secret {
			t.Fatalf("reloading the enrolment page changed the secret: %v", err)
		}
		if _, _, err := auth.CompleteEnrolment(ctx, res.Token, "000000"); domain.ErrorCode(err) != domain.EInvalid {
			t.Fatalf("wrong code accepted: %v", err)
		}
		full, codes, err := auth.CompleteEnrolment(ctx, res.Token, e.code(enr.Secret))
		if err != nil || len(codes) != 10 || full == res.Token {
			t.Fatalf("complete enrolment: %v (codes %d)", err, len(codes))
		}
		if _, _, err := auth.Session(ctx, res.Token); domain.ErrorCode(err) != domain.EUnauthorized {
			t.Fatalf("half-way session id still valid after sign-in: %v", err)
		}
		sess, u, err := auth.Session(ctx, full)
		if err != nil || sess.Stage != domain.StageComplete || u.ID != owner.ID {
			t.Fatalf("session: %+v %v", sess, err)
		}
		if err := auth.Logout(ctx, full); err != nil {
			t.Fatal(err)
		}
		if _, _, err := auth.Session(ctx, full); err == nil {
			t.Fatal("session alive after logout")
		}

		// Second sign-in: password, then a TOTP code of a later step.
		e.clock.advance(time.Minute)
		res, err = auth.Login(ctx, owner.Email, testPassword, domain.ClientMeta{IP: "192.0.2.1"})
		if err != nil || res.Stage != domain.StagePassword {
			t.Fatalf("second login: %+v %v", res, err)
		}
		if _, _, err := auth.Session(ctx, res.Token); err != nil {
			t.Fatal(err)
		}
		code := e.code(enr.Secret)
		tok, err := auth.VerifySecondFactor(ctx, res.Token, code, domain.ClientMeta{IP: "192.0.2.1"})
		if err != nil {
			t.Fatal(err)
		}
		// The same code cannot sign in twice (replay).
		res2, _ := auth.Login(ctx, owner.Email, testPassword, domain.ClientMeta{IP: "192.0.2.1"})
		if _, err := auth.VerifySecondFactor(ctx, res2.Token, code, domain.ClientMeta{IP: "192.0.2.1"}); err == nil {
			t.Fatal("TOTP code replayed")
		}
		// A recovery code works once.
		if _, err := auth.VerifySecondFactor(ctx, res2.Token, codes[0], domain.ClientMeta{IP: "192.0.2.1"}); err != nil {
			t.Fatalf("recovery code: %v", err)
		}
		res3, _ := auth.Login(ctx, owner.Email, testPassword, domain.ClientMeta{IP: "192.0.2.1"})
		if _, err := auth.VerifySecondFactor(ctx, res3.Token, codes[0], domain.ClientMeta{IP: "192.0.2.1"}); err == nil {
			t.Fatal("recovery code used twice")
		}
		// Logout everywhere ends the other sessions too.
		if err := auth.LogoutEverywhere(as(owner)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := auth.Session(ctx, tok); err == nil {
			t.Fatal("session alive after logout everywhere")
		}
	})
}

func TestSessionTimeouts(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		_, owner := e.org("Alfa")
		tok, _ := e.signIn(owner)
		e.clock.advance(domain.SessionIdleTimeout - time.Minute)
		if _, _, err := e.app.Auth().Session(ctx, tok); err != nil {
			t.Fatalf("active session ended early: %v", err)
		}
		e.clock.advance(domain.SessionIdleTimeout + time.Second)
		if _, _, err := e.app.Auth().Session(ctx, tok); domain.ErrorCode(err) != domain.EUnauthorized {
			t.Fatalf("idle session still valid: %v", err)
		}
		tok = e.signInAgain(owner)
		created := e.clock.t
		for {
			e.clock.advance(20 * time.Minute)
			_, _, err := e.app.Auth().Session(ctx, tok)
			if e.clock.t.Sub(created) < domain.SessionAbsoluteTimeout {
				if err != nil {
					t.Fatalf("active session ended before the absolute timeout: %v", err)
				}
				continue
			}
			if err == nil {
				t.Fatal("session outlived the absolute timeout")
			}
			return
		}
	})
}

// signInAgain signs in a user who has enrolled already, using a fresh TOTP
// step.
func (e *env) signInAgain(u *domain.User) string {
	e.t.Helper()
	// Enrol a fresh secret through an operator reset to keep the test
	// independent of the first secret.
	if _, err := e.app.Operator().ResetSecondFactor(context.Background(), u.Email); err != nil {
		e.t.Fatal(err)
	}
	e.clock.advance(time.Minute)
	tok, _ := e.signIn(u)
	return tok
}

func TestLoginThrottling(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		_, owner := e.org("Alfa")
		meta := domain.ClientMeta{IP: "198.51.100.7"}
		for i := 0; i < 5; i++ {
			_, err := e.app.Auth().Login(ctx, owner.Email, "wrong-password-123", meta)
			wantCode(t, err, domain.EUnauthorized)
		}
		_, err := e.app.Auth().Login(ctx, owner.Email, testPassword, meta)
		wantCode(t, err, domain.ETooMany)
		// Unknown accounts are throttled the same way: no enumeration.
		for i := 0; i < 5; i++ {
			e.app.Auth().Login(ctx, "nobody@alfa.example", "wrong-password-123", domain.ClientMeta{IP: "203.0.113.9"})
		}
		_, err = e.app.Auth().Login(ctx, "nobody@alfa.example", "wrong-password-123", domain.ClientMeta{IP: "203.0.113.9"})
		wantCode(t, err, domain.ETooMany)
		// The lock lifts after the window.
		e.clock.advance(16 * time.Minute)
		if _, err := e.app.Auth().Login(ctx, owner.Email, testPassword, meta); err != nil {
			t.Fatalf("still locked after the window: %v", err)
		}
	})
}

var linkRe = regexp.MustCompile(`https://bgcheck\.test/invitation/([A-Za-z0-9_-]+)`)

func TestInviteAcceptAndSignIn(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		_, owner := e.org("Alfa")
		u, err := e.app.Users().Invite(as(owner), domain.NewUser{Email: " Bo@Alfa.example ", Name: "Bo Hansen", Role: domain.RoleCaseHandler})
		if err != nil || u.Status != domain.UserInvited || u.Email != "bo@alfa.example" {
			t.Fatalf("invite: %+v %v", u, err)
		}
		mails := e.mails()
		if len(mails) != 1 || mails[0]["to"] != "bo@alfa.example" {
			t.Fatalf("mails: %v", mails)
		}
		m := linkRe.FindStringSubmatch(mails[0]["text"].(string))
		if m == nil {
			t.Fatalf("no invitation link in %q", mails[0]["text"])
		}
		token := m[1]
		if _, org, err := e.app.Auth().Invitation(ctx, token); err != nil || org != "Alfa" {
			t.Fatalf("invitation lookup: %v", err)
		}
		err = e.app.Auth().AcceptInvitation(ctx, token, "password")
		if f := domain.ErrorFields(err); f["password"] == "" {
			t.Fatalf("weak password accepted or no field error: %v", err)
		}
		if err := e.app.Auth().AcceptInvitation(ctx, token, testPassword); err != nil {
			t.Fatal(err)
		}
		if err := e.app.Auth().AcceptInvitation(ctx, token, testPassword); domain.ErrorMessage(err) != "error.invitation_invalid" {
			t.Fatalf("invitation reused: %v", err)
		}
		u, _ = e.app.Users().Get(as(owner), u.ID)
		if u.Status != domain.UserActive {
			t.Fatalf("status %s", u.Status)
		}
		e.signIn(u)
	})
}

func TestInvitationExpires(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		_, owner := e.org("Alfa")
		if _, err := e.app.Users().Invite(as(owner), domain.NewUser{Email: "x@alfa.example", Name: "X", Role: domain.RoleAuditor}); err != nil {
			t.Fatal(err)
		}
		token := linkRe.FindStringSubmatch(e.mails()[0]["text"].(string))[1]
		e.clock.advance(8 * 24 * time.Hour)
		if err := e.app.Auth().AcceptInvitation(context.Background(), token, testPassword); domain.ErrorMessage(err) != "error.invitation_invalid" {
			t.Fatalf("expired invitation accepted: %v", err)
		}
	})
}

func TestChangePasswordEndsOtherSessions(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		_, owner := e.org("Alfa")
		tok, secret := e.signIn(owner)
		e.clock.advance(time.Minute)
		res, _ := e.app.Auth().Login(ctx, owner.Email, testPassword, domain.ClientMeta{IP: "192.0.2.1"})
		other, err := e.app.Auth().VerifySecondFactor(ctx, res.Token, e.code(secret), domain.ClientMeta{IP: "192.0.2.1"})
		if err != nil {
			t.Fatal(err)
		}
		err = e.app.Auth().ChangePassword(ctx, tok, "not-the-password", "ny-lang-adgangskode-77")
		wantCode(t, err, domain.EInvalid)
		if err := e.app.Auth().ChangePassword(ctx, tok, testPassword, "ny-lang-adgangskode-77"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.app.Auth().Session(ctx, tok); err != nil {
			t.Fatalf("own session ended: %v", err)
		}
		if _, _, err := e.app.Auth().Session(ctx, other); err == nil {
			t.Fatal("other session survived a password change")
		}
	})
}
