package company

import (
	"context"
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
)

// Cookie names.
const (
	sessionCookie = "bgcheck_session"
	langCookie    = "bgcheck_lang"
	flashCookie   = "bgcheck_flash"
)

// state is what the interface knows about one request: its language and,
// once loaded, its session.
type state struct {
	lang string
	loc  *i18n.Localizer

	loaded  bool            // the session cookie has been looked at
	token   string          // session token from the cookie, "" if none
	sess    *domain.Session // nil when not signed in
	user    *domain.User
	expired bool   // a session cookie was sent but the session has ended
	preCSRF string // pre-login CSRF token issued or read for this response
}

// complete reports whether the request has a fully signed-in session.
func (st *state) complete() bool {
	return st.sess != nil && st.sess.Stage == domain.StageComplete && st.user != nil
}

type stateKey struct{}

func withState(r *http.Request, st *state) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), stateKey{}, st))
}

// stateOf returns the request's state, or a fresh one for requests that did
// not come through ServeHTTP (error pages rendered by outer middleware).
func (s *Server) stateOf(r *http.Request) *state {
	if st, ok := r.Context().Value(stateKey{}).(*state); ok {
		return st
	}
	return s.newState(r)
}

func (s *Server) newState(r *http.Request) *state {
	lang := i18n.Match(r.Header.Get("Accept-Language"), cookieValue(r, langCookie))
	return &state{lang: lang, loc: s.Cat.Localizer(lang)}
}

func cookieValue(r *http.Request, name string) string {
	c, err := r.Cookie(name)
	if err != nil {
		return ""
	}
	return c.Value
}

// loadSession resolves the session cookie once per request. An ended or
// unknown session clears the cookie; any other failure is returned.
func (s *Server) loadSession(w http.ResponseWriter, r *http.Request, st *state) error {
	if st.loaded {
		return nil
	}
	st.loaded = true
	token := cookieValue(r, sessionCookie)
	if token == "" {
		return nil
	}
	sess, user, err := s.Auth.Session(r.Context(), token)
	if err != nil {
		switch domain.ErrorCode(err) {
		case domain.EUnauthorized, domain.ENotFound:
			st.expired = true
			s.clearCookie(w, sessionCookie)
			return nil
		}
		return err
	}
	st.token, st.sess, st.user = token, sess, user
	return nil
}

// actorContext puts the signed-in user into ctx as the acting user.
func actorContext(ctx context.Context, u *domain.User) context.Context {
	return domain.WithActor(ctx, domain.Actor{
		Type:  domain.ActorUser,
		ID:    u.ID,
		OrgID: u.OrgID,
		Role:  u.Role,
		Label: u.Email,
	})
}

// setSessionCookie stores a session token. It is a browser-session cookie:
// the idle and absolute timeouts are enforced by the server.
func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{
		Name:     sessionCookie,
		Value:    token,
		Path:     "/",
		HttpOnly: true,
		Secure:   s.cfg.Secure,
		SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{
		Name:     name,
		Value:    "",
		Path:     "/",
		MaxAge:   -1,
		HttpOnly: true,
		Secure:   s.cfg.Secure,
		SameSite: http.SameSiteLaxMode,
	})
}

// setFlash leaves a message id for the next page; the page shows it once.
func (s *Server) setFlash(w http.ResponseWriter, id string) {
	http.SetCookie(w, &http.Cookie{
		Name:     flashCookie,
		Value:    id,
		Path:     "/",
		MaxAge:   300,
		HttpOnly: true,
		Secure:   s.cfg.Secure,
		SameSite: http.SameSiteLaxMode,
	})
}

// takeFlash returns and clears the pending flash message id. Only
// catalogue ids are honoured, so a forged cookie can at most show one of
// bgcheck's own messages.
func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request) string {
	id := cookieValue(r, flashCookie)
	if id == "" {
		return ""
	}
	s.clearCookie(w, flashCookie)
	if !s.Cat.Has(id) {
		return ""
	}
	return id
}
