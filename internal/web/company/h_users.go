package company

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bgcheck/bgcheck/internal/domain"
)

const (
	usersPerPage = 50
	maxPage      = 10000 // bounds the offset a crafted URL can ask for
	maxQueryLen  = 200
)

var userStatuses = []domain.UserStatus{domain.UserInvited, domain.UserActive, domain.UserDisabled}

// usersData is the user list's data.
type usersData struct {
	Users    []*domain.User
	Statuses []domain.UserStatus
	PrevURL  string
	NextURL  string
}

func (s *Server) usersList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := domain.UserFilter{Limit: usersPerPage + 1, Query: clip(strings.TrimSpace(q.Get("q")), maxQueryLen)}
	if role := domain.Role(q.Get("role")); role.Valid() {
		f.Role = role
	}
	if st := domain.UserStatus(q.Get("status")); validStatus(st) {
		f.Status = st
	}
	pageNo := pageNumber(q.Get("page"))
	f.Offset = (pageNo - 1) * usersPerPage
	users, err := s.Users.List(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := usersData{Users: users, Statuses: userStatuses}
	if len(users) > usersPerPage {
		d.Users = users[:usersPerPage]
		d.NextURL = usersURL(f, pageNo+1)
	}
	if pageNo > 1 {
		d.PrevURL = usersURL(f, pageNo-1)
	}
	p := s.newPage(w, r, "page.users.title")
	p.Form = map[string]string{"q": f.Query, "role": string(f.Role), "status": string(f.Status)}
	p.Data = d
	s.render(w, r, http.StatusOK, viewUsers, p)
}

func validStatus(st domain.UserStatus) bool {
	for _, v := range userStatuses {
		if v == st {
			return true
		}
	}
	return false
}

func pageNumber(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 1
	}
	return min(n, maxPage)
}

func usersURL(f domain.UserFilter, pageNo int) string {
	v := url.Values{}
	for k, val := range map[string]string{"q": f.Query, "role": string(f.Role), "status": string(f.Status)} {
		if val != "" {
			v.Set(k, val)
		}
	}
	if pageNo > 1 {
		v.Set("page", strconv.Itoa(pageNo))
	}
	if len(v) == 0 {
		return "/users"
	}
	return "/users?" + v.Encode()
}

// clip cuts s to at most n runes.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// assignable lists the roles the acting user may give.
func assignable(actor domain.Role) []domain.Role {
	var roles []domain.Role
	for _, r := range domain.Roles {
		if actor.CanAssign(r) {
			roles = append(roles, r)
		}
	}
	return roles
}

func (s *Server) invitePage(w http.ResponseWriter, r *http.Request) *page {
	p := s.newPage(w, r, "page.invite.title")
	p.Data = assignable(s.stateOf(r).user.Role)
	return p
}

func (s *Server) inviteForm(w http.ResponseWriter, r *http.Request) {
	p := s.invitePage(w, r)
	p.Form["role"] = string(domain.RoleCaseHandler)
	s.render(w, r, http.StatusOK, viewInvite, p)
}

func (s *Server) invite(w http.ResponseWriter, r *http.Request) {
	n := domain.NewUser{
		Email: r.PostFormValue("email"),
		Name:  r.PostFormValue("name"),
		Role:  domain.Role(r.PostFormValue("role")),
	}
	n.Normalize()
	p := s.invitePage(w, r)
	p.Form = map[string]string{"email": n.Email, "name": n.Name, "role": string(n.Role)}
	if err := n.Validate(); err != nil {
		s.formError(w, r, viewInvite, p, err)
		return
	}
	u, err := s.Users.Invite(r.Context(), n)
	if err != nil {
		s.formError(w, r, viewInvite, p, err)
		return
	}
	s.setFlash(w, "flash.user_invited")
	s.redirect(w, r, userPath(u.ID))
}

func userPath(id string) string { return "/users/" + url.PathEscape(id) }
