package portal

import (
	"context"
	"net/http"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
)

// Cookie names. The subject cookies are scoped to the portal's path; the
// language cookie is shared with the company interface, so a choice made
// on one side holds on the other.
const (
	subjectCookie = "bgcheck_subject"
	langCookie    = "bgcheck_lang"
	flashCookie   = "bgcheck_subject_flash"
	warnCookie    = "bgcheck_subject_warn"
	cookiePath    = "/s/"
)

// state is what the portal knows about one request: its language, the case
// its link opens and the subject session, once loaded.
type state struct {
	lang       string
	langChosen bool // the subject picked the language with the switch
	loc        *i18n.Localizer

	loaded  bool                   // the session cookie has been looked at
	token   string                 // session token from the cookie
	sess    *domain.SubjectSession // nil when not signed in
	expired bool                   // a session cookie was sent but has ended

	link    string             // the case link of the path, "" on public routes
	pc      *domain.PortalCase // the case the link opens
	preCSRF string             // pre-sign-in CSRF token issued or read
}

// bound reports whether the request's session belongs to the link's case.
func (st *state) bound() bool {
	return st.sess != nil && st.pc != nil && st.sess.CaseID == st.pc.CaseID
}

// useCaseLanguage switches to the language the case was created in unless
// the subject has chosen one with the switch: the organisation knows which
// language its applicant reads.
func (s *Server) useCaseLanguage(st *state, lang string) {
	if st.langChosen || !i18n.Supported(lang) {
		return
	}
	st.lang, st.loc = lang, s.Cat.Localizer(lang)
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
	st := &state{}
	if c := cookieValue(r, langCookie); i18n.Supported(c) {
		st.lang, st.langChosen = c, true
	} else {
		st.lang = i18n.Match(r.Header.Get("Accept-Language"), "")
	}
	st.loc = s.Cat.Localizer(st.lang)
	return st
}

func cookieValue(r *http.Request, name string) string {
	c, err := r.Cookie(name)
	if err != nil {
		return ""
	}
	return c.Value
}

// loadSession resolves the subject cookie once per request. An ended or
// unknown session clears the cookie; any other failure is returned.
func (s *Server) loadSession(w http.ResponseWriter, r *http.Request, st *state) error {
	if st.loaded {
		return nil
	}
	st.loaded = true
	token := cookieValue(r, subjectCookie)
	if token == "" {
		return nil
	}
	sess, err := s.Portal.Session(r.Context(), token)
	if err != nil {
		switch domain.ErrorCode(err) {
		case domain.EUnauthorized, domain.ENotFound:
			st.expired = true
			s.clearCookie(w, subjectCookie)
			return nil
		}
		return err
	}
	st.token, st.sess = token, sess
	return nil
}

// subjectContext puts the signed-in subject into ctx as the actor.
func subjectContext(ctx context.Context, sess *domain.SubjectSession) context.Context {
	return domain.WithActor(ctx, domain.Actor{
		Type:  domain.ActorSubject,
		ID:    sess.SubjectID,
		OrgID: sess.OrgID,
		Label: "subject",
	})
}

// setSessionCookie stores a subject session token. It is a
// browser-session cookie limited to the portal; the server enforces the
// session's expiry.
func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{
		Name:     subjectCookie,
		Value:    token,
		Path:     cookiePath,
		HttpOnly: true,
		Secure:   s.cfg.Secure,
		SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{
		Name:     name,
		Value:    "",
		Path:     cookiePath,
		MaxAge:   -1,
		HttpOnly: true,
		Secure:   s.cfg.Secure,
		SameSite: http.SameSiteLaxMode,
	})
}

// maxNotes bounds the warnings one redirect carries, so a cookie never
// grows past what browsers keep.
const maxNotes = 8

// noteSep separates message ids in the cookie; ids never contain it.
const noteSep = "|"

// setFlash leaves a message id for the next page; the page shows it once.
func (s *Server) setFlash(w http.ResponseWriter, id string) { s.setNotes(w, flashCookie, []string{id}) }

// setWarnings leaves warning message ids for the next page.
func (s *Server) setWarnings(w http.ResponseWriter, ids []string) { s.setNotes(w, warnCookie, ids) }

func (s *Server) setNotes(w http.ResponseWriter, name string, ids []string) {
	if len(ids) == 0 {
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name:     name,
		Value:    strings.Join(ids[:min(len(ids), maxNotes)], noteSep),
		Path:     cookiePath,
		MaxAge:   300,
		HttpOnly: true,
		Secure:   s.cfg.Secure,
		SameSite: http.SameSiteLaxMode,
	})
}

// takeNotes returns and clears the message ids left in cookie name. Only
// catalogue ids are honoured, so a forged cookie can at most show one of
// bgcheck's own messages.
func (s *Server) takeNotes(w http.ResponseWriter, r *http.Request, name string) []string {
	v := cookieValue(r, name)
	if v == "" {
		return nil
	}
	s.clearCookie(w, name)
	var ids []string
	for _, id := range strings.Split(v, noteSep) {
		if s.Cat.Has(id) && len(ids) < maxNotes {
			ids = append(ids, id)
		}
	}
	return ids
}
