package company

import (
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// caseNewData is the new-case form's data.
type caseNewData struct {
	Packages []*domain.Package // packages in use, for the select
}

// caseNewPage prepares the new-case form with the packages that may be
// chosen: archived ones cannot start a case.
func (s *Server) caseNewPage(w http.ResponseWriter, r *http.Request, form map[string]string) (*page, error) {
	pkgs, err := s.Packages.List(r.Context(), false)
	if err != nil {
		return nil, err
	}
	p := s.newPage(w, r, "page.case_new.title")
	p.Form = form
	p.Data = caseNewData{Packages: pkgs}
	return p, nil
}

func (s *Server) caseNewForm(w http.ResponseWriter, r *http.Request) {
	form := map[string]string{"package": r.URL.Query().Get("package"), "language": "da"}
	p, err := s.caseNewPage(w, r, form)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, viewCaseNew, p)
}

func newCaseForm(n domain.NewCase) map[string]string {
	return map[string]string{
		"package": n.PackageID, "name": n.SubjectName, "email": n.SubjectEmail, "phone": n.Phone,
		"position": n.Position, "department": n.Department, "employee_number": n.EmployeeNumber, "language": n.Language,
	}
}

// caseCreate starts a case. The service queues the invitation with it;
// warnings it returns (another open case for the same e-mail) are shown on
// the new case's page.
func (s *Server) caseCreate(w http.ResponseWriter, r *http.Request) {
	n := domain.NewCase{
		PackageID:      r.PostFormValue("package"),
		SubjectName:    r.PostFormValue("name"),
		SubjectEmail:   r.PostFormValue("email"),
		Phone:          r.PostFormValue("phone"),
		Position:       r.PostFormValue("position"),
		Department:     r.PostFormValue("department"),
		EmployeeNumber: r.PostFormValue("employee_number"),
		Language:       r.PostFormValue("language"),
	}
	n.Normalize()
	p, err := s.caseNewPage(w, r, newCaseForm(n))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := n.Validate(); err != nil {
		s.formError(w, r, viewCaseNew, p, err)
		return
	}
	c, warnings, err := s.Cases.Create(r.Context(), n)
	if err != nil {
		s.formError(w, r, viewCaseNew, p, err)
		return
	}
	s.setFlash(w, "flash.case_created")
	s.setWarnings(w, warnings)
	s.redirect(w, r, casePath(c.ID))
}
