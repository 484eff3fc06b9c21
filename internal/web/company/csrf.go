package company

// CSRF protection has two layers.
//
// 1. http.CrossOriginProtection (in ServeHTTP) refuses state-changing
//    requests that browsers mark as cross-origin (Sec-Fetch-Site, Origin).
//
// 2. A token in every form (field csrf_token; htmx sends it as the
//    X-CSRF-Token header, read from <meta name="csrf-token"> by app.js),
//    compared in constant time:
//    - with a session (at any stage), the token is the session's own
//      CSRFToken, stored server-side with the session;
//    - before sign-in (login, invitation, language), there is no session,
//      so a signed double-submit cookie is used: the cookie holds a random
//      token, its expiry and an HMAC-SHA256 over both under a server key,
//      and the form must echo the token. A site that cannot read our
//      cookies cannot know the token, and the HMAC stops anyone from
//      planting a cookie of their own making. Over HTTPS the cookie is
//      named with the __Host- prefix, which browsers refuse to accept from
//      a sibling subdomain, closing the cookie-tossing hole of plain
//      double-submit.
//    On public routes the pre-login token is accepted even when a session
//    exists, so a sign-in form rendered before another tab signed in
//    still works; every other route demands the session's token.

import (
	"crypto/subtle"
	"errors"
	"github.com/bgcheck/bgcheck/internal/web/csrfcookie"
	"net/http"
	"strings"
)

const (
	csrfField  = "csrf_token"
	csrfHeader = "X-CSRF-Token"
)

func (s *Server) csrfCookie() csrfcookie.Cookie {
	return csrfcookie.Cookie{Name: "bgcheck_csrf", Label: "bgcheck-csrf", Key: s.cfg.CSRFKey, Secure: s.cfg.Secure}
}

func (s *Server) csrfCookieName() string { return s.csrfCookie().CookieName() }

// csrfToken returns the token the forms of the page being rendered carry,
// issuing a pre-login cookie when needed.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request, st *state) string {
	if st.sess != nil {
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

// preLoginToken returns the token of a valid, unexpired pre-login cookie.
func (s *Server) preLoginToken(r *http.Request) (string, bool) { return s.csrfCookie().Token(r) }

// checkCSRF parses the body and verifies the request's CSRF token,
// answering the request itself (403, or 413 for an oversized body) when
// it fails.
func (s *Server) checkCSRF(w http.ResponseWriter, r *http.Request, rt Route, st *state) bool {
	if err := parseBody(r); err != nil {
		s.bodyError(w, r, err)
		return false
	}
	sent := r.Header.Get(csrfHeader)
	if sent == "" {
		sent = r.PostFormValue(csrfField)
	}
	if st.sess != nil && tokensEqual(sent, st.sess.CSRFToken) {
		return true
	}
	if st.sess == nil || rt.Perm == Public {
		if tok, ok := s.preLoginToken(r); ok && tokensEqual(sent, tok) {
			return true
		}
	}
	s.errorPage(w, r, http.StatusForbidden, "error.csrf")
	return false
}

func tokensEqual(sent, want string) bool {
	return sent != "" && want != "" && subtle.ConstantTimeCompare([]byte(sent), []byte(want)) == 1
}

// maxMultipartMemory bounds the part of a multipart body kept in memory;
// the body as a whole is already bounded by the body-limit middleware.
const maxMultipartMemory = 1 << 20

func parseBody(r *http.Request) error {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return r.ParseMultipartForm(maxMultipartMemory)
	}
	return r.ParseForm()
}

// bodyError answers a request whose body could not be read: 413 when it
// was too large, 400 otherwise.
func (s *Server) bodyError(w http.ResponseWriter, r *http.Request, err error) {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		w.Header().Set("Connection", "close")
		s.errorPage(w, r, http.StatusRequestEntityTooLarge, "")
		return
	}
	s.errorPage(w, r, http.StatusBadRequest, "error.invalid")
}
