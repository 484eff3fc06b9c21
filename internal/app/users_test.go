package app_test

import (
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func TestUserAdministrationRules(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		a, owner := e.org("Alfa")
		admin := e.user(a.ID, "admin@alfa.example", domain.RoleAdmin)
		handler := e.user(a.ID, "handler@alfa.example", domain.RoleCaseHandler)

		_, err := e.app.Users().Invite(as(handler), domain.NewUser{Email: "x@alfa.example", Name: "X", Role: domain.RoleAuditor})
		wantCode(t, err, domain.EForbidden)
		_, err = e.app.Users().Invite(as(admin), domain.NewUser{Email: "y@alfa.example", Name: "Y", Role: domain.RoleOwner})
		wantCode(t, err, domain.EForbidden)
		_, err = e.app.Users().Invite(as(admin), domain.NewUser{Email: "not-an-email", Name: "", Role: "boss"})
		if f := domain.ErrorFields(err); f["email"] == "" || f["name"] == "" || f["role"] == "" {
			t.Fatalf("field errors: %v", err)
		}
		wantCode(t, e.app.Users().ChangeRole(as(admin), owner.ID, domain.RoleAuditor), domain.EForbidden)
		wantCode(t, e.app.Users().ChangeRole(as(owner), owner.ID, domain.RoleAuditor), domain.EForbidden)
		wantCode(t, e.app.Users().SetDisabled(as(admin), admin.ID, true), domain.EForbidden)

		// A second owner can be demoted; the last one cannot be removed.
		owner2 := e.user(a.ID, "owner2@alfa.example", domain.RoleOwner)
		if err := e.app.Users().ChangeRole(as(owner), owner2.ID, domain.RoleAdmin); err != nil {
			t.Fatal(err)
		}
		if err := e.app.Users().ChangeRole(as(owner), handler.ID, domain.RoleReviewer); err != nil {
			t.Fatal(err)
		}
		if err := e.app.Users().SetDisabled(as(admin), handler.ID, true); err != nil {
			t.Fatal(err)
		}
		u, _ := e.app.Users().Get(as(admin), handler.ID)
		if u.Status != domain.UserDisabled || u.Role != domain.RoleReviewer {
			t.Fatalf("after changes: %+v", u)
		}
	})
}

func TestTenantsNeverMeet(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		_, ownerA := e.org("Alfa")
		b, ownerB := e.org("Beta")
		userB := e.user(b.ID, "bo@beta.example", domain.RoleCaseHandler)

		_, err := e.app.Users().Get(as(ownerA), userB.ID)
		wantCode(t, err, domain.ENotFound)
		wantCode(t, e.app.Users().ChangeRole(as(ownerA), userB.ID, domain.RoleAdmin), domain.ENotFound)
		wantCode(t, e.app.Users().SetDisabled(as(ownerA), userB.ID, true), domain.ENotFound)
		wantCode(t, e.app.Users().ResetSecondFactor(as(ownerA), userB.ID), domain.ENotFound)
		wantCode(t, e.app.Users().ResendInvitation(as(ownerA), userB.ID), domain.ENotFound)
		list, err := e.app.Users().List(as(ownerA), domain.UserFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range list {
			if u.OrgID != ownerA.OrgID {
				t.Fatalf("user of another tenant listed: %s", u.Email)
			}
		}
		org, _ := e.app.Organisations().Get(as(ownerB))
		if org.ID != b.ID {
			t.Fatal("wrong organisation")
		}
		entries, _ := e.app.Audit().List(as(ownerA), domain.AuditFilter{})
		for _, en := range entries {
			if en.OrgID != ownerA.OrgID {
				t.Fatal("audit entry of another tenant listed")
			}
		}
	})
}

func TestOrganisationSettingsValidation(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		_, owner := e.org("Alfa")
		_, err := e.app.Organisations().Update(as(owner), domain.OrganisationUpdate{Name: "", CVR: "12345678", DPOEmail: "nope"})
		f := domain.ErrorFields(err)
		if f["name"] == "" || f["cvr"] == "" || f["dpo_email"] == "" {
			t.Fatalf("field errors: %v", err)
		}
		before, _ := e.app.Organisations().Get(as(owner))
		if before.Name != "Alfa" {
			t.Fatal("invalid update changed something")
		}
		o, err := e.app.Organisations().Update(as(owner), domain.OrganisationUpdate{Name: " ANSATTE ApS ", CVR: "2913 5789", DPOEmail: "DPO@alfa.example"})
		if err != nil || o.Name != "ANSATTE ApS" || o.CVR != "29135789" || o.DPOEmail != "dpo@alfa.example" {
			t.Fatalf("update: %+v %v", o, err)
		}
	})
}
