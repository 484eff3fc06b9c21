package company

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

// samplePath fills a route pattern's wildcards with ids the fakes know.
func samplePath(pattern string) string {
	id := "user-invited"
	switch {
	case strings.HasPrefix(pattern, "/cases/"):
		id = webtest.CaseID
	case strings.HasPrefix(pattern, "/packages/"):
		id = webtest.PackageID
	case strings.HasPrefix(pattern, "/settings/webhooks/"):
		id = webtest.WebhookID
	case strings.HasPrefix(pattern, "/settings/api-keys/"):
		id = webtest.APIKeyID
	}
	r := strings.NewReplacer(
		"{id}", id,
		"{seq}", "1",
		"{delivery}", webtest.DeliveryID,
		"{doc}", webtest.SubmittedDocID,
		"{token}", webtest.InviteToken,
		"{$}", "",
	)
	p := r.Replace(pattern)
	if p == "/static/" {
		p = "/static/app.css"
	}
	return p
}

// sampleForm is a valid submission for each form route.
var sampleForm = map[string]url.Values{
	"/login":                         form("email", "owner@example.com", "password", "wrong"),
	"/login/enrol":                   form("code", webtest.GoodCode),
	"/login/verify":                  form("code", webtest.GoodCode),
	"/invitation/{token}":            form("password", "x", "confirm", "y"),
	"/lang":                          form("lang", "en"),
	"/users/invite":                  form("email", "new@example.com", "name", "New Person", "role", "case_handler"),
	"/users/{id}/role":               form("role", "reviewer"),
	"/settings/organisation":         form("name", "Lufthavn A/S", "cvr", "12345674"),
	"/account/password":              form("current", webtest.GoodPassword, "password", "a much longer new password", "confirm", "a much longer new password"),
	"/users/{id}/disable":            {},
	"/users/{id}/enable":             {},
	"/users/{id}/reset-2fa":          {},
	"/audit/{seq}/personal":          {},
	"/logout":                        {},
	"/logout/all":                    {},
	"/users/{id}/resend-invitation":  {},
	"/cases/new":                     form("package", webtest.PackageID, "name", "Ny Ansøger", "email", "ny@example.dk", "language", "da"),
	"/cases/bulk":                    form("package", webtest.PackageID),
	"/cases/{id}/assign":             form("handler", "user-admin"),
	"/cases/{id}/resend":             {},
	"/cases/{id}/email":              form("email", "mette@example.com"),
	"/cases/{id}/cancel":             form("reason", "Stillingen er besat."),
	"/cases/{id}/reanalyse":          {},
	"/cases/{id}/decision":           form("outcome", "approved", "reason", "All findings resolved."),
	"/cases/{id}/decision/confirm":   {},
	"/cases/{id}/decision/reopen":    form("reopen_reason", "New information."),
	"/cases/{id}/employer-contacts":  form("activity", "activity-1", "contact_date", "10/11/26", "company", "Lufthavn A/S", "contact_person", "Henrik HR", "confirmed_from", "01/01/20", "confirmed_to", "31/10/26"),
	"/cases/{id}/verify-identity":    form("document", webtest.SubmittedDocID, "note", "Passport checked on a video call."),
	"/cases/{id}/findings/resolve":   form("key", "k", "note", "Checked"),
	"/packages/new":                  form("name", "Lagerpakke", "cat_identity", "1", "justification_identity", "Sikker identitet.", "lookback_years", "5", "retention", "applicant"),
	"/packages/{id}/edit":            form("name", "Standard", "cat_identity", "1", "justification_identity", "Sikker identitet.", "lookback_years", "5", "retention", "personnel"),
	"/packages/{id}/archive":         {},
	"/settings/webhooks":             form("url", "https://hr.example.com/hook", "types", "case.created"),
	"/settings/webhooks/{id}":        form("url", "https://hr.example.com/hook", "types", "case.created", "enabled", "1"),
	"/settings/webhooks/{id}/rotate": {},
	"/settings/webhooks/{id}/ping":   {},
	"/settings/webhooks/{id}/delete": {},
	"/settings/webhooks/{id}/deliveries/{delivery}/redeliver": {},
	"/settings/api-keys":             form("name", "HR system", "scopes", "cases:read"),
	"/settings/api-keys/{id}/revoke": {},
}

