package company

import (
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/middleware"
)

// guard wraps a route's handler with what its line in the route table
// promises: session lookup, the stage and permission check, and the CSRF
// check on every state-changing method.
func (s *Server) guard(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		middleware.SetRoute(r.Context(), rt.Pattern)
		if rt.Perm == Infra {
			rt.handler(w, r)
			return
		}
		st := s.stateOf(r)
		if err := s.loadSession(w, r, st); err != nil {
			s.fail(w, r, err)
			return
		}
		if !s.allowed(w, r, rt, st) {
			return
		}
		if !safeMethod(r.Method) && !s.checkCSRF(w, r, rt, st) {
			return
		}
		if st.complete() {
			r = r.WithContext(actorContext(r.Context(), st.user))
		}
		rt.handler(w, r)
	})
}

// allowed enforces the route's access rule and answers the request itself
// when it is not met: sign-in redirects for missing or unfinished sessions,
// 403 for a role without the permission.
func (s *Server) allowed(w http.ResponseWriter, r *http.Request, rt Route, st *state) bool {
	switch {
	case rt.Perm == Public:
		return true
	case st.sess == nil:
		s.toLogin(w, r, st)
		return false
	case rt.Perm == SecondFactor:
		return true
	case !st.complete():
		s.redirect(w, r, stagePath(st.sess.Stage))
		return false
	case !st.user.Role.Can(rt.Perm):
		s.errorPage(w, r, http.StatusForbidden, "")
		return false
	}
	return true
}

// stagePath is the page where a sign-in at stage continues.
func stagePath(stage domain.SessionStage) string {
	switch stage {
	case domain.StageEnrol:
		return "/login/enrol"
	case domain.StagePassword:
		return "/login/verify"
	}
	return "/"
}

// toLogin sends the browser to the sign-in page, telling the user why when
// their session has just ended.
func (s *Server) toLogin(w http.ResponseWriter, r *http.Request, st *state) {
	if st.expired {
		s.setFlash(w, "error.session_expired")
	}
	s.redirect(w, r, "/login")
}

// redirect answers with 303 See Other, so a POST is followed by a GET. For
// htmx requests it asks htmx to navigate instead, since an XHR would
// silently follow the redirect and swap in the wrong page.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to string) {
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("HX-Redirect", to)
		w.WriteHeader(http.StatusNoContent)
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}
