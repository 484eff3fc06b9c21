package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

const apiKeyUsage = `Usage: bgcheck admin api-key <command> [flags]

Commands:
  create  --org ORG --name NAME --scopes S1,S2   create a key; it is printed once
  list    --org ORG                              list an organisation's keys
  revoke  --org ORG --id ID                      revoke a key at once

Scopes: ` + "%s" + `
`

func apiKeyHelp() string {
	scopes := make([]string, len(domain.APIScopes))
	for i, s := range domain.APIScopes {
		scopes[i] = string(s)
	}
	return fmt.Sprintf(apiKeyUsage, strings.Join(scopes, ", "))
}

// apiKey runs "bgcheck admin api-key …": the operator's way to give an
// organisation a key for the REST API, e.g. before any user has signed in.
func (e env) apiKey(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(e.stdout, apiKeyHelp())
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	cmd := args[0]
	fs := e.flags("admin api-key "+cmd, "admin api-key "+cmd+" [flags]")
	var org, name, scopes, id string
	fs.StringVar(&org, "org", "", "organisation id or name")
	switch cmd {
	case "create":
		fs.StringVar(&name, "name", "", "a name telling what the key is for, e.g. the HR system")
		fs.StringVar(&scopes, "scopes", "", "comma-separated scopes")
	case "revoke":
		fs.StringVar(&id, "id", "", "the key's id (see list)")
	case "list":
	default:
		fmt.Fprintf(e.stderr, "bgcheck admin api-key: unknown command %q\n\n%s", cmd, apiKeyHelp())
		return errUsage
	}
	cfg, err := e.config(fs, args[1:], false)
	if err != nil {
		return err
	}
	if org == "" {
		return fmt.Errorf("--org is required")
	}
	s, err := open(ctx, cfg, e.logger(cfg))
	if err != nil {
		return err
	}
	defer s.Close()
	op := s.app.Operator()
	o, err := op.FindOrganisation(ctx, org)
	if domain.IsNotFound(err) {
		return fmt.Errorf("no organisation with id or name %q", org)
	}
	if err != nil {
		return err
	}
	switch cmd {
	case "create":
		k, secret, err := op.CreateAPIKey(ctx, o.ID, domain.NewAPIKey{Name: name, Scopes: domain.ParseScopes(scopes)})
		if err != nil {
			return fieldErr(err)
		}
		fmt.Fprintf(e.stdout, "created API key %s (%s) for %s with scopes %s\n", k.ID, k.Name, o.Name, joinScopes(k.Scopes))
		fmt.Fprintf(e.stdout, "\n%s\n\nThis is the only time the key is shown; store it in the HR system's secret store now.\n", secret)
	case "list":
		keys, err := op.APIKeys(ctx, o.ID)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tNAME\tSCOPES\tCREATED\tLAST USED\tSTATUS")
		for _, k := range keys {
			status := "active"
			if !k.Active() {
				status = "revoked " + k.RevokedAt.Format(time.DateOnly)
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, joinScopes(k.Scopes), k.CreatedAt.Format(time.DateOnly), lastUsed(k.LastUsedAt), status)
		}
		return w.Flush()
	case "revoke":
		if id == "" {
			return fmt.Errorf("--id is required")
		}
		err := op.RevokeAPIKey(ctx, o.ID, id)
		if domain.IsNotFound(err) {
			return fmt.Errorf("--id: no active API key %q in %s", id, o.Name)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "revoked API key %s; requests with it are refused from now on\n", id)
	}
	return nil
}

func joinScopes(scopes []domain.APIScope) string {
	out := make([]string, len(scopes))
	for i, s := range scopes {
		out[i] = string(s)
	}
	return strings.Join(out, ",")
}

func lastUsed(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.Format(time.DateTime)
}
