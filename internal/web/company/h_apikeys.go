package company

import (
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// apiKeysData is the API key page's data.
type apiKeysData struct {
	Keys   []*domain.APIKey
	Scopes []domain.APIScope
	// Checked are the scopes ticked in the form.
	Checked map[domain.APIScope]bool
	// Secret is the key just created, shown this once: it is rendered into
	// the response to the POST, never stored in a cookie or a redirect.
	Secret    string
	CanManage bool
}

// apiKeysOn answers 404 when the installation serves no API.
func (s *Server) apiKeysOn(w http.ResponseWriter, r *http.Request) bool {
	if s.APIKeys == nil {
		s.errorPage(w, r, http.StatusNotFound, "")
		return false
	}
	return true
}

func (s *Server) apiKeysPage(w http.ResponseWriter, r *http.Request, d apiKeysData) (*page, error) {
	keys, err := s.APIKeys.List(r.Context())
	if err != nil {
		return nil, err
	}
	p := s.newPage(w, r, "page.apikeys.title")
	d.Keys, d.Scopes = keys, domain.APIScopes
	d.CanManage = s.stateOf(r).user.Role.Can(domain.PermIntegrationsManage)
	if d.Checked == nil {
		d.Checked = map[domain.APIScope]bool{}
	}
	p.Data = d
	return p, nil
}

func (s *Server) apiKeysList(w http.ResponseWriter, r *http.Request) {
	if !s.apiKeysOn(w, r) {
		return
	}
	p, err := s.apiKeysPage(w, r, apiKeysData{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, viewAPIKeys, p)
}

func (s *Server) apiKeyCreate(w http.ResponseWriter, r *http.Request) {
	if !s.apiKeysOn(w, r) {
		return
	}
	_ = r.ParseForm()
	n := domain.NewAPIKey{Name: r.PostFormValue("name")}
	checked := map[domain.APIScope]bool{}
	for _, v := range r.PostForm["scopes"] {
		n.Scopes = append(n.Scopes, domain.APIScope(v))
		checked[domain.APIScope(v)] = true
	}
	_, secret, err := s.APIKeys.Create(r.Context(), n)
	if err != nil {
		p, lerr := s.apiKeysPage(w, r, apiKeysData{Checked: checked})
		if lerr != nil {
			s.fail(w, r, lerr)
			return
		}
		p.Form["name"] = n.Name
		s.formError(w, r, viewAPIKeys, p, err)
		return
	}
	p, err := s.apiKeysPage(w, r, apiKeysData{Secret: secret})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Flash = p.T("apikey.flash_created")
	// The page carries a secret: no cache may keep it.
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, viewAPIKeys, p)
}

func (s *Server) apiKeyRevoke(w http.ResponseWriter, r *http.Request) {
	if !s.apiKeysOn(w, r) {
		return
	}
	if err := s.APIKeys.Revoke(r.Context(), r.PathValue("id")); err != nil {
		s.fail(w, r, err)
		return
	}
	s.setFlash(w, "apikey.flash_revoked")
	s.redirect(w, r, "/settings/api-keys")
}
