package main

import (
	"context"
	"fmt"
	"io"

	"github.com/bgcheck/bgcheck/internal/auth"
	"github.com/bgcheck/bgcheck/internal/config"
	"github.com/bgcheck/bgcheck/internal/mitid"
	"github.com/bgcheck/bgcheck/internal/mitid/devprovider"

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
	fmt.Fprintf(w, "\nMail sent by the demo is caught, not delivered: %s/dev/mail\n", url)
	fmt.Fprintln(w, "Subjects sign in at a local test MitID; choose one of these fictitious people:")
	for _, id := range devprovider.Identities() {
		fmt.Fprintf(w, "  %-18s %s\n", id.Name, id.Note)
	}
	fmt.Fprint(w, "Stop with Ctrl-C.\n\n")
}

// startDemoBroker runs the local test MitID broker on loopback and points
// the configuration at it, with fictitious test identities.
func startDemoBroker(ctx context.Context, cfg *config.Config) (*devprovider.Provider, error) {
	secret, _ := auth.NewToken()
	p, err := devprovider.Start(ctx, devprovider.Options{Addr: "127.0.0.1:0", Clients: []devprovider.Client{{
		ID: "bgcheck-demo", Secret: secret, RedirectURIs: []string{cfg.BaseURL + "/s/callback"}, Shape: mitid.ShapeIdura,
	}}})
	if err != nil {
		return nil, fmt.Errorf("demo MitID broker: %w", err)
	}
	cfg.MitID = config.MitID{Issuer: p.Issuer(), ClientID: "bgcheck-demo", ClientSecret: secret, Shape: mitid.ShapeIdura}
	return p, nil
}
