package domain

import (
	"slices"
	"testing"
)

func TestEveryScopeMapsToPermissions(t *testing.T) {
	for _, s := range APIScopes {
		if !s.Valid() || len(s.Permissions()) == 0 {
			t.Errorf("scope %s grants nothing", s)
		}
	}
	if APIScope("users:write").Valid() {
		t.Error("an unknown scope is valid")
	}
}

func TestUsersGrantOnlyScopesTheyHold(t *testing.T) {
	for _, tc := range []struct {
		role  Role
		scope APIScope
		want  bool
	}{
		{RoleOwner, ScopeCasesWrite, true},
		{RoleAdmin, ScopeFindingsWrite, true},
		{RoleReviewer, ScopeCasesRead, true},
		{RoleReviewer, ScopeCasesWrite, false},
		{RoleDPO, ScopePackagesRead, false},
		{RoleOwner, "users:write", false},
	} {
		if got := tc.role.CanGrant(tc.scope); got != tc.want {
			t.Errorf("%s granting %s: %v, want %v", tc.role, tc.scope, got, tc.want)
		}
	}
}

func TestNewAPIKeyNormalizesScopes(t *testing.T) {
	n := NewAPIKey{Name: "  hr ", Scopes: []APIScope{" cases:write", ScopePackagesRead, ScopePackagesRead, ""}}
	n.Normalize()
	if n.Name != "hr" || !slices.Equal(n.Scopes, []APIScope{ScopePackagesRead, ScopeCasesWrite}) {
		t.Fatalf("%+v", n)
	}
	if err := n.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := (NewAPIKey{Name: "x<y>"}).Validate(); len(ErrorFields(err)) != 2 {
		t.Errorf("bad name and no scopes: %v", err)
	}
	if got := ScopePermissions([]APIScope{ScopeCasesWrite, ScopeCasesRead}); !slices.Equal(got, []Permission{PermCasesManage, PermCasesRead}) {
		t.Errorf("permissions %v", got)
	}
}
