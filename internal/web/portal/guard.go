package portal

import (
	"net/http"
	"net/url"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/middleware"
)

// guard wraps a route's handler with what its line in the route table
// promises: the body limit, session lookup, opening the link's case, the
// binding of the session to that case, and the CSRF check on every
// state-changing method.
func (s *Server) guard(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		middleware.SetRoute(r.Context(), rt.Pattern)
		if rt.Access == Infra {
			rt.handler(w, r)
			return
		}
		if !s.limitBody(w, r, rt) {
			return
		}
		st := s.stateOf(r)
		if err := s.loadSession(w, r, st); err != nil {
			s.fail(w, r, err)
			return
		}
		if rt.Access == Link || rt.Access == Subject {
			if !s.openCase(w, r, st) {
				return
			}
			r = s.withCaseLanguage(r, st)
		}
		if rt.Access == Subject && !s.allowed(w, r, st) {
			return
		}
		if !safeMethod(r.Method) && !s.checkCSRF(w, r, rt, st) {
			return
		}
		if st.sess != nil && (rt.Access == Public || st.bound()) {
			r = r.WithContext(subjectContext(r.Context(), st.sess))
		}
		rt.handler(w, r)
	})
}

// limitBody holds the body to the route's limit: the upload size on
// upload routes, the form limit elsewhere. A declared length over it is
// refused at once; a body that turns out longer fails when read.
func (s *Server) limitBody(w http.ResponseWriter, r *http.Request, rt Route) bool {
	limit := s.cfg.MaxBodyBytes
	if rt.Upload {
		limit = s.cfg.MaxUploadBytes + uploadOverhead
	}
	if r.ContentLength > limit {
		s.tooLarge(w, r)
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	return true
}

// openCase opens the case the path's link addresses, answering with the
// "link not valid" page when it cannot be used.
func (s *Server) openCase(w http.ResponseWriter, r *http.Request, st *state) bool {
	link := r.PathValue("link")
	pc, err := s.Portal.Open(r.Context(), link)
	if err != nil {
		if domain.IsNotFound(err) {
			s.linkInvalid(w, r)
			return false
		}
		s.fail(w, r, err)
		return false
	}
	st.link, st.pc = link, pc
	return true
}

// withCaseLanguage applies the case's language (unless the subject chose
// one) and passes it on to services in the request info.
func (s *Server) withCaseLanguage(r *http.Request, st *state) *http.Request {
	s.useCaseLanguage(st, st.pc.Language)
	info := domain.RequestFrom(r.Context())
	info.Lang = st.lang
	return r.WithContext(domain.WithRequest(r.Context(), info))
}

// allowed enforces a Subject route's rule: a session bound to the link's
// case, after every consent question has been answered. Without a session
// the subject is sent to the case's first page to sign in; a session for
// another case is refused, so one case's sign-in never opens another.
func (s *Server) allowed(w http.ResponseWriter, r *http.Request, st *state) bool {
	switch {
	case st.sess == nil:
		if st.expired {
			s.setFlash(w, "error.portal.session_expired")
		} else {
			s.setFlash(w, "flash.portal.signin_first")
		}
		s.redirect(w, r, casePath(st.link, ""))
		return false
	case !st.bound():
		s.errorPage(w, r, http.StatusForbidden, "error.portal.other_case")
		return false
	case !st.pc.ConsentDone:
		s.redirect(w, r, casePath(st.link, ""))
		return false
	}
	return true
}

// casePath is the portal path of link followed by sub ("" or "/wizard").
func casePath(link, sub string) string { return Prefix + url.PathEscape(link) + sub }

// redirect answers with 303 See Other, so a POST is followed by a GET.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}