// TestRoleMatrix walks every route of the table as every role: a request
// is refused with 403 exactly when the role lacks the route's permission.
func TestRoleMatrix(t *testing.T) {
	for _, rt := range Routes() {
		for _, role := range domain.Roles {
			t.Run(rt.Method+" "+rt.Pattern+" as "+string(role), func(t *testing.T) {
				e := newEnv(t)
				sess, csrf := e.signIn(role)
				var f url.Values
				if rt.Method == http.MethodPost {
					f = url.Values{}
					for k, v := range sampleForm[rt.Pattern] {
						f[k] = v
					}
					f.Set(csrfField, csrf)
				}
				w := e.do(rt.Method, samplePath(rt.Pattern), f, sess)
				if forbidden := w.Code == http.StatusForbidden; forbidden != !rt.Allows(role) {
					t.Fatalf("status %d; role %s, permission %s, allowed=%v; body:\n%s", w.Code, role, rt.Perm, rt.Allows(role), w.Body.String())
				}
				if w.Code >= 500 || w.Code == http.StatusNotFound || w.Code == http.StatusMethodNotAllowed {
					t.Fatalf("status %d; body:\n%s", w.Code, w.Body.String())
				}
				// The route table itself refuses: no service is asked.
				for name := range e.f.Calls {
					if !rt.Allows(role) && name != "Auth.Session" {
						t.Fatalf("%s was called for a refused role", name)
					}
				}
			})
		}
	}
}

func TestEveryPostRouteHasASampleForm(t *testing.T) {
	for _, rt := range Routes() {
		if rt.Method == http.MethodPost {
			if _, ok := sampleForm[rt.Pattern]; !ok {
				t.Errorf("no sample form for %s", rt.Pattern)
			}
		}
	}
}

// TestEveryPostRouteNeedsCSRFToken sends each state-changing route a
// request without a token, then with a wrong one: both are refused.
func TestEveryPostRouteNeedsCSRFToken(t *testing.T) {
	for _, rt := range Routes() {
		if rt.Method != http.MethodPost {
			continue
		}
		t.Run(rt.Pattern, func(t *testing.T) {
			e := newEnv(t)
			sess, _ := e.signIn(domain.RoleOwner)
			for _, tok := range []string{"", "forged-token"} {
				f := url.Values{}
				for k, v := range sampleForm[rt.Pattern] {
					f[k] = v
				}
				if tok != "" {
					f.Set(csrfField, tok)
				}
				w := e.post(samplePath(rt.Pattern), f, sess)
				wantStatus(t, w, http.StatusForbidden)
				wantBody(t, w, e.text("da", "error.csrf"))
			}
			for name := range e.f.Calls {
				if name != "Auth.Session" {
					t.Fatalf("%s was called despite the refusal: %v", name, e.f.Calls)
				}
			}
		})
	}
}

func TestInfraRoutesAreGetOnly(t *testing.T) {
	for _, rt := range Routes() {
		if rt.Perm == Infra && rt.Method != http.MethodGet {
			t.Errorf("%s %s is infra but not GET", rt.Method, rt.Pattern)
		}
	}
}

func TestDevMailOnlyWhenEnabled(t *testing.T) {
	on := newEnv(t)
	wantStatus(t, on.get("/dev/mail"), http.StatusOK)
	off := newEnv(t, func(c *Config) { c.DevMail = false })
	wantStatus(t, off.get("/dev/mail"), http.StatusNotFound)
}

func TestRedactPath(t *testing.T) {
	if got := RedactPath("/invitation/secret-token"); strings.Contains(got, "secret") {
		t.Fatalf("RedactPath kept the token: %q", got)
	}
	if got := RedactPath("/users/u1"); got != "/users/u1" {
		t.Fatalf("RedactPath changed an ordinary path: %q", got)
	}
}
