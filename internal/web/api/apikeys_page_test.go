package api_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/auth"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// page sends one request to the company interface as u, with a session
// made directly in the store.
func (e *env) page(u *domain.User, method, path string, form url.Values) (int, string) {
	e.t.Helper()
	token, hash := auth.NewToken()
	csrf, _ := auth.NewToken()
	must(e.t, e.db.Write(context.Background(), func(tx *store.Tx) error {
		return tx.CreateSession(&domain.Session{IDHash: hash, OrgID: u.OrgID, UserID: u.ID, Stage: domain.StageComplete, CSRFToken: csrf,
			CreatedAt: tx.Now, LastSeenAt: tx.Now, ExpiresAt: tx.Now.Add(domain.SessionAbsoluteTimeout)})
	}))
	var body io.Reader
	if form != nil {
		form.Set("csrf_token", csrf)
		body = strings.NewReader(form.Encode())
	}
	r := httptest.NewRequest(method, path, body)
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	r.AddCookie(&http.Cookie{Name: "bgcheck_session", Value: token})
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	return w.Code, w.Body.String()
}

var shownKey = regexp.MustCompile(`bgk_[0-9a-f-]{36}_[0-9a-f]{64}`)

func TestAPIKeyPage(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		owner := e.a.owner
		code, body := e.page(owner, "POST", "/settings/api-keys", url.Values{"name": {"Lønsystem"}, "scopes": {"cases:read", "packages:read"}})
		secret := shownKey.FindString(body)
		if code != http.StatusOK || secret == "" {
			t.Fatalf("create: %d, key shown: %q", code, secret)
		}
		// Shown once: the list afterwards names the key but not its secret.
		code, list := e.page(owner, "GET", "/settings/api-keys", nil)
		if code != http.StatusOK || !strings.Contains(list, "Lønsystem") || shownKey.MatchString(list) || strings.Contains(list, secret[len(secret)-64:]) {
			t.Fatalf("list after create: %d, secret shown=%v", code, shownKey.MatchString(list))
		}
		if !strings.Contains(list, "Aldrig") {
			t.Error("an unused key does not say never used")
		}

		// Used through the API at 10:30 Copenhagen time, the list says so.
		e.clock.advance(30 * time.Minute)
		if r := e.do(req{method: "GET", path: "/api/v1/packages", key: secret}); r.status != http.StatusOK {
			t.Fatalf("the new key: %d %s", r.status, r.body)
		}
		if _, list = e.page(owner, "GET", "/settings/api-keys", nil); !strings.Contains(list, "02-03-2026 10:30") {
			t.Errorf("last used time not shown:\n%s", list)
		}

		// Invalid input is shown next to the form.
		code, body = e.page(owner, "POST", "/settings/api-keys", url.Values{"name": {""}, "scopes": {"users:write"}})
		if code != http.StatusUnprocessableEntity || shownKey.MatchString(body) || !strings.Contains(body, "Vælg kun rettigheder fra listen.") {
			t.Errorf("invalid create: %d", code)
		}

		id := strings.Split(secret, "_")[1]
		if code, _ := e.page(e.b.owner, "POST", "/settings/api-keys/"+id+"/revoke", url.Values{}); code != http.StatusNotFound {
			t.Errorf("another organisation revoking: %d", code)
		}
		if code, _ := e.page(owner, "POST", "/settings/api-keys/"+id+"/revoke", url.Values{}); code != http.StatusSeeOther {
			t.Fatalf("revoke: %d", code)
		}
		if _, list = e.page(owner, "GET", "/settings/api-keys", nil); !strings.Contains(list, "Tilbagekaldt") {
			t.Error("revoked key not marked")
		}
		r := e.do(req{method: "GET", path: "/api/v1/packages", key: secret})
		checkProblem(t, r, http.StatusUnauthorized, "urn:bgcheck:problem:unauthorized")
	})
}

func TestAPIKeyPageByRole(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		users := map[domain.Role]*domain.User{}
		must(t, e.db.Write(context.Background(), func(tx *store.Tx) error {
			for _, r := range []domain.Role{domain.RoleAuditor, domain.RoleCaseHandler} {
				u, err := tx.CreateUser(e.a.org.ID, domain.NewUser{Email: string(r) + "@alfa.example", Name: string(r), Role: r}, domain.UserActive)
				if err != nil {
					return err
				}
				users[r] = u
			}
			return nil
		}))
		// An auditor sees the keys but cannot make or revoke them.
		code, body := e.page(users[domain.RoleAuditor], "GET", "/settings/api-keys", nil)
		if code != http.StatusOK || !strings.Contains(body, "alfa hr") || strings.Contains(body, `action="/settings/api-keys"`) || strings.Contains(body, "/revoke") {
			t.Errorf("auditor: %d", code)
		}
		if code, _ := e.page(users[domain.RoleAuditor], "POST", "/settings/api-keys", url.Values{"name": {"x"}, "scopes": {"cases:read"}}); code != http.StatusForbidden {
			t.Errorf("auditor creating: %d", code)
		}
		if code, _ := e.page(users[domain.RoleCaseHandler], "GET", "/settings/api-keys", nil); code != http.StatusForbidden {
			t.Errorf("case handler: %d", code)
		}
	})
}
