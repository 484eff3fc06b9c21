package company

import (
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// webhookTypes are the event types an endpoint can subscribe to, in the
// order docs/webhooks.md lists them.
var webhookTypes = []string{"case.created", "case.invitation_sent", "case.submitted", "case.analysis_completed",
	"case.decided", "case.cancelled", "consent.withdrawn", "employee.recheck_due"}

// webhooksData is the data of the endpoint list and of one endpoint's page.
type webhooksData struct {
	Endpoints []*domain.WebhookEndpoint
	Endpoint  *domain.WebhookEndpoint
	// Secret is shown once, right after the endpoint was created or its
	// secret rotated; it is never stored in a cookie or a redirect.
	Secret     string
	Deliveries *domain.DeliveryPage
	Types      []string
	Checked    map[string]bool
	CanManage  bool
}

func webhookPath(id string) string { return "/settings/webhooks/" + id }

// webhooksOn answers 404 when the installation has no webhook service.
func (s *Server) webhooksOn(w http.ResponseWriter, r *http.Request) bool {
	if s.Webhooks == nil {
		s.errorPage(w, r, http.StatusNotFound, "")
		return false
	}
	return true
}

func (s *Server) webhooksPage(w http.ResponseWriter, r *http.Request, title string, d webhooksData) *page {
	p := s.newPage(w, r, title)
	d.Types = webhookTypes
	d.CanManage = s.stateOf(r).user.Role.Can(domain.PermIntegrationsManage)
	if d.Checked == nil {
		d.Checked = map[string]bool{}
		if d.Endpoint != nil {
			for _, t := range d.Endpoint.Types {
				d.Checked[t] = true
			}
			p.Form["url"], p.Form["description"] = d.Endpoint.URL, d.Endpoint.Description
		}
	}
	p.Data = d
	return p
}

// webhookInput reads the endpoint form.
func webhookInput(r *http.Request) domain.WebhookEndpointInput {
	_ = r.ParseForm()
	return domain.WebhookEndpointInput{URL: r.PostFormValue("url"), Description: r.PostFormValue("description"),
		Types: r.PostForm["types"], Enabled: r.PostFormValue("enabled") == "1"}
}

func checked(types []string) map[string]bool {
	m := map[string]bool{}
	for _, t := range types {
		m[t] = true
	}
	return m
}

func (s *Server) webhooksList(w http.ResponseWriter, r *http.Request) {
	if !s.webhooksOn(w, r) {
		return
	}
	eps, err := s.Webhooks.List(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, viewWebhooks, s.webhooksPage(w, r, "page.webhooks.title", webhooksData{Endpoints: eps}))
}

func (s *Server) webhookCreate(w http.ResponseWriter, r *http.Request) {
	if !s.webhooksOn(w, r) {
		return
	}
	in := webhookInput(r)
	ep, secret, err := s.Webhooks.Create(r.Context(), in)
	if err != nil {
		eps, lerr := s.Webhooks.List(r.Context())
		if lerr != nil {
			s.fail(w, r, lerr)
			return
		}
		p := s.webhooksPage(w, r, "page.webhooks.title", webhooksData{Endpoints: eps, Checked: checked(in.Types)})
		p.Form["url"], p.Form["description"] = in.URL, in.Description
		s.formError(w, r, viewWebhooks, p, err)
		return
	}
	s.showEndpoint(w, r, ep, secret, "webhook.flash_created")
}

// showEndpoint renders an endpoint's page; secret is shown when not empty.
func (s *Server) showEndpoint(w http.ResponseWriter, r *http.Request, ep *domain.WebhookEndpoint, secret, flash string) {
	page, err := s.Webhooks.Deliveries(r.Context(), ep.ID, r.URL.Query().Get("before"), 50)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.webhooksPage(w, r, "page.webhooks.endpoint_title", webhooksData{Endpoint: ep, Secret: secret, Deliveries: page})
	if flash != "" {
		p.Flash = p.T(flash)
	}
	s.render(w, r, http.StatusOK, viewWebhook, p)
}

func (s *Server) webhookShow(w http.ResponseWriter, r *http.Request) {
	if !s.webhooksOn(w, r) {
		return
	}
	ep, err := s.Webhooks.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.showEndpoint(w, r, ep, "", "")
}

func (s *Server) webhookUpdate(w http.ResponseWriter, r *http.Request) {
	if !s.webhooksOn(w, r) {
		return
	}
	id, in := r.PathValue("id"), webhookInput(r)
	if _, err := s.Webhooks.Update(r.Context(), id, in); err != nil {
		ep, gerr := s.Webhooks.Get(r.Context(), id)
		if gerr != nil {
			s.fail(w, r, gerr)
			return
		}
		p := s.webhooksPage(w, r, "page.webhooks.endpoint_title", webhooksData{Endpoint: ep, Checked: checked(in.Types), Deliveries: &domain.DeliveryPage{}})
		p.Form["url"], p.Form["description"] = in.URL, in.Description
		s.formError(w, r, viewWebhook, p, err)
		return
	}
	s.setFlash(w, "webhook.flash_saved")
	s.redirect(w, r, webhookPath(id))
}

func (s *Server) webhookRotate(w http.ResponseWriter, r *http.Request) {
	if !s.webhooksOn(w, r) {
		return
	}
	id := r.PathValue("id")
	secret, err := s.Webhooks.RotateSecret(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ep, err := s.Webhooks.Get(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.showEndpoint(w, r, ep, secret, "webhook.flash_rotated")
}

func (s *Server) webhookPing(w http.ResponseWriter, r *http.Request) {
	if !s.webhooksOn(w, r) {
		return
	}
	id := r.PathValue("id")
	if _, err := s.Webhooks.Ping(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	s.setFlash(w, "webhook.flash_pinged")
	s.redirect(w, r, webhookPath(id))
}

func (s *Server) webhookRedeliver(w http.ResponseWriter, r *http.Request) {
	if !s.webhooksOn(w, r) {
		return
	}
	id := r.PathValue("id")
	if _, err := s.Webhooks.Redeliver(r.Context(), id, r.PathValue("delivery")); err != nil {
		s.fail(w, r, err)
		return
	}
	s.setFlash(w, "webhook.flash_redelivered")
	s.redirect(w, r, webhookPath(id))
}

func (s *Server) webhookDelete(w http.ResponseWriter, r *http.Request) {
	if !s.webhooksOn(w, r) {
		return
	}
	if err := s.Webhooks.Delete(r.Context(), r.PathValue("id")); err != nil {
		s.fail(w, r, err)
		return
	}
	s.setFlash(w, "webhook.flash_deleted")
	s.redirect(w, r, "/settings/webhooks")
}
