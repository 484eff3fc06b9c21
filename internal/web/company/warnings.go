package company

import (
	"net/http"
	"strings"
)

// warnCookie carries warnings to the page after a redirect. A flash
// message is one line of success; warnings are the things a service
// accepted but wants a person to look at (e.g. another open case for the
// same e-mail), and there may be several.
const warnCookie = "bgcheck_warn"

// maxWarnings bounds how many warnings one redirect carries, so a cookie
// never grows past what browsers keep.
const maxWarnings = 8

// warnSep separates message ids in the cookie. Ids never contain it, and
// it is a legal cookie character that needs no quoting.
const warnSep = "|"

// setWarnings leaves message ids for the next page to show once.
func (s *Server) setWarnings(w http.ResponseWriter, ids []string) {
	if len(ids) == 0 {
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name:     warnCookie,
		Value:    strings.Join(ids[:min(len(ids), maxWarnings)], warnSep),
		Path:     "/",
		MaxAge:   300,
		HttpOnly: true,
		Secure:   s.cfg.Secure,
		SameSite: http.SameSiteLaxMode,
	})
}

// takeWarnings returns and clears the pending warnings. As with flash
// messages, only catalogue ids are honoured.
func (s *Server) takeWarnings(w http.ResponseWriter, r *http.Request) []string {
	v := cookieValue(r, warnCookie)
	if v == "" {
		return nil
	}
	s.clearCookie(w, warnCookie)
	var ids []string
	for _, id := range strings.Split(v, warnSep) {
		if s.Cat.Has(id) && len(ids) < maxWarnings {
			ids = append(ids, id)
		}
	}
	return ids
}
