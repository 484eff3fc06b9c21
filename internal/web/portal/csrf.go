package portal

// CSRF protection has two layers, as in the company interface.
//
// 1. http.CrossOriginProtection (in ServeHTTP) refuses state-changing
//    requests that browsers mark as cross-origin (Sec-Fetch-Site, Origin).
//
// 2. A token in every form (field csrf_token, or the X-CSRF-Token header),
//    compared in constant time:
//    - with a subject session bound to the page's case, the token is the
//      session's own CSRFToken, kept server-side with the session;
//    - before sign-in (consent, starting MitID, the e-mail code, the
//      language switch) there is no session, so a signed double-submit
//      cookie is used: the cookie holds a random token, its expiry and an
//      HMAC-SHA256 over both under a server key, and the form must echo
//      the token. A site that cannot read our cookies cannot know the
//      token, and the HMAC stops anyone from planting a cookie of their
//      own making. Over HTTPS the cookie has the __Host- prefix, which
//      browsers refuse from a sibling subdomain. The MAC is labelled for
//      the portal, so a company pre-login token never passes here even
//      when both sides share the key.
//    Routes that need a session accept only the session's token.

import (
	"crypto/subtle"
	"errors"
	"github.com/bgcheck/bgcheck/internal/web/csrfcookie"
	"net/http"
)

const (
	csrfField  = "csrf_token"
	csrfHeader = "X-CSRF-Token"
)

func (s *Server) csrfCookie() csrfcookie.Cookie {
	return csrfcookie.Cookie{Name: "bgcheck_subject_csrf", Label: "bgcheck-subject-csrf", Key: s.cfg.CSRFKey, Secure: s.cfg.Secure}
}

func (s *Server) csrfCookieName() string { return s.csrfCookie().CookieName() }

// csrfToken returns the token the forms of the page being rendered carry,
// issuing a pre-sign-in cookie when needed.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request, st *state) string {
	if st.sess != nil && (st.pc == nil || st.bound()) {
		return st.sess.CSRFToken
	}
	if st.preCSRF != "" {
		return st.preCSRF
	}
	if tok, ok := s.preLoginToken(r); ok {
		st.preCSRF = tok
		return tok
	}
	tok := s.csrfCookie().Issue(w)
	st.preCSRF = tok
	return tok
}

// preLoginToken returns the token of a valid, unexpired pre-sign-in cookie.
func (s *Server) preLoginToken(r *http.Request) (string, bool) { return s.csrfCookie().Token(r) }

// tokenValid reports whether sent is an acceptable CSRF token for rt.
func (s *Server) tokenValid(r *http.Request, rt Route, st *state, sent string) bool {
	if st.sess != nil && (rt.Access == Public || st.bound()) && tokensEqual(sent, st.sess.CSRFToken) {
		return true
	}
	if rt.Access != Subject {
		if tok, ok := s.preLoginToken(r); ok && tokensEqual(sent, tok) {
			return true
		}
	}
	return false
}

// checkCSRF parses a form body and verifies its CSRF token, answering the
// request itself (403, or 413 for an oversized body) when it fails.
// Upload routes check the token in their handler, while streaming.
func (s *Server) checkCSRF(w http.ResponseWriter, r *http.Request, rt Route, st *state) bool {
	if rt.Upload {
		return true
	}
	sent := r.Header.Get(csrfHeader)
	// Only URL-encoded forms are read; a multipart body on a form route
	// carries no token that counts and is refused below.
	if err := r.ParseForm(); err != nil {
		s.bodyError(w, r, err)
		return false
	}
	if sent == "" {
		sent = r.PostFormValue(csrfField)
	}
	if s.tokenValid(r, rt, st, sent) {
		return true
	}
	s.errorPage(w, r, http.StatusForbidden, "error.csrf")
	return false
}

func tokensEqual(sent, want string) bool {
	return sent != "" && want != "" && subtle.ConstantTimeCompare([]byte(sent), []byte(want)) == 1
}

// bodyError answers a request whose body could not be read: 413 when it
// was too large, 400 otherwise.
func (s *Server) bodyError(w http.ResponseWriter, r *http.Request, err error) {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		s.tooLarge(w, r)
		return
	}
	s.errorPage(w, r, http.StatusBadRequest, "error.invalid")
}

// tooLarge answers 413 and closes the connection: the client may still
// be sending.
func (s *Server) tooLarge(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Connection", "close")
	s.errorPage(w, r, http.StatusRequestEntityTooLarge, "error.portal.too_large")
}
