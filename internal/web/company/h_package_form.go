package company

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// packageFormData is the package form's data. The simple fields travel in
// page.Form; the categories need more than one value each.
type packageFormData struct {
	Action string          // where the form posts
	Pkg    *domain.Package // the package being edited; nil when creating
	Cats   []categoryRow
}

// categoryRow is one category of the form: whether it is included, why,
// and which documents it requires.
type categoryRow struct {
	Cat           domain.Category
	On            bool
	Justification string
	Docs          []docOption
}

// AnyDoc reports whether some document is required, so the list starts
// open.
func (c categoryRow) AnyDoc() bool {
	return slices.ContainsFunc(c.Docs, func(d docOption) bool { return d.On })
}

// docOption is one document kind a category may require.
type docOption struct {
	Kind domain.DocumentKind
	On   bool
}

// Defaults of a blank package: the aviation rules' five-year look-back is
// a common minimum, and the applicant profile keeps data the shortest.
const (
	defaultLookback  = 5
	defaultRetention = domain.RetainApplicant
)

// templateByKey returns a copy of the built-in template key.
func templateByKey(key string) (domain.PackageDefinition, bool) {
	for _, t := range domain.PackageTemplates {
		if t.Template == key {
			t.Categories = slices.Clone(t.Categories)
			return t, true
		}
	}
	return domain.PackageDefinition{}, false
}

// packageNewForm shows the choice of starting point (a built-in template
// or a blank package) and, once one is chosen, the form.
func (s *Server) packageNewForm(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Query().Get("template")
	d, ok := templateByKey(key)
	if !ok && key != "blank" {
		p := s.newPage(w, r, "page.package_new.title")
		p.Data = domain.PackageTemplates
		s.render(w, r, http.StatusOK, viewPackageTemplates, p)
		return
	}
	if !ok {
		d = domain.PackageDefinition{LookbackYears: defaultLookback, Retention: defaultRetention}
	}
	s.render(w, r, http.StatusOK, viewPackageForm, s.packageFormPage(w, r, nil, d, definitionCategories(d)))
}

func (s *Server) packageCreate(w http.ResponseWriter, r *http.Request) {
	d := parsePackageForm(r)
	p := s.packageFormPage(w, r, nil, d, postedCategories(r))
	if err := d.Validate(); err != nil {
		s.formError(w, r, viewPackageForm, p, err)
		return
	}
	pkg, err := s.Packages.Create(r.Context(), d)
	if err != nil {
		s.formError(w, r, viewPackageForm, p, err)
		return
	}
	s.setFlash(w, "flash.package_created")
	s.redirect(w, r, packagePath(pkg.ID))
}

func (s *Server) packageEditForm(w http.ResponseWriter, r *http.Request) {
	pkg, err := s.Packages.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, viewPackageForm, s.packageFormPage(w, r, pkg, pkg.Definition, definitionCategories(pkg.Definition)))
}

// packageUpdate saves the form as the package's next version.
func (s *Server) packageUpdate(w http.ResponseWriter, r *http.Request) {
	pkg, err := s.Packages.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := parsePackageForm(r)
	p := s.packageFormPage(w, r, pkg, d, postedCategories(r))
	if err := d.Validate(); err != nil {
		s.formError(w, r, viewPackageForm, p, err)
		return
	}
	if _, err := s.Packages.Update(r.Context(), pkg.ID, d); err != nil {
		s.formError(w, r, viewPackageForm, p, err)
		return
	}
	s.setFlash(w, "flash.package_saved")
	s.redirect(w, r, packagePath(pkg.ID))
}

// packageFormPage prepares the form for d with the category rows cats;
// pkg is nil when creating.
func (s *Server) packageFormPage(w http.ResponseWriter, r *http.Request, pkg *domain.Package, d domain.PackageDefinition, cats []categoryRow) *page {
	title, action := "page.package_new.title", "/packages/new"
	if pkg != nil {
		title, action = "page.package_edit.title", packagePath(pkg.ID)+"/edit"
	}
	p := s.newPage(w, r, title)
	p.Form = packageFormValues(d)
	p.Data = packageFormData{Action: action, Pkg: pkg, Cats: cats}
	return p
}

