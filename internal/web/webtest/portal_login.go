package webtest

import (
	"context"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// BeginLogin implements domain.PortalService.
func (p *Portal) BeginLogin(ctx context.Context, link string) (string, error) {
	if err := p.call("Portal.BeginLogin"); err != nil {
		return "", err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, err := p.byLink(link); err != nil {
		return "", err
	}
	state := randomHex()
	p.logins[state] = link
	return PortalBrokerURL + "?state=" + state + "&scope=openid", nil
}

// PendingState returns the state of a pending MitID sign-in for link.
func (p *Portal) PendingState(link string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	for s, l := range p.logins {
		if l == link {
			return s
		}
	}
	return ""
}

// FinishLogin implements domain.PortalService.
func (p *Portal) FinishLogin(ctx context.Context, code, state string, meta domain.ClientMeta) (string, string, error) {
	if err := p.call("Portal.FinishLogin"); err != nil {
		return "", "", err
	}
	p.mu.Lock()
	link, ok := p.logins[state]
	delete(p.logins, state)
	p.mu.Unlock()
	if !ok {
		return "", "", domain.Errorf(domain.EUnauthorized, "error.mitid_state")
	}
	if code != PortalMitIDCode {
		return "", "", domain.Errorf(domain.EUnauthorized, "error.mitid_login")
	}
	token, _, err := p.signIn(link, "mitid_substantial")
	return token, link, err
}

// SignIn starts a subject session for the case behind link and returns
// its token and CSRF token.
func (p *Portal) SignIn(link string) (token, csrf string) {
	token, csrf, err := p.signIn(link, "mitid_substantial")
	if err != nil {
		panic(err)
	}
	return token, csrf
}

func (p *Portal) signIn(link, assurance string) (token, csrf string, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c, err := p.byLink(link)
	if err != nil {
		return "", "", err
	}
	token, csrf = randomHex(), randomHex()
	p.sessions[token] = &domain.SubjectSession{CaseID: c.pc.CaseID, OrgID: c.pc.Org.ID, SubjectID: "subject-" + c.pc.CaseID,
		CSRFToken: csrf, Assurance: assurance, ExpiresAt: portalNow.Add(time.Hour)}
	if c.pc.Status == domain.CaseInvited {
		c.pc.Status = domain.CaseInProgress
	}
	c.pc.Identified, c.pc.Assurance = true, assurance
	return token, csrf, nil
}

// SendEmailCode implements domain.PortalService.
func (p *Portal) SendEmailCode(ctx context.Context, link string) error {
	if err := p.call("Portal.SendEmailCode"); err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.LastCodeLang = domain.RequestFrom(ctx).Lang
	_, err := p.byLink(link)
	return err
}

// VerifyEmailCode implements domain.PortalService.
func (p *Portal) VerifyEmailCode(ctx context.Context, link, code string, meta domain.ClientMeta) (string, error) {
	if err := p.call("Portal.VerifyEmailCode"); err != nil {
		return "", err
	}
	if code != PortalEmailCode {
		return "", &domain.Error{Code: domain.EInvalid, Message: "error.code_invalid", Fields: map[string]string{"code": "error.code_invalid"}}
	}
	token, _, err := p.signIn(link, "email_code")
	return token, err
}

// Session implements domain.PortalService.
func (p *Portal) Session(ctx context.Context, token string) (*domain.SubjectSession, error) {
	if err := p.call("Portal.Session"); err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	s, ok := p.sessions[token]
	if !ok {
		return nil, domain.Errorf(domain.EUnauthorized, "error.session_expired")
	}
	c := *s
	return &c, nil
}

// Logout implements domain.PortalService.
func (p *Portal) Logout(ctx context.Context, token string) error {
	if err := p.call("Portal.Logout"); err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.sessions, token)
	return nil
}

// SignedIn reports whether the session with token is live.
func (p *Portal) SignedIn(token string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, ok := p.sessions[token]
	return ok
}
