package company

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

const (
	casesPerPage = 50
	// maxUsersListed bounds the users read for handler names and choices;
	// organisations have far fewer.
	maxUsersListed = 1000
)

// casesData is the case list's data.
type casesData struct {
	Cases    []*domain.Case
	Query    caseQuery
	Packages []*domain.Package // choices of the package filter
	People   people
	Sorts    []string // the orders the list can be sorted in
	NextURL  string   // the next page with the same filter, "" on the last
	FirstURL string   // the first page with the same filter, "" on it
}

func (s *Server) casesList(w http.ResponseWriter, r *http.Request) {
	f, cq, fields := parseCaseFilter(r.URL.Query(), s.cfg.Location)
	pkgs, err := s.Packages.List(r.Context(), true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ppl, err := s.people(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(w, r, "page.cases.title")
	p.Form = cq.Form
	d := casesData{Query: cq, Packages: pkgs, People: ppl, Sorts: caseSorts}
	p.Data = d
	if len(fields) > 0 {
		s.invalid(w, r, viewCases, p, fields)
		return
	}
	f.Limit = casesPerPage
	res, err := s.Cases.List(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Cases = res.Cases
	if res.Next != "" {
		d.NextURL = cq.URL(res.Next)
	}
	if f.After != "" {
		d.FirstURL = cq.URL("")
	}
	p.Data = d
	s.render(w, r, http.StatusOK, viewCases, p)
}

// people knows the names of the organisation's users, as far as the
// signed-in user may see them, and who may be assigned cases.
type people struct {
	names map[string]string
	// Handlers are the active users a case can be assigned to: those who
	// handle cases and those who decide them.
	Handlers []*domain.User
	// Me is the signed-in user's id.
	Me string
}

// Name returns the display name of user id, or "" when it is unknown.
func (pp people) Name(id string) string { return pp.names[id] }

// people reads the users the signed-in user may see. Roles that may not
// read the user list (case handlers, reviewers) know only themselves, so
// they can filter on and take cases, but not see colleagues' names.
func (s *Server) people(r *http.Request) (people, error) {
	me := s.stateOf(r).user
	users := []*domain.User{me}
	if me.Role.Can(domain.PermUsersRead) {
		var err error
		if users, err = s.Users.List(r.Context(), domain.UserFilter{Limit: maxUsersListed}); err != nil {
			return people{}, err
		}
	} else {
		handlers, err := s.Cases.Handlers(r.Context())
		if err != nil {
			return people{}, err
		}
		for _, u := range handlers {
			if u.ID != me.ID {
				users = append(users, u)
			}
		}
	}
	pp := people{names: map[string]string{}, Me: me.ID}
	for _, u := range users {
		pp.names[u.ID] = displayName(u)
		if (u.Role.Can(domain.PermCasesManage) || u.Role.Can(domain.PermCasesDecide)) && u.Status == domain.UserActive {
			pp.Handlers = append(pp.Handlers, u)
		}
	}
	slices.SortFunc(pp.Handlers, func(a, b *domain.User) int { return strings.Compare(displayName(a), displayName(b)) })
	return pp, nil
}

func displayName(u *domain.User) string {
	if u.Name != "" {
		return u.Name
	}
	return u.Email
}

func casePath(id string) string { return "/cases/" + url.PathEscape(id) }
