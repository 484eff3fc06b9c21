package integration_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
	"github.com/bgcheck/bgcheck/internal/web"
)

// snapshot renders everything of tenant tn that a request could change.
func (e *env) snapshot(tn *tenant) string {
	e.t.Helper()
	var b strings.Builder
	must(e.t, e.db.Read(context.Background(), func(tx *store.Tx) error {
		org, err := tx.Organisation(tn.org.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "org %+v\n", *org)
		c, err := tx.CaseRecord(tn.org.ID, tn.caseID)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "case %s %s %s %x\n", c.Status, c.HandlerID, c.EmailIndex, c.EmailEnc)
		pkgs, err := tx.Packages(tn.org.ID, true)
		if err != nil {
			return err
		}
		for _, p := range pkgs {
			fmt.Fprintf(&b, "package %s v%d %v\n", p.ID, p.Version, p.ArchivedAt)
		}
		users, err := tx.Users(tn.org.ID, domain.UserFilter{})
		if err != nil {
			return err
		}
		for _, u := range users {
			c, err := tx.Credentials(u.OrgID, u.ID)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, "user %s %s %s %s totp=%v pw=%s\n", u.ID, u.Email, u.Role, u.Status, u.TOTPEnabled, c.PasswordHash)
		}
		size, head, err := tx.AuditHead(tn.org.ID)
		fmt.Fprintf(&b, "audit %d %x\n", size, head)
		return err
	}))
	return b.String()
}

// markers are strings only tenant B's data contains. B's target id is not
// among them: the walk puts it in the request path, which pages echo back
// (e.g. the language switch returns to the current path).
func (e *env) markers() []string {
	return []string{"Beta Fragt", "@beta.example", "beta subject person", "beta target", "beta case person", e.b.users[domain.RoleOwner].ID}
}

// TestTenancyWalk requests every route as the owner of organisation A —
// who holds every permission — against the ids of organisation B, and
// proves that nothing of B is read or changed.
func TestTenancyWalk(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		owner := e.a.users[domain.RoleOwner]
		walked := 0
		for _, rt := range web.Routes() {
			if rt.Perm == "infra" || rt.DevOnly {
				continue
			}
			t.Run(rt.Method+" "+rt.Pattern, func(t *testing.T) {
				before := e.snapshot(e.b)
				var form url.Values
				if f, ok := forms[rt.Pattern]; ok {
					form = url.Values{}
					for k, v := range f {
						form[k] = v
					}
				}
				path := e.b.path(rt.Pattern)
				res, body := e.do(rt.Method, path, form, owner)
				if res.StatusCode >= 500 {
					t.Fatalf("%s %s: status %d", rt.Method, path, res.StatusCode)
				}
				if strings.Contains(rt.Pattern, "{id}") && res.StatusCode != http.StatusNotFound {
					t.Errorf("%s %s with another tenant's id: status %d, want 404", rt.Method, path, res.StatusCode)
				}
				for _, m := range e.markers() {
					if strings.Contains(body, m) {
						t.Errorf("%s %s shows %q of another tenant", rt.Method, path, m)
					}
				}
				if after := e.snapshot(e.b); after != before {
					t.Errorf("%s %s changed another tenant:\nbefore %s\nafter  %s", rt.Method, path, before, after)
				}
				walked++
			})
		}
		if walked < 20 {
			t.Fatalf("walked only %d routes", walked)
		}
	})
}

// TestRoleMatrix requests every route as every role of organisation A
// against A's own ids: the answer is 403 exactly when the role lacks the
// route's permission, and never a server error.
func TestRoleMatrix(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		for _, rt := range web.Routes() {
			if rt.Perm == "infra" || rt.DevOnly {
				continue
			}
			for _, role := range domain.Roles {
				var form url.Values
				if f, ok := forms[rt.Pattern]; ok {
					form = url.Values{}
					for k, v := range f {
						form[k] = v
					}
				}
				path := e.a.path(rt.Pattern)
				res, _ := e.do(rt.Method, path, form, e.a.users[role])
				forbidden := res.StatusCode == http.StatusForbidden
				if forbidden != !rt.Allows(role) {
					t.Errorf("%s %s as %s: status %d, permission %s", rt.Method, rt.Pattern, role, res.StatusCode, rt.Perm)
				}
				if res.StatusCode >= 500 {
					t.Errorf("%s %s as %s: status %d", rt.Method, rt.Pattern, role, res.StatusCode)
				}
			}
		}
	})
}
