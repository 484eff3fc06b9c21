package main

import (
	"context"
	"fmt"
	"io"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// DemoPassword is the password of every demo user. Demo data is fictitious
// and lives only in the local data folder.
const DemoPassword = "bgcheck-demo-2026"

// demoOrg is the fictitious organisation demo mode creates (the CVR number
// passes the modulus-11 check but belongs to no one we know of).
var demoOrg = domain.OrganisationUpdate{
	Name: "Demo Sikkerhed ApS", CVR: "12345674", Address: "Demovej 1, 2100 København Ø",
	DPOName: "Dorthe Databeskytter", DPOEmail: "dpo@demo.bgcheck.test", DPOPhone: "+45 70 00 00 00",
}

// demoUsers is one user per role.
var demoUsers = []domain.NewUser{
	{Email: "owner@demo.bgcheck.test", Name: "Olivia Ejer", Role: domain.RoleOwner},
	{Email: "admin@demo.bgcheck.test", Name: "Anders Administrator", Role: domain.RoleAdmin},
	{Email: "handler@demo.bgcheck.test", Name: "Hanne Sagsbehandler", Role: domain.RoleCaseHandler},
	{Email: "reviewer@demo.bgcheck.test", Name: "Rasmus Bedømmer", Role: domain.RoleReviewer},
	{Email: "auditor@demo.bgcheck.test", Name: "Aase Revisor", Role: domain.RoleAuditor},
	{Email: "dpo@demo.bgcheck.test", Name: "Dorthe Databeskytter", Role: domain.RoleDPO},
}

// seedDemo creates the demo organisation and users unless an organisation
// exists already. It reports whether it created them.
func seedDemo(ctx context.Context, s *system) (bool, error) {
	op := s.app.Operator()
	orgs, err := op.Organisations(ctx)
	if err != nil || len(orgs) > 0 {
		return false, err
	}
	org, err := op.CreateOrganisation(ctx, demoOrg)
	if err != nil {
		return false, err
	}
	for _, u := range demoUsers {
		if _, err := op.CreateUser(ctx, org.ID, u, DemoPassword); err != nil {
			return false, fmt.Errorf("demo user %s: %w", u.Email, err)
		}
	}
	return true, nil
}

// printDemoBanner tells a newcomer where to go and how to sign in.
func printDemoBanner(w io.Writer, url, dataDir string, created bool) {
	fmt.Fprintf(w, "\nbgcheck demo is running at %s\n\n", url)
	if created {
		fmt.Fprintf(w, "A demo organisation (%s) was created in %s.\n", demoOrg.Name, dataDir)
	} else {
		fmt.Fprintf(w, "Using the existing data in %s.\n", dataDir)
	}
	fmt.Fprintf(w, "Sign in with any of these (password %q); the first sign-in enrols an authenticator app:\n", DemoPassword)
	for _, u := range demoUsers {
		fmt.Fprintf(w, "  %-28s %s\n", u.Email, u.Role)
	}
	fmt.Fprintf(w, "\nMail sent by the demo is caught, not delivered: %s/dev/mail\nStop with Ctrl-C.\n\n", url)
}
