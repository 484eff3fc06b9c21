package company

import (
	"net/http"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// maxUserAgent bounds the user agent kept with a session.
const maxUserAgent = 512

func (s *Server) clientMeta(r *http.Request) domain.ClientMeta {
	ua := r.UserAgent()
	if len(ua) > maxUserAgent {
		ua = ua[:maxUserAgent]
	}
	return domain.ClientMeta{IP: domain.RequestFrom(r.Context()).IP, UserAgent: strings.ToValidUTF8(ua, "")}
}

func (s *Server) signInPage(w http.ResponseWriter, r *http.Request, title string) *page {
	p := s.newPage(w, r, title)
	p.Narrow = true
	return p
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if st := s.stateOf(r); st.sess != nil {
		s.redirect(w, r, stagePath(st.sess.Stage))
		return
	}
	s.render(w, r, http.StatusOK, viewLogin, s.signInPage(w, r, "page.login.title"))
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	email := strings.TrimSpace(r.PostFormValue("email"))
	password := r.PostFormValue("password")
	page := func() *page {
		p := s.signInPage(w, r, "page.login.title")
		p.Form["email"] = email
		return p
	}
	fields := map[string]string{}
	if email == "" {
		fields["email"] = "error.required"
	}
	if password == "" {
		fields["password"] = "error.required"
	}
	if len(fields) > 0 {
		s.invalid(w, r, viewLogin, page(), fields)
		return
	}
	res, err := s.Auth.Login(r.Context(), email, password, s.clientMeta(r))
	if err != nil {
		// A wrong password is "unauthorized"; on the sign-in form itself
		// that is a message, not a redirect.
		if domain.ErrorCode(err) == domain.EUnauthorized {
			s.showFormError(w, r, viewLogin, page(), err, http.StatusUnauthorized)
			return
		}
		s.formError(w, r, viewLogin, page(), err)
		return
	}
	s.setSessionCookie(w, res.Token)
	s.redirect(w, r, stagePath(res.Stage))
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	st := s.stateOf(r)
	if err := s.Auth.Logout(r.Context(), st.token); err != nil && domain.ErrorCode(err) != domain.EUnauthorized {
		s.fail(w, r, err)
		return
	}
	s.clearCookie(w, sessionCookie)
	s.setFlash(w, "flash.logged_out")
	s.redirect(w, r, "/login")
}

func (s *Server) logoutAll(w http.ResponseWriter, r *http.Request) {
	if err := s.Auth.LogoutEverywhere(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	s.clearCookie(w, sessionCookie)
	s.setFlash(w, "flash.logged_out_all")
	s.redirect(w, r, "/login")
}
