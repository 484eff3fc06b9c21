package company

import (
	"net/http"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/web/static"
)

// page is what every template receives. Texts are looked up with
// {{$.T "id"}}; a template never holds a user-visible string of its own.
type page struct {
	Lang      string
	Title     string // message id of the page title
	CSRF      string
	Path      string // the current path and query, for the language switch
	User      *domain.User
	May       perms
	SignedIn  bool // any session, even one still awaiting a second factor
	Nav       []navItem
	Flash     string
	FlashErr  bool
	Warnings  []string          // translated warnings left by the previous request
	Error     string            // a message for the whole form or page
	Form      map[string]string // submitted values to show again
	Fields    map[string]string // per-field messages, already translated
	DevMail   bool
	Narrow    bool // a single narrow column, for sign-in pages
	RequestID string
	Data      any

	loc    *i18n.Localizer
	assets *static.Assets
	tz     *time.Location
}

// newPage starts a page: language, CSRF token, navigation and any pending
// flash message. Call it before anything is written to w.
func (s *Server) newPage(w http.ResponseWriter, r *http.Request, title string) *page {
	st := s.stateOf(r)
	p := &page{
		Lang:      st.lang,
		Title:     title,
		CSRF:      s.csrfToken(w, r, st),
		Path:      r.URL.RequestURI(),
		SignedIn:  st.sess != nil,
		DevMail:   s.cfg.DevMail,
		RequestID: domain.RequestFrom(r.Context()).ID,
		Form:      map[string]string{},
		Fields:    map[string]string{},
		loc:       st.loc,
		assets:    s.assets,
		tz:        s.cfg.Location,
	}
	if st.complete() {
		p.User = st.user
		p.May = permsOf(st.user.Role)
		p.Nav = navFor(st.user.Role, r.URL.Path)
	}
	if id := s.takeFlash(w, r); id != "" {
		p.Flash, p.FlashErr = st.loc.T(id), strings.HasPrefix(id, "error.")
	}
	for _, id := range s.takeWarnings(w, r) {
		p.Warnings = append(p.Warnings, st.loc.T(id))
	}
	return p
}

// T renders a message; data are name/value pairs for the message's
// template fields, e.g. {{$.T "page.dashboard.welcome" "Name" .User.Name}}.
func (p *page) T(id string, pairs ...any) string {
	if len(pairs) == 0 {
		return p.loc.T(id)
	}
	data := make(map[string]any, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		if k, ok := pairs[i].(string); ok {
			data[k] = pairs[i+1]
		}
	}
	return p.loc.T(id, data)
}

// Role is the translated name of a role.
func (p *page) Role(r domain.Role) string { return p.loc.T("role." + string(r)) }

// Status is the translated name of a user status.
func (p *page) Status(s domain.UserStatus) string { return p.loc.T("status." + string(s)) }

// Roles lists every role, for selects and filters.
func (p *page) Roles() []domain.Role { return domain.Roles }

// Asset is the versioned URL of a static file.
func (p *page) Asset(name string) string { return p.assets.Path(name) }

// perms says what the signed-in user may do, for templates to show only
// what works for them. The routes enforce the same permissions.
type perms struct {
	UsersRead, UsersManage, OrgRead, OrgManage, AuditRead bool
	CasesRead, CasesManage, CasesDecide                   bool
	IntegrationsRead                                      bool
}

func permsOf(r domain.Role) perms {
	return perms{
		UsersRead:        r.Can(domain.PermUsersRead),
		UsersManage:      r.Can(domain.PermUsersManage),
		OrgRead:          r.Can(domain.PermOrgRead),
		OrgManage:        r.Can(domain.PermOrgManage),
		AuditRead:        r.Can(domain.PermAuditRead),
		CasesRead:        r.Can(domain.PermCasesRead),
		CasesManage:      r.Can(domain.PermCasesManage),
		CasesDecide:      r.Can(domain.PermCasesDecide),
		IntegrationsRead: r.Can(domain.PermIntegrationsRead),
	}
}

// Time formats t in bgcheck's time zone; the zero time is "".
func (p *page) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if p.Lang == "en" {
		return t.In(p.tz).Format("2 Jan 2006 15:04")
	}
	return t.In(p.tz).Format("02-01-2006 15:04")
}

// ISOTime formats t for a <time datetime> attribute.
func (p *page) ISOTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// navItem is one link of the main navigation.
type navItem struct {
	Href    string
	Label   string // message id
	Current bool
}

var navLinks = []struct {
	href, label string
	perm        domain.Permission
}{
	{"/", "nav.dashboard", domain.PermAuthenticated},
	{"/cases", "nav.cases", domain.PermCasesRead},
	{"/packages", "nav.packages", domain.PermCasesRead},
	{"/users", "nav.users", domain.PermUsersRead},
	{"/audit", "nav.audit", domain.PermAuditRead},
	{"/settings/organisation", "nav.organisation", domain.PermOrgRead},
	{"/account/password", "nav.account", domain.PermAuthenticated},
}

// navFor lists the links role may follow, marking the current section.
func navFor(role domain.Role, path string) []navItem {
	var items []navItem
	for _, l := range navLinks {
		if !role.Can(l.perm) {
			continue
		}
		cur := path == l.href || l.href != "/" && strings.HasPrefix(path, l.href+"/")
		items = append(items, navItem{Href: l.href, Label: l.label, Current: cur})
	}
	return items
}

// RuleText renders a finding's title or help text (part "title" or
// "help") with the finding's parameters.
func (p *page) RuleText(f *domain.Finding, part string) string {
	data := make(map[string]any, len(f.Params))
	for k, v := range f.Params {
		data[k] = v
	}
	return p.loc.T("rule."+f.Rule+"."+part, data)
}
