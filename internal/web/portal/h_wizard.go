package portal

import (
	"net/http"
	"strconv"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// wizardView is the data of one wizard step's page.
type wizardView struct {
	Steps       []stepLink
	Step        domain.WizardStep
	Number      int // of the current step, from 1
	Total       int
	Prev, Next  string // links to the neighbouring pages
	List        string // the step's repeatable list, "" for none
	Rows        []int  // row numbers to show: saved rows, then blank ones
	Blank       int
	Uploads     uploadView
	LicenceCats []option
	// ShortCats are the categories whose own expiry is asked for;
	// ShortOpen shows them when one is filled in or wrong.
	ShortCats []string
	ShortOpen bool
	// SuggestedFrom is the document the CV rows were suggested from,
	// until the subject saves them.
	SuggestedFrom domain.DocumentKind
}

// stepLink is one step in the progress indicator.
type stepLink struct {
	Key, Href     string
	Number        int
	Done, Current bool
}

// loadWizard fetches the subject's wizard, answering the request itself
// when that fails or when the case no longer takes changes (then the
// subject is shown the status).
func (s *Server) loadWizard(w http.ResponseWriter, r *http.Request) (*domain.Wizard, bool) {
	st := s.stateOf(r)
	if !editable(st.pc) {
		s.redirect(w, r, casePath(st.link, "/status"))
		return nil, false
	}
	wiz, err := s.Portal.Wizard(r.Context(), st.token)
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return wiz, true
}

// wizardStart resumes where the subject left off: the first step not yet
// done, or the review when every step is.
func (s *Server) wizardStart(w http.ResponseWriter, r *http.Request) {
	wiz, ok := s.loadWizard(w, r)
	if !ok {
		return
	}
	link := s.stateOf(r).link
	for _, step := range wiz.Steps {
		if !step.Done {
			s.redirect(w, r, stepPath(link, step.Key))
			return
		}
	}
	s.redirect(w, r, casePath(link, "/review"))
}

func stepPath(link, key string) string { return casePath(link, "/wizard/"+key) }

func stepIndex(wiz *domain.Wizard, key string) int {
	for i, step := range wiz.Steps {
		if step.Key == key {
			return i
		}
	}
	return -1
}

// stepForm shows one step with what the subject has saved.
func (s *Server) stepForm(w http.ResponseWriter, r *http.Request) {
	wiz, ok := s.loadWizard(w, r)
	if !ok {
		return
	}
	i := stepIndex(wiz, r.PathValue("step"))
	if i < 0 {
		s.errorPage(w, r, http.StatusNotFound, "")
		return
	}
	asked, _ := strconv.Atoi(r.URL.Query().Get("blank"))
	p := s.stepPage(w, r, wiz, i, wiz.Data, asked)
	s.render(w, r, http.StatusOK, viewWizard, p)
}

// stepPage prepares step i's page showing d, with at least asked blank
// rows under the filled ones.
func (s *Server) stepPage(w http.ResponseWriter, r *http.Request, wiz *domain.Wizard, i int, d domain.WizardData, asked int) *page {
	st := s.stateOf(r)
	step := wiz.Steps[i]
	p := s.newPage(w, r, stepPrefix+step.Key+".title")
	p.Path = stepPath(st.link, step.Key)
	p.Form = formValues(d)
	if step.Key == domain.StepPersonal || step.Key == domain.StepLicence {
		p.section = map[string]string{domain.StepPersonal: "personal", domain.StepLicence: "licence"}[step.Key]
	}
	v := wizardView{Step: step, Number: i + 1, Total: len(wiz.Steps), List: stepLists[step.Key]}
	for j, x := range wiz.Steps {
		v.Steps = append(v.Steps, stepLink{Key: x.Key, Href: stepPath(st.link, x.Key), Number: j + 1, Done: x.Done, Current: j == i})
	}
	v.Prev = casePath(st.link, "")
	if i > 0 {
		v.Prev = stepPath(st.link, wiz.Steps[i-1].Key)
	}
	v.Next = casePath(st.link, "/review")
	if i+1 < len(wiz.Steps) {
		v.Next = stepPath(st.link, wiz.Steps[i+1].Key)
	}
	if v.List != "" {
		n := listLen(d, v.List)
		v.Blank = blankRows(n, asked)
		for j := 0; j < n+v.Blank; j++ {
			v.Rows = append(v.Rows, j)
		}
	}
	v.Uploads = s.uploadView(p, wiz, step)
	v.LicenceCats = p.licenceOptions()
	if step.Key == domain.StepEmployment && len(d.Activities) > 0 && d.Activities[0] == firstOr(wiz.Data.Activities) {
		v.SuggestedFrom = wiz.CVSuggestedFrom
	}
	if step.Key == domain.StepLicence {
		v.ShortCats = domain.LicenceShortCategories
		for _, c := range v.ShortCats {
			v.ShortOpen = v.ShortOpen || p.Form["licence.expiry."+c] != "" || p.Fields["licence.expiry."+c] != ""
		}
	}
	p.Data = v
	return p
}

// stepSave stores one step. The buttons say what comes next: the next
// step, the same step with one more blank row, the same step's documents
// (saving before an upload), or a stop for now.
// Warnings (say, overlapping periods) do not stop saving; the subject
// sees them on the same step with a way on.
func (s *Server) stepSave(w http.ResponseWriter, r *http.Request) {
	wiz, ok := s.loadWizard(w, r)
	if !ok {
		return
	}
	st := s.stateOf(r)
	i := stepIndex(wiz, r.PathValue("step"))
	if i < 0 {
		s.errorPage(w, r, http.StatusNotFound, "")
		return
	}
	key := wiz.Steps[i].Key
	data := wiz.Data
	fields := readStep(key, r.PostForm, &data)
	action := r.PostFormValue("action")
	blank, _ := strconv.Atoi(r.PostFormValue("blank"))
	if action == "add_row" {
		blank = min(blank+1, maxBlank)
	}
	p := s.stepPage(w, r, wiz, i, data, blank)
	if len(fields) > 0 {
		s.invalid(w, r, viewWizard, p, fields)
		return
	}
	warnings, err := s.Portal.SaveStep(r.Context(), st.token, key, data)
	if err != nil {
		s.formError(w, r, viewWizard, p, err)
		return
	}
	v := p.Data.(wizardView)
	switch {
	case action == "add_row":
		n := listLen(data, v.List)
		s.redirect(w, r, stepPath(st.link, key)+"?blank="+strconv.Itoa(blank)+"#"+p.RowID(v.List, n))
	case action == "save":
		s.setFlash(w, "flash.portal.saved")
		s.redirect(w, r, stepPath(st.link, key)+"#documents")
	case action == "later":
		s.setFlash(w, "flash.portal.saved_later")
		s.redirect(w, r, casePath(st.link, "/status"))
	case len(warnings) > 0:
		s.setWarnings(w, s.knownWarnings(warnings))
		s.setFlash(w, "flash.portal.saved_check")
		s.redirect(w, r, stepPath(st.link, key)+"#notes")
	default:
		s.redirect(w, r, v.Next)
	}
}

// knownWarnings keeps the warnings the catalogue can word and replaces
// the others with a general request to look the periods over.
func (s *Server) knownWarnings(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !s.Cat.Has(id) {
			id = "page.portal.warning.check"
		}
		if len(out) == 0 || out[len(out)-1] != id {
			out = append(out, id)
		}
	}
	return out
}

// licenceOptions are the licence category checkboxes, ticked as saved.
func (p *page) licenceOptions() []option {
	ticked := map[string]bool{}
	for _, c := range splitList(p.Form["licence.categories"]) {
		ticked[c] = true
	}
	out := make([]option, 0, len(licenceCategories))
	for _, c := range licenceCategories {
		out = append(out, option{Value: c, Label: c, Selected: ticked[c]})
	}
	return out
}

// firstOr returns the first activity, or the zero one.
func firstOr(as []domain.Activity) domain.Activity {
	if len(as) == 0 {
		return domain.Activity{}
	}
	return as[0]
}
