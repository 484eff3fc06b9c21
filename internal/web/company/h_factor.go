package company

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// enrolData is the enrolment page's data.
type enrolData struct {
	QR     template.URL // data: URI of the QR code PNG
	URI    template.URL // otpauth:// link for an authenticator on this device
	Secret string       // the secret in groups of four, for typing
}

// atStage answers with a redirect to where the session belongs unless it
// is at stage.
func (s *Server) atStage(w http.ResponseWriter, r *http.Request, stage domain.SessionStage) bool {
	st := s.stateOf(r)
	if st.sess.Stage != stage {
		s.redirect(w, r, stagePath(st.sess.Stage))
		return false
	}
	return true
}

func (s *Server) enrolForm(w http.ResponseWriter, r *http.Request) {
	if s.atStage(w, r, domain.StageEnrol) {
		s.showEnrol(w, r, nil)
	}
}

// showEnrol renders the enrolment page, with failure's messages if set.
func (s *Server) showEnrol(w http.ResponseWriter, r *http.Request, failure error) {
	en, err := s.Auth.BeginEnrolment(r.Context(), s.stateOf(r).token)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.signInPage(w, r, "page.enrol.title")
	d := enrolData{
		QR:     template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(en.QRPNG)),
		Secret: groupSecret(en.Secret),
	}
	// Only an otpauth: URI is marked safe; anything else is left out.
	if strings.HasPrefix(en.URI, "otpauth://") {
		d.URI = template.URL(en.URI)
	}
	p.Data = d
	if failure != nil {
		s.formError(w, r, viewEnrol, p, failure)
		return
	}
	s.render(w, r, http.StatusOK, viewEnrol, p)
}

func (s *Server) enrol(w http.ResponseWriter, r *http.Request) {
	if !s.atStage(w, r, domain.StageEnrol) {
		return
	}
	code := normalizeCode(r.PostFormValue("code"))
	if code == "" {
		s.showEnrol(w, r, domain.Invalid(map[string]string{"code": "error.required"}))
		return
	}
	st := s.stateOf(r)
	token, codes, err := s.Auth.CompleteEnrolment(r.Context(), st.token, code)
	if err != nil {
		switch domain.ErrorCode(err) {
		case domain.EInvalid, domain.ETooMany:
			s.showEnrol(w, r, err)
		default:
			s.fail(w, r, err)
		}
		return
	}
	s.setSessionCookie(w, token)
	// The recovery codes are shown in this response, once; they are never
	// stored for a later page. The rotated session is loaded first so the
	// page's forms carry its CSRF token.
	if err := s.switchSession(r, st, token); err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.signInPage(w, r, "page.recovery.title")
	p.Data = codes
	s.render(w, r, http.StatusOK, viewRecovery, p)
}

func (s *Server) verifyForm(w http.ResponseWriter, r *http.Request) {
	if s.atStage(w, r, domain.StagePassword) {
		s.render(w, r, http.StatusOK, viewVerify, s.signInPage(w, r, "page.verify.title"))
	}
}

func (s *Server) verify(w http.ResponseWriter, r *http.Request) {
	if !s.atStage(w, r, domain.StagePassword) {
		return
	}
	code := normalizeCode(r.PostFormValue("code"))
	if code == "" {
		s.invalid(w, r, viewVerify, s.signInPage(w, r, "page.verify.title"), map[string]string{"code": "error.required"})
		return
	}
	token, err := s.Auth.VerifySecondFactor(r.Context(), s.stateOf(r).token, code, s.clientMeta(r))
	if err != nil {
		s.formError(w, r, viewVerify, s.signInPage(w, r, "page.verify.title"), err)
		return
	}
	s.setSessionCookie(w, token)
	s.redirect(w, r, "/")
}

// switchSession makes token the request's session.
func (s *Server) switchSession(r *http.Request, st *state, token string) error {
	sess, user, err := s.Auth.Session(r.Context(), token)
	if err != nil {
		return err
	}
	st.token, st.sess, st.user = token, sess, user
	return nil
}

// normalizeCode drops the spaces people type into codes ("123 456").
func normalizeCode(code string) string {
	return strings.Join(strings.Fields(code), "")
}

// groupSecret splits a base32 secret into groups of four for reading.
func groupSecret(secret string) string {
	var b strings.Builder
	for i, c := range secret {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}
