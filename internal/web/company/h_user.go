package company

import (
	"context"
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// userData is the user page's data.
type userData struct {
	U *domain.User
	// Self is set when the page shows the signed-in user, whose own role
	// and status others must change.
	Self bool
	// Roles are the roles the signed-in user may give; empty when they may
	// not change this user's role at all.
	Roles []domain.Role
}

func (s *Server) userPage(w http.ResponseWriter, r *http.Request, u *domain.User) *page {
	me := s.stateOf(r).user
	p := s.newPage(w, r, "page.user.title")
	d := userData{U: u, Self: u.ID == me.ID}
	if me.Role.CanAssign(u.Role) {
		d.Roles = assignable(me.Role)
	}
	p.Data = d
	p.Form["role"] = string(u.Role)
	return p
}

func (s *Server) userShow(w http.ResponseWriter, r *http.Request) {
	u, err := s.Users.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, viewUser, s.userPage(w, r, u))
}

// userAction runs one change to the user named in the path. On success it
// redirects to the user's page with flash; a refusal the user can act on
// (last owner, own account, role not allowed) shows the page again with
// the reason.
func (s *Server) userAction(w http.ResponseWriter, r *http.Request, flash string, do func(ctx context.Context, id string) error) {
	id := r.PathValue("id")
	err := do(r.Context(), id)
	if err == nil {
		s.setFlash(w, flash)
		s.redirect(w, r, userPath(id))
		return
	}
	switch domain.ErrorCode(err) {
	case domain.EInvalid, domain.EConflict, domain.EForbidden, domain.ETooMany:
	default:
		s.fail(w, r, err)
		return
	}
	u, gerr := s.Users.Get(r.Context(), id)
	if gerr != nil {
		s.fail(w, r, gerr)
		return
	}
	s.formError(w, r, viewUser, s.userPage(w, r, u), err)
}

func (s *Server) userRole(w http.ResponseWriter, r *http.Request) {
	role := domain.Role(r.PostFormValue("role"))
	s.userAction(w, r, "flash.role_changed", func(ctx context.Context, id string) error {
		if !role.Valid() {
			return domain.Invalid(map[string]string{"role": "error.role"})
		}
		return s.Users.ChangeRole(ctx, id, role)
	})
}

func (s *Server) userDisable(w http.ResponseWriter, r *http.Request) {
	s.userAction(w, r, "flash.user_disabled", func(ctx context.Context, id string) error {
		return s.Users.SetDisabled(ctx, id, true)
	})
}

func (s *Server) userEnable(w http.ResponseWriter, r *http.Request) {
	s.userAction(w, r, "flash.user_enabled", func(ctx context.Context, id string) error {
		return s.Users.SetDisabled(ctx, id, false)
	})
}

func (s *Server) userResetSecondFactor(w http.ResponseWriter, r *http.Request) {
	s.userAction(w, r, "flash.second_factor_reset", s.Users.ResetSecondFactor)
}

func (s *Server) userResendInvitation(w http.ResponseWriter, r *http.Request) {
	s.userAction(w, r, "flash.invitation_resent", s.Users.ResendInvitation)
}
