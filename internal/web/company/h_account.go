package company

import (
	"net/http"
)

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, viewPassword, s.newPage(w, r, "page.password.title"))
}

// changePassword changes the signed-in user's password. The service ends
// their other sessions; this one stays.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	current, next, confirm := r.PostFormValue("current"), r.PostFormValue("password"), r.PostFormValue("confirm")
	fields := map[string]string{}
	if current == "" {
		fields["current"] = "error.required"
	}
	switch {
	case next == "":
		fields["password"] = "error.required"
	case next != confirm:
		fields["confirm"] = "error.password_mismatch"
	}
	if len(fields) > 0 {
		s.invalid(w, r, viewPassword, s.newPage(w, r, "page.password.title"), fields)
		return
	}
	if err := s.Auth.ChangePassword(r.Context(), s.stateOf(r).token, current, next); err != nil {
		s.formError(w, r, viewPassword, s.newPage(w, r, "page.password.title"), err)
		return
	}
	s.setFlash(w, "flash.password_changed")
	s.redirect(w, r, "/account/password")
}