func packageFormValues(d domain.PackageDefinition) map[string]string {
	f := map[string]string{
		"name": d.Name, "description": d.Description, "position": d.Position,
		"lookback_years": strconv.Itoa(d.LookbackYears), "recurrence_months": strconv.Itoa(d.RecurrenceMonths),
		"retention": string(d.Retention), "template": d.Template,
	}
	if d.ParticularlyTrusted {
		f["trusted"] = "1"
	}
	if d.FourEyes {
		f["four_eyes"] = "1"
	}
	// Numbers that could not be read are shown empty, not as -1.
	for _, k := range []string{"lookback_years", "recurrence_months"} {
		if strings.HasPrefix(f[k], "-") {
			f[k] = ""
		}
	}
	return f
}

// definitionCategories lists every category with d's choices marked.
func definitionCategories(d domain.PackageDefinition) []categoryRow {
	rows := make([]categoryRow, len(domain.Categories))
	for i, c := range domain.Categories {
		rows[i] = categoryRow{Cat: c, Docs: docOptions(nil)}
		for _, pc := range d.Categories {
			if pc.Category == c {
				rows[i].On, rows[i].Justification, rows[i].Docs = true, pc.Justification, docOptions(pc.Documents)
			}
		}
	}
	return rows
}

// postedCategories lists every category as submitted, keeping the text of
// unticked categories too, so that nothing typed is lost when the form is
// shown again.
func postedCategories(r *http.Request) []categoryRow {
	rows := make([]categoryRow, len(domain.Categories))
	for i, c := range domain.Categories {
		rows[i] = categoryRow{
			Cat:           c,
			On:            r.PostFormValue("cat_"+string(c)) == "1",
			Justification: r.PostFormValue("justification_" + string(c)),
			Docs:          docOptions(postedDocs(r, c)),
		}
	}
	return rows
}

func docOptions(chosen []domain.DocumentKind) []docOption {
	opts := make([]docOption, len(domain.DocumentKinds))
	for i, k := range domain.DocumentKinds {
		opts[i] = docOption{Kind: k, On: slices.Contains(chosen, k)}
	}
	return opts
}

// postedDocs returns the document kinds ticked for c, each once. Unknown
// kinds are kept so that validation reports them; the list is bounded, so
// a crafted form cannot make it grow past the number of real kinds.
func postedDocs(r *http.Request, c domain.Category) []domain.DocumentKind {
	var out []domain.DocumentKind
	for _, v := range r.PostForm["documents_"+string(c)] {
		k := domain.DocumentKind(v)
		if !slices.Contains(out, k) && len(out) < len(domain.DocumentKinds) {
			out = append(out, k)
		}
	}
	return out
}

// parsePackageForm reads the form into a normalised definition. A number
// that cannot be read becomes -1, which validation reports on its field.
func parsePackageForm(r *http.Request) domain.PackageDefinition {
	d := domain.PackageDefinition{
		Name:                r.PostFormValue("name"),
		Description:         r.PostFormValue("description"),
		Position:            r.PostFormValue("position"),
		ParticularlyTrusted: r.PostFormValue("trusted") == "1",
		FourEyes:            r.PostFormValue("four_eyes") == "1",
		LookbackYears:       formInt(r.PostFormValue("lookback_years"), -1),
		RecurrenceMonths:    formInt(r.PostFormValue("recurrence_months"), 0),
		Retention:           domain.RetentionProfile(r.PostFormValue("retention")),
	}
	if _, ok := templateByKey(r.PostFormValue("template")); ok {
		d.Template = r.PostFormValue("template")
	}
	for _, c := range domain.Categories {
		if r.PostFormValue("cat_"+string(c)) != "1" {
			continue
		}
		d.Categories = append(d.Categories, domain.PackageCategory{
			Category:      c,
			Justification: r.PostFormValue("justification_" + string(c)),
			Documents:     postedDocs(r, c),
		})
	}
	d.Normalize()
	return d
}

// formInt reads a whole number; empty gives empty, anything unreadable -1.
func formInt(s string, empty int) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return empty
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// NextVersion is the version number saving the form creates.
func (d packageFormData) NextVersion() int {
	if d.Pkg == nil {
		return 1
	}
	return d.Pkg.Version + 1
}
