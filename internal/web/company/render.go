package company

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/bgcheck/bgcheck/internal/web/static"
)

// The views. Each is templates/<name>.html defining "content", rendered
// inside the "base" layout of templates/layout.html.
const (
	viewLogin             = "login"
	viewEnrol             = "enrol"
	viewRecovery          = "recovery"
	viewVerify            = "verify"
	viewInvitation        = "invitation"
	viewInvitationInvalid = "invitation_invalid"
	viewDashboard         = "dashboard"
	viewUsers             = "users"
	viewInvite            = "user_invite"
	viewUser              = "user"
	viewAudit             = "audit_log"
	viewAuditPersonal     = "audit_personal"
	viewOrganisation      = "organisation"
	viewPassword          = "password"
	viewDevMail           = "dev_mail"
	viewError             = "error_page"
	viewPackages          = "packages"
	viewPackage           = "package"
	viewPackageTemplates  = "package_templates"
	viewPackageForm       = "package_form"
	viewCases             = "cases"
	viewCaseNew           = "case_new"
	viewCaseBulk          = "case_bulk"
	viewCase              = "case"
	viewWebhooks          = "webhooks"
	viewWebhook           = "webhook"
	viewAPIKeys           = "apikeys"
)

var viewNames = []string{
	viewLogin, viewEnrol, viewRecovery, viewVerify, viewInvitation, viewInvitationInvalid,
	viewDashboard, viewUsers, viewInvite, viewUser, viewAudit, viewAuditPersonal,
	viewOrganisation, viewPassword, viewDevMail, viewError,
	viewPackages, viewPackage, viewPackageTemplates, viewPackageForm,
	viewCases, viewCaseNew, viewCaseBulk, viewCase,
	viewWebhooks, viewWebhook,
	viewAPIKeys,
}

// layoutFile holds the base layout and the partials every view may use.
const layoutFile = "templates/layout.html"

// assetsUsed are the static files the layout links to.
var assetsUsed = []string{"app.css", "app.js", "htmx.min.js"}

//go:embed templates/*.html
var templateFS embed.FS

type view = template.Template

// parseViews parses every view with the layout. It fails when a view file
// is missing or malformed, when a file is not a registered view, or when an
// asset the layout needs is missing, so such mistakes stop start-up.
func parseViews(assets *static.Assets) (map[string]*view, error) {
	for _, a := range assetsUsed {
		if !assets.Has(a) {
			return nil, fmt.Errorf("company: static asset %s is missing", a)
		}
	}
	views := map[string]*view{}
	for _, name := range viewNames {
		t, err := template.New(name).ParseFS(templateFS, layoutFile, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("company: view %s: %w", name, err)
		}
		if t.Lookup("content") == nil || t.Lookup("base") == nil {
			return nil, fmt.Errorf("company: view %s does not define content", name)
		}
		views[name] = t
	}
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if _, ok := views[name]; !ok && f != layoutFile {
			return nil, fmt.Errorf("company: template %s is not a registered view", f)
		}
	}
	return views, nil
}

// render writes view with p as a complete response. The page is rendered
// into a buffer first, so a template error becomes a clean 500 page rather
// than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	var buf bytes.Buffer
	v, ok := s.views[name]
	err := fmt.Errorf("company: no view %q", name)
	if ok {
		err = v.ExecuteTemplate(&buf, "base", p)
	}
	if err != nil {
		s.Logger.ErrorContext(r.Context(), "render page", "view", name, "err", err)
		if name != viewError {
			s.errorPage(w, r, http.StatusInternalServerError, "")
			return
		}
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Del("Content-Length")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
