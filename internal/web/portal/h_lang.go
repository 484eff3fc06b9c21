package portal

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/bgcheck/bgcheck/internal/i18n"
)

// langCookieAge keeps a chosen language for a year.
const langCookieAge = 365 * 24 * 60 * 60

// setLanguage stores the chosen language and returns to the portal page
// the switch was pressed on. The cookie is the one the company interface
// reads too.
func (s *Server) setLanguage(w http.ResponseWriter, r *http.Request) {
	lang := r.PostFormValue("lang")
	if !i18n.Supported(lang) {
		s.errorPage(w, r, http.StatusBadRequest, "error.invalid")
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name:     langCookie,
		Value:    lang,
		Path:     "/",
		MaxAge:   langCookieAge,
		HttpOnly: true,
		Secure:   s.cfg.Secure,
		SameSite: http.SameSiteLaxMode,
	})
	s.redirect(w, r, portalPath(r.PostFormValue("next")))
}

// portalPath returns next when it is a portal path on this site, else
// "/", so the switch cannot be used to send people elsewhere.
func portalPath(next string) string {
	if !strings.HasPrefix(next, Prefix) || strings.ContainsAny(next, "\\\r\n") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return next
}
