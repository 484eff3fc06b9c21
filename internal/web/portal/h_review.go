package portal

import (
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// reviewView is everything the subject has declared and uploaded, step by
// step, before submitting.
type reviewView struct {
	Steps    []reviewStep
	Data     domain.WizardData
	AllDone  bool
	Progress []stepLink
}

// reviewStep is one step on the review page.
type reviewStep struct {
	Key, Edit string
	Done      bool
	Docs      []docView
}

func (s *Server) review(w http.ResponseWriter, r *http.Request) {
	wiz, ok := s.loadWizard(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, viewReview, s.reviewPage(w, r, wiz))
}

func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request, wiz *domain.Wizard) *page {
	st := s.stateOf(r)
	p := s.newPage(w, r, "page.portal.review.title")
	p.Path = casePath(st.link, "/review")
	v := reviewView{Data: wiz.Data, AllDone: true}
	for i, step := range wiz.Steps {
		v.Steps = append(v.Steps, reviewStep{Key: step.Key, Edit: stepPath(st.link, step.Key), Done: step.Done, Docs: p.docViews(wiz.Documents, step.Key)})
		v.Progress = append(v.Progress, stepLink{Key: step.Key, Href: stepPath(st.link, step.Key), Number: i + 1, Done: step.Done})
		v.AllDone = v.AllDone && step.Done
	}
	p.Data = v
	return p
}

// submit hands the case in. The subject confirms first that the details
// are correct; the service refuses a case with steps left.
func (s *Server) submit(w http.ResponseWriter, r *http.Request) {
	wiz, ok := s.loadWizard(w, r)
	if !ok {
		return
	}
	st := s.stateOf(r)
	p := s.reviewPage(w, r, wiz)
	if r.PostFormValue("confirm") != "yes" {
		s.invalid(w, r, viewReview, p, map[string]string{"confirm": "error.portal.confirm"})
		return
	}
	if err := s.Portal.Submit(r.Context(), st.token); err != nil {
		s.formError(w, r, viewReview, p, err)
		return
	}
	s.setFlash(w, "flash.portal.submitted")
	s.redirect(w, r, casePath(st.link, "/status"))
}
