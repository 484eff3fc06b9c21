package portal

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
// inside the "base" layout with the shared partials of parts.html; the
// wizard view also gets one partial per step from templates/steps.
const (
	viewLanding     = "landing"
	viewLinkInvalid = "link_invalid"
	viewContinue    = "continue"
	viewEmailCode   = "email_code"
	viewWizard      = "wizard"
	viewReview      = "review"
	viewStatus      = "status"
	viewWithdraw    = "withdraw"
	viewMessage     = "message"
	viewError       = "error_page"
)

var viewNames = []string{
	viewLanding, viewLinkInvalid, viewContinue, viewEmailCode,
	viewWizard, viewReview, viewStatus, viewWithdraw, viewMessage, viewError,
}

// sharedFiles hold the layout and the partials every view may use.
var sharedFiles = []string{"templates/layout.html", "templates/parts.html"}

// stepFiles are the wizard's per-step partials.
const stepFiles = "templates/steps/*.html"

// assetsUsed are the shared static files the layout links to.
var assetsUsed = []string{"app.css", "app.js"}

//go:embed templates/*.html templates/steps/*.html
var templateFS embed.FS

type view = template.Template

// parseViews parses every view with the layout. It fails when a view file
// is missing or malformed, when a file is not a registered view, or when an
// asset the layout needs is missing, so such mistakes stop start-up.
func parseViews(assets *static.Assets) (map[string]*view, error) {
	for _, a := range assetsUsed {
		if !assets.Has(a) {
			return nil, fmt.Errorf("portal: static asset %s is missing", a)
		}
	}
	views := map[string]*view{}
	for _, name := range viewNames {
		files := append(append([]string{}, sharedFiles...), "templates/"+name+".html")
		if name == viewWizard {
			files = append(files, stepFiles)
		}
		t, err := template.New(name).ParseFS(templateFS, files...)
		if err != nil {
			return nil, fmt.Errorf("portal: view %s: %w", name, err)
		}
		if t.Lookup("content") == nil || t.Lookup("base") == nil {
			return nil, fmt.Errorf("portal: view %s does not define content", name)
		}
		views[name] = t
	}
	if err := checkStepPartials(views[viewWizard]); err != nil {
		return nil, err
	}
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if _, ok := views[name]; !ok && !isShared(f) {
			return nil, fmt.Errorf("portal: template %s is not a registered view", f)
		}
	}
	return views, nil
}

// checkStepPartials makes sure every wizard step has its form partial.
func checkStepPartials(t *view) error {
	for _, key := range stepKeys {
		if t.Lookup("step_"+key) == nil {
			return fmt.Errorf("portal: wizard step %s has no template step_%s", key, key)
		}
	}
	return nil
}

func isShared(f string) bool {
	for _, s := range sharedFiles {
		if s == f {
			return true
		}
	}
	return false
}

// render writes view with p as a complete response. The page is rendered
// into a buffer first, so a template error becomes a clean 500 page rather
// than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	var buf bytes.Buffer
	v, ok := s.views[name]
	err := fmt.Errorf("portal: no view %q", name)
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
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Del("Content-Length")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
