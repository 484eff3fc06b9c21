package company

import (
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// invitationData is the invitation page's data.
type invitationData struct {
	OrgName string
	Email   string
	Name    string
}

// The invitation token travels in the path because an e-mailed link must
// carry it. It stays out of logs (RedactPath) and out of Referer headers
// (Referrer-Policy: no-referrer), and the page loads nothing from
// elsewhere.

func (s *Server) invitationForm(w http.ResponseWriter, r *http.Request) {
	u, orgName, err := s.Auth.Invitation(r.Context(), r.PathValue("token"))
	if err != nil {
		s.invitationFailed(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, viewInvitation, s.invitationPage(w, r, u, orgName))
}

func (s *Server) invitationPage(w http.ResponseWriter, r *http.Request, u *domain.User, orgName string) *page {
	p := s.signInPage(w, r, "page.invitation.title")
	p.Data = invitationData{OrgName: orgName, Email: u.Email, Name: u.Name}
	return p
}

// invitationFailed explains an unknown, used or expired invitation.
func (s *Server) invitationFailed(w http.ResponseWriter, r *http.Request, err error) {
	if !domain.IsNotFound(err) {
		s.fail(w, r, err)
		return
	}
	p := s.signInPage(w, r, "page.invitation_invalid.title")
	p.Error = p.loc.T("error.invitation_invalid")
	s.render(w, r, http.StatusNotFound, viewInvitationInvalid, p)
}

func (s *Server) acceptInvitation(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	u, orgName, err := s.Auth.Invitation(r.Context(), token)
	if err != nil {
		s.invitationFailed(w, r, err)
		return
	}
	password, confirm := r.PostFormValue("password"), r.PostFormValue("confirm")
	switch {
	case password == "":
		s.invalid(w, r, viewInvitation, s.invitationPage(w, r, u, orgName), map[string]string{"password": "error.required"})
		return
	case password != confirm:
		s.invalid(w, r, viewInvitation, s.invitationPage(w, r, u, orgName), map[string]string{"confirm": "error.password_mismatch"})
		return
	}
	if err := s.Auth.AcceptInvitation(r.Context(), token, password); err != nil {
		if domain.IsNotFound(err) {
			s.invitationFailed(w, r, err)
			return
		}
		s.formError(w, r, viewInvitation, s.invitationPage(w, r, u, orgName), err)
		return
	}
	s.setFlash(w, "flash.invitation_accepted")
	s.redirect(w, r, "/login")
}
