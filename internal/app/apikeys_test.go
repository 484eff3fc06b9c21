package app_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

var keyShape = regexp.MustCompile(`^bgk_[0-9a-f-]{36}_[0-9a-f]{64}$`)

func TestAPIKeyLifecycle(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		org, owner := e.org("Alfa")
		svc := e.app.APIKeys()
		k, secret, err := svc.Create(as(owner), domain.NewAPIKey{Name: " HR-system ", Scopes: []domain.APIScope{domain.ScopeCasesWrite, domain.ScopeCasesRead, domain.ScopeCasesRead}})
		if err != nil {
			t.Fatal(err)
		}
		if !keyShape.MatchString(secret) || !strings.Contains(secret, k.ID) {
			t.Fatalf("secret %q does not have the shape bgk_<id>_<64 hex>", secret)
		}
		if k.Name != "HR-system" || len(k.Scopes) != 2 || k.Scopes[0] != domain.ScopeCasesRead || k.CreatedBy != owner.Email {
			t.Fatalf("key %+v", k)
		}
		got, err := svc.Authenticate(context.Background(), secret)
		if err != nil || got.ID != k.ID || got.OrgID != org.ID {
			t.Fatalf("authenticate: %+v %v", got, err)
		}
		ac := got.Actor()
		if ac.Type != domain.ActorAPIKey || ac.Label != "api-key:HR-system" || len(ac.Perms) != 2 {
			t.Fatalf("actor %+v", ac)
		}
		// Tampered secrets fail the same way as unknown ones.
		for _, bad := range []string{"", "bgk_", secret[:len(secret)-1] + "0", strings.Replace(secret, "bgk_", "xyz_", 1), secret + "0"} {
			if bad == secret {
				continue
			}
			if _, err := svc.Authenticate(context.Background(), bad); domain.ErrorCode(err) != domain.EUnauthorized {
				t.Errorf("authenticate %q: %v", bad, err)
			}
		}
		list, err := svc.List(as(owner))
		if err != nil || len(list) != 1 || list[0].LastUsedAt.IsZero() {
			t.Fatalf("list: %+v %v", list, err)
		}
		if err := svc.Revoke(as(owner), k.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Authenticate(context.Background(), secret); domain.ErrorCode(err) != domain.EUnauthorized {
			t.Fatalf("revoked key authenticates: %v", err)
		}
		if err := svc.Revoke(as(owner), k.ID); !domain.IsNotFound(err) {
			t.Errorf("second revoke: %v", err)
		}
		entries, err := e.app.Audit().List(as(owner), domain.AuditFilter{Action: "api_key."})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, en := range entries {
			actions = append(actions, en.Action+" by "+en.ActorLabel)
			if strings.Contains(en.Details["name"]+en.Details["scopes"], secret[len(secret)-64:]) {
				t.Error("the secret reached the audit log")
			}
		}
		if strings.Join(actions, ",") != "api_key.revoked by "+owner.Email+",api_key.created by "+owner.Email {
			t.Errorf("audit: %v", actions)
		}
	})
}

func TestAPIKeyPermissions(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		orgA, owner := e.org("Alfa")
		_, ownerB := e.org("Beta")
		admin := e.user(orgA.ID, "admin@alfa.example", domain.RoleAdmin)
		handler := e.user(orgA.ID, "handler@alfa.example", domain.RoleCaseHandler)
		svc := e.app.APIKeys()
		all := domain.NewAPIKey{Name: "hr", Scopes: domain.APIScopes}
		if _, _, err := svc.Create(as(admin), all); err != nil {
			t.Errorf("admin: %v", err)
		}
		if _, _, err := svc.Create(as(handler), all); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("case handler: %v", err)
		}
		if _, err := svc.List(as(handler)); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("case handler lists: %v", err)
		}
		if _, _, err := svc.Create(as(owner), domain.NewAPIKey{Name: "x", Scopes: []domain.APIScope{"users:write"}}); domain.ErrorFields(err)["scopes"] == "" {
			t.Errorf("unknown scope: %v", err)
		}
		if _, _, err := svc.Create(as(owner), domain.NewAPIKey{Scopes: domain.APIScopes}); domain.ErrorFields(err)["name"] == "" {
			t.Errorf("no name: %v", err)
		}
		k, secret, err := svc.Create(as(owner), domain.NewAPIKey{Name: "read", Scopes: []domain.APIScope{domain.ScopePackagesRead}})
		if err != nil {
			t.Fatal(err)
		}
		// B's owner cannot see or revoke A's key.
		if list, _ := svc.List(as(ownerB)); len(list) != 0 {
			t.Errorf("B sees %d of A's keys", len(list))
		}
		if err := svc.Revoke(as(ownerB), k.ID); !domain.IsNotFound(err) {
			t.Errorf("B revokes A's key: %v", err)
		}
		// The key acts within its scopes' permissions and no further.
		key, err := svc.Authenticate(context.Background(), secret)
		if err != nil {
			t.Fatal(err)
		}
		kctx := domain.WithActor(context.Background(), key.Actor())
		if _, err := e.app.Packages().List(kctx, false); err != nil {
			t.Errorf("packages with packages:read: %v", err)
		}
		if _, _, err := e.app.Cases().Create(kctx, domain.NewCase{}); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("case create with packages:read: %v", err)
		}
		if _, err := e.app.Users().List(kctx, domain.UserFilter{}); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("users with an API key: %v", err)
		}
		if _, _, err := svc.Create(kctx, all); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("a key creating keys: %v", err)
		}
	})
}

func TestOperatorAPIKeys(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		org, owner := e.org("Alfa")
		op := e.app.Operator()
		k, secret, err := op.CreateAPIKey(context.Background(), org.ID, domain.NewAPIKey{Name: "cli", Scopes: []domain.APIScope{domain.ScopeCasesRead}})
		if err != nil || !keyShape.MatchString(secret) {
			t.Fatalf("create: %v %q", err, secret)
		}
		if err := op.RevokeAPIKey(context.Background(), org.ID, k.ID); err != nil {
			t.Fatal(err)
		}
		entries, err := e.app.Audit().List(as(owner), domain.AuditFilter{Action: "api_key."})
		if err != nil || len(entries) != 2 || entries[0].ActorType != domain.ActorOperator {
			t.Fatalf("audit: %+v %v", entries, err)
		}
	})
}
