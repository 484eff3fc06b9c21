package portal

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/middleware"
)

// continueData is the page that hands the browser over to MitID.
type continueData struct {
	URL template.URL // the broker's authorisation URL, checked to be http(s)
}

// beginLogin starts MitID sign-in. The broker is reached through a page
// that refreshes to it (with a link as fallback) rather than a redirect:
// browsers apply the form-action policy ('self') to redirects that follow
// a form post, and would block the way to the broker.
func (s *Server) beginLogin(w http.ResponseWriter, r *http.Request) {
	st := s.stateOf(r)
	if !st.pc.ConsentDone {
		s.setFlash(w, "error.portal.consent_first")
		s.redirect(w, r, casePath(st.link, ""))
		return
	}
	to, err := s.Portal.BeginLogin(r.Context(), st.link)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, err := url.Parse(to)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		s.logError(r, domain.Errorf(domain.EInternal, "broker URL is not an absolute http(s) URL"))
		s.errorPage(w, r, http.StatusInternalServerError, "")
		return
	}
	p := s.newPage(w, r, "page.portal.continue.title")
	p.Data = continueData{URL: template.URL(u.String())}
	s.render(w, r, http.StatusOK, viewContinue, p)
}

// callback completes MitID sign-in when the broker sends the browser back,
// starts the subject session and goes on to the wizard.
func (s *Server) callback(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		msg := "error.mitid_login"
		if e == "access_denied" {
			msg = "error.mitid_cancelled"
		}
		s.loginFailed(w, r, http.StatusUnauthorized, msg)
		return
	}
	token, link, err := s.Portal.FinishLogin(r.Context(), q.Get("code"), q.Get("state"), s.clientMeta(r))
	if err != nil {
		s.loginError(w, r, err)
		return
	}
	s.setSessionCookie(w, token)
	s.redirect(w, r, casePath(link, "/wizard"))
}

// loginError answers a failed sign-in with what the subject can do.
func (s *Server) loginError(w http.ResponseWriter, r *http.Request, err error) {
	code := domain.ErrorCode(err)
	if code == domain.ENotFound && domain.ErrorMessage(err) == "error.link_invalid" {
		s.linkInvalid(w, r)
		return
	}
	status, known := middleware.StatusOf(code)
	if !known || code == domain.EInternal || code == domain.ENotFound {
		s.logError(r, err)
		status = http.StatusInternalServerError
	}
	msg := domain.ErrorMessage(err)
	if !s.Cat.Has(msg) || code == domain.EInternal {
		msg = "error.mitid_login"
	}
	s.loginFailed(w, r, status, msg)
}

// messageData is the data of a page that only tells something.
type messageData struct {
	Message string   // translated
	Help    []string // translated paragraphs
	Back    string   // a way on, "" for none
	BackID  string   // message id of its label
}

func (s *Server) loginFailed(w http.ResponseWriter, r *http.Request, status int, msgID string) {
	p := s.newPage(w, r, "page.portal.login_failed.title")
	p.Data = messageData{Message: p.loc.T(msgID), Help: []string{p.loc.T("page.portal.login_failed.help")}}
	s.render(w, r, status, viewMessage, p)
}

// emailCodeForm explains the sign-in for subjects without MitID and asks
// for the code.
func (s *Server) emailCodeForm(w http.ResponseWriter, r *http.Request) {
	st := s.stateOf(r)
	if !st.pc.ConsentDone {
		s.redirect(w, r, casePath(st.link, ""))
		return
	}
	s.render(w, r, http.StatusOK, viewEmailCode, s.newPage(w, r, "page.portal.email_code.title"))
}

// sendEmailCode sends a one-time code to the e-mail address the case was
// created with.
func (s *Server) sendEmailCode(w http.ResponseWriter, r *http.Request) {
	st := s.stateOf(r)
	if !st.pc.ConsentDone {
		s.setFlash(w, "error.portal.consent_first")
		s.redirect(w, r, casePath(st.link, ""))
		return
	}
	if err := s.Portal.SendEmailCode(r.Context(), st.link); err != nil {
		s.formError(w, r, viewEmailCode, s.newPage(w, r, "page.portal.email_code.title"), err)
		return
	}
	s.setFlash(w, "flash.portal.code_sent")
	s.redirect(w, r, casePath(st.link, "/email-code"))
}

// verifyEmailCode completes the fallback sign-in.
func (s *Server) verifyEmailCode(w http.ResponseWriter, r *http.Request) {
	st := s.stateOf(r)
	code := strings.Join(strings.Fields(r.PostFormValue("code")), "")
	p := s.newPage(w, r, "page.portal.email_code.title")
	p.Path = casePath(st.link, "/email-code")
	if code == "" {
		s.invalid(w, r, viewEmailCode, p, map[string]string{"code": "error.required"})
		return
	}
	token, err := s.Portal.VerifyEmailCode(r.Context(), st.link, code, s.clientMeta(r))
	if err != nil {
		// A wrong or expired code is a message next to the field, not an
		// ended session.
		if c := domain.ErrorCode(err); c == domain.EUnauthorized || c == domain.EInvalid {
			msg := domain.ErrorMessage(err)
			if !s.Cat.Has(msg) || msg == "error.invalid" {
				msg = "error.portal.code_wrong"
			}
			s.showFormError(w, r, viewEmailCode, p, domain.Invalid(map[string]string{"code": msg}), status(c))
			return
		}
		s.formError(w, r, viewEmailCode, p, err)
		return
	}
	s.setSessionCookie(w, token)
	s.redirect(w, r, casePath(st.link, "/wizard"))
}

// logout ends the subject session. With the case link in the form the
// subject lands on the case's first page, from where they can sign in
// again.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	st := s.stateOf(r)
	if st.token != "" {
		if err := s.Portal.Logout(r.Context(), st.token); err != nil {
			if c := domain.ErrorCode(err); c != domain.EUnauthorized && c != domain.ENotFound {
				s.fail(w, r, err)
				return
			}
		}
	}
	s.clearCookie(w, subjectCookie)
	st.sess, st.token = nil, ""
	if link := r.PostFormValue("link"); link != "" && len(link) <= 256 {
		s.setFlash(w, "flash.portal.signed_out")
		s.redirect(w, r, casePath(link, ""))
		return
	}
	p := s.newPage(w, r, "page.portal.signed_out.title")
	p.Data = messageData{Message: p.loc.T("flash.portal.signed_out"), Help: []string{p.loc.T("page.portal.signed_out.help")}}
	s.render(w, r, http.StatusOK, viewMessage, p)
}
