package company

import (
	"net/http"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

func TestCreatingAWebhookShowsTheSecretOnce(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleAdmin)
	w := e.post("/settings/webhooks", form(csrfField, csrf, "url", "https://hr.example.com/hook", "types", "case.created", "types", "case.decided"), sess)
	wantStatus(t, w, http.StatusOK)
	wantBody(t, w, webtest.WebhookSecret, e.text("da", "webhook.secret_once"), e.text("da", "webhook.flash_created"))
	wantTranslated(t, w)
	w = e.get("/settings/webhooks/"+webtest.WebhookID, sess)
	wantStatus(t, w, http.StatusOK)
	wantNoBody(t, w, webtest.WebhookSecret)
}

func TestWebhookFormShowsFieldErrors(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleOwner)
	w := e.post("/settings/webhooks", form(csrfField, csrf, "url", "https://hr.example.com/hook"), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, e.text("da", "webhook.error_types"), `value="https://hr.example.com/hook"`)
	wantTranslated(t, w)
}

func TestEndpointPageShowsTheDeliveryLog(t *testing.T) {
	for _, tc := range []struct {
		role      domain.Role
		canManage bool
	}{{domain.RoleOwner, true}, {domain.RoleAuditor, false}} {
		t.Run(string(tc.role), func(t *testing.T) {
			e := newEnv(t)
			sess, _ := e.signIn(tc.role)
			w := e.get("/settings/webhooks/"+webtest.WebhookID, sess)
			wantStatus(t, w, http.StatusOK)
			wantBody(t, w, "case.created", "410", e.text("da", "webhook.status_failed"))
			wantTranslated(t, w)
			buttons := []string{"/deliveries/" + webtest.DeliveryID + "/redeliver", "/settings/webhooks/" + webtest.WebhookID + "/ping"}
			if tc.canManage {
				wantBody(t, w, buttons...)
			} else {
				wantNoBody(t, w, buttons...)
			}
		})
	}
}

func TestRedeliverAndPingRedirectToTheEndpoint(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(domain.RoleOwner)
	for path, call := range map[string]string{
		"/settings/webhooks/" + webtest.WebhookID + "/deliveries/" + webtest.DeliveryID + "/redeliver": "Webhooks.Redeliver",
		"/settings/webhooks/" + webtest.WebhookID + "/ping":                                            "Webhooks.Ping",
	} {
		w := e.post(path, form(csrfField, csrf), sess)
		wantRedirect(t, w, "/settings/webhooks/"+webtest.WebhookID)
		if e.f.Calls[call] != 1 {
			t.Errorf("%s called %d times", call, e.f.Calls[call])
		}
	}
}

func TestOrganisationPageLinksToWebhooks(t *testing.T) {
	for _, tc := range []struct {
		role domain.Role
		link bool
	}{{domain.RoleAdmin, true}, {domain.RoleAuditor, true}, {domain.RoleDPO, false}} {
		e := newEnv(t)
		sess, _ := e.signIn(tc.role)
		w := e.get("/settings/organisation", sess)
		wantStatus(t, w, http.StatusOK)
		if has := strings.Contains(w.Body.String(), `href="/settings/webhooks"`); has != tc.link {
			t.Errorf("%s: link shown %v, want %v", tc.role, has, tc.link)
		}
	}
}
