package company

import (
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// orgData is the organisation page's data.
type orgData struct {
	CanEdit bool
}

func orgForm(u domain.OrganisationUpdate) map[string]string {
	return map[string]string{
		"name": u.Name, "cvr": u.CVR, "address": u.Address,
		"dpo_name": u.DPOName, "dpo_email": u.DPOEmail, "dpo_phone": u.DPOPhone,
	}
}

func (s *Server) orgPage(w http.ResponseWriter, r *http.Request, form map[string]string) *page {
	p := s.newPage(w, r, "page.org.title")
	p.Form = form
	p.Data = orgData{CanEdit: s.stateOf(r).user.Role.Can(domain.PermOrgManage)}
	return p
}

func (s *Server) orgForm(w http.ResponseWriter, r *http.Request) {
	o, err := s.Orgs.Get(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form := orgForm(domain.OrganisationUpdate{
		Name: o.Name, CVR: o.CVR, Address: o.Address,
		DPOName: o.DPOName, DPOEmail: o.DPOEmail, DPOPhone: o.DPOPhone,
	})
	s.render(w, r, http.StatusOK, viewOrganisation, s.orgPage(w, r, form))
}

func (s *Server) orgUpdate(w http.ResponseWriter, r *http.Request) {
	u := domain.OrganisationUpdate{
		Name:     r.PostFormValue("name"),
		CVR:      r.PostFormValue("cvr"),
		Address:  r.PostFormValue("address"),
		DPOName:  r.PostFormValue("dpo_name"),
		DPOEmail: r.PostFormValue("dpo_email"),
		DPOPhone: r.PostFormValue("dpo_phone"),
	}
	u.Normalize()
	p := s.orgPage(w, r, orgForm(u))
	if err := u.Validate(); err != nil {
		s.formError(w, r, viewOrganisation, p, err)
		return
	}
	if _, err := s.Orgs.Update(r.Context(), u); err != nil {
		s.formError(w, r, viewOrganisation, p, err)
		return
	}
	s.setFlash(w, "flash.org_saved")
	s.redirect(w, r, "/settings/organisation")
}
