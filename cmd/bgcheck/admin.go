package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
)

const adminUsage = `Usage: bgcheck admin <command> [flags]

Commands:
  create-org        --name NAME [--cvr CVR]               create an organisation
  list-orgs                                               list organisations
  create-user       --org ORG --email E --name N --role R [--password-file F]
                    create a user; without a password an invitation is e-mailed
  list-users        --org ORG                             list an organisation's users
  reset-2fa         --email E                             remove a user's second factor
  audit-verify      [--org ORG]                           verify audit chains and checkpoints
  audit-checkpoint                                        write signed audit checkpoints now
  master-key generate FILE                                create a new master key ring file
  master-key rotate                                       add a master key and re-wrap all data keys
  master-key rewrap                                       re-wrap data keys not yet under the primary master key
  blob-gc           [--grace 24h]                         remove document files no row refers to
  api-key create    --org ORG --name N --scopes S1,S2     create a REST API key (printed once)
  api-key list      --org ORG                             list an organisation's API keys
  api-key revoke    --org ORG --id ID                     revoke an API key
  verify-report     FILE                                  check a case report (PDF) against its issue record

ORG is an organisation id or its exact name. Every command also takes the
configuration flags of "bgcheck serve" (e.g. --data-dir, --database-url).
Roles: owner, admin, case_handler, reviewer, auditor, dpo.
`

func (e env) admin(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(e.stdout, adminUsage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	cmd, rest := args[0], args[1:]
	if cmd == "master-key" {
		return e.masterKey(ctx, rest)
	}
	if cmd == "api-key" {
		return e.apiKey(ctx, rest)
	}
	fs := e.flags("admin "+cmd, "admin "+cmd+" [flags]")
	var org, name, cvr, email, role, pwFile string
	var grace time.Duration
	switch cmd {
	case "create-org":
		fs.StringVar(&name, "name", "", "organisation name")
		fs.StringVar(&cvr, "cvr", "", "CVR number")
	case "create-user":
		fs.StringVar(&org, "org", "", "organisation id or name")
		fs.StringVar(&email, "email", "", "e-mail address")
		fs.StringVar(&name, "name", "", "full name")
		fs.StringVar(&role, "role", "", "role")
		fs.StringVar(&pwFile, "password-file", "", "file holding the initial password (else an invitation is sent)")
	case "list-users":
		fs.StringVar(&org, "org", "", "organisation id or name")
	case "reset-2fa":
		fs.StringVar(&email, "email", "", "the user's e-mail address")
	case "audit-verify":
		fs.StringVar(&org, "org", "", "organisation id or name (default all)")
	case "blob-gc":
		fs.DurationVar(&grace, "grace", 24*time.Hour, "keep unreferenced files younger than this")
	case "list-orgs", "audit-checkpoint", "verify-report":
	default:
		fmt.Fprintf(e.stderr, "bgcheck admin: unknown command %q\n\n%s", cmd, adminUsage)
		return errUsage
	}
	flagArgs, files := args[1:], []string(nil)
	if cmd == "verify-report" {
		// The file comes last, after any configuration flags.
		if n := len(flagArgs); n > 0 && !strings.HasPrefix(flagArgs[n-1], "-") {
			flagArgs, files = flagArgs[:n-1], flagArgs[n-1:]
		}
	}
	cfg, err := e.config(fs, flagArgs, false)
	if err != nil {
		return err
	}
	s, err := open(ctx, cfg, e.logger(cfg))
	if err != nil {
		return err
	}
	defer s.Close()
	op := s.app.Operator()
	findOrg := func() (*domain.Organisation, error) {
		if org == "" {
			return nil, fmt.Errorf("--org is required")
		}
		o, err := op.FindOrganisation(ctx, org)
		if domain.IsNotFound(err) {
			return nil, fmt.Errorf("no organisation with id or name %q", org)
		}
		return o, err
	}
	switch cmd {
	case "create-org":
		o, err := op.CreateOrganisation(ctx, domain.OrganisationUpdate{Name: name, CVR: cvr})
		if err != nil {
			return fieldErr(err)
		}
		fmt.Fprintf(e.stdout, "created organisation %s (%s)\n", o.ID, o.Name)
	case "list-orgs":
		orgs, err := op.Organisations(ctx)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tNAME\tCVR\tCREATED")
		for _, o := range orgs {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", o.ID, o.Name, o.CVR, o.CreatedAt.Format(time.DateOnly))
		}
		return w.Flush()
	case "create-user":
		o, err := findOrg()
		if err != nil {
			return err
		}
		var pw string
		if pwFile != "" {
			b, err := os.ReadFile(pwFile)
			if err != nil {
				return fmt.Errorf("--password-file: %w", err)
			}
			pw = strings.TrimRight(string(b), "\r\n")
		}
		u, err := op.CreateUser(ctx, o.ID, domain.NewUser{Email: email, Name: name, Role: domain.Role(role)}, pw)
		if err != nil {
			return fieldErr(err)
		}
		how := "active; a second factor is enrolled at first sign-in"
		if pw == "" {
			how = "invited; the invitation e-mail is sent by the running service"
		}
		fmt.Fprintf(e.stdout, "created user %s <%s> as %s (%s)\n", u.ID, u.Email, u.Role, how)
	case "list-users":
		o, err := findOrg()
		if err != nil {
			return err
		}
		users, err := op.Users(ctx, o.ID)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tEMAIL\tNAME\tROLE\tSTATUS\t2FA")
		for _, u := range users {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%v\n", u.ID, u.Email, u.Name, u.Role, u.Status, u.TOTPEnabled)
		}
		return w.Flush()
	case "reset-2fa":
		u, err := op.ResetSecondFactor(ctx, email)
		if domain.IsNotFound(err) {
			return fmt.Errorf("no user with e-mail %q", email)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "second factor of %s removed; sessions ended; they enrol again at next sign-in\n", u.Email)
	case "audit-verify":
		return e.auditVerify(ctx, s, org, findOrg)
	case "verify-report":
		return e.verifyReport(ctx, s, files)
	case "audit-checkpoint":
		n, err := s.app.Audit().Checkpoint(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %d checkpoint(s) to %s\n", n, cfg.CheckpointDir)
	case "blob-gc":
		n, err := s.blobGC(ctx, grace)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "removed %d unreferenced file(s)\n", n)
	}
	return nil
}

func (e env) auditVerify(ctx context.Context, s *system, org string, findOrg func() (*domain.Organisation, error)) error {
	var orgs []*domain.Organisation
	if org != "" {
		o, err := findOrg()
		if err != nil {
			return err
		}
		orgs = []*domain.Organisation{o}
	} else {
		var err error
		if orgs, err = s.app.Operator().Organisations(ctx); err != nil {
			return err
		}
	}
	bad := 0
	for _, o := range orgs {
		rep, err := s.app.Audit().Verify(ctx, o.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s: %s\n", o.Name, rep)
		if !rep.OK() {
			bad++
		}
	}
	if bad > 0 {
		return fmt.Errorf("audit verification failed for %d organisation(s)", bad)
	}
	return nil
}

func (e env) masterKey(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, adminUsage)
		return errUsage
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		fmt.Fprint(e.stdout, adminUsage)
		return nil
	case "generate":
		fs := e.flags("admin master-key generate", "admin master-key generate FILE")
		if slices.ContainsFunc(args[1:], func(a string) bool { return a == "-h" || a == "-help" || a == "--help" }) {
			fs.SetOutput(e.stdout)
		}
		if err := fs.Parse(args[1:]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return errUsage
		}
		if fs.NArg() != 1 {
			fs.Usage()
			return errUsage
		}
		return e.generateKeyRing(fs.Arg(0))
	case "rotate":
		return e.rotateMasterKey(ctx, args[1:])
	case "rewrap":
		return e.rewrapDataKeys(ctx, args[1:])
	}
	fmt.Fprintf(e.stderr, "bgcheck admin master-key: unknown command %q\n", args[0])
	return errUsage
}

func (e env) generateKeyRing(path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists; refusing to overwrite a master key ring", path)
	}
	ring, err := crypto.GenerateKeyRing()
	if err != nil {
		return err
	}
	if err := crypto.WriteKeyRingFile(path, ring); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote a new master key ring to %s; keep it out of database backups\n", path)
	return nil
}

// rotateMasterKey adds a master key to the ring file, makes it primary and
// re-wraps every data key under it. The databases are opened first, so a
// configuration error changes nothing.
func (e env) rotateMasterKey(ctx context.Context, args []string) error {
	fs := e.flags("admin master-key rotate", "admin master-key rotate [flags]")
	cfg, err := e.config(fs, args, false)
	if err != nil {
		return err
	}
	if cfg.MasterKeyFile == "" {
		return errors.New("BGCHECK_MASTER_KEY_FILE: rotation writes the key ring file, so it must be set")
	}
	s, err := open(ctx, cfg, e.logger(cfg))
	if err != nil {
		return err
	}
	defer s.Close()
	newRing, id, err := crypto.AddKey([]byte(cfg.MasterKey))
	if err != nil {
		return err
	}
	ring, err := crypto.LoadKeyRing(newRing)
	if err != nil {
		return err
	}
	if err := crypto.WriteKeyRingFile(cfg.MasterKeyFile, newRing); err != nil {
		return err
	}
	n, err := crypto.New(ring, s.keys).RotateMaster(ctx)
	if err != nil {
		return fmt.Errorf("new key %s is primary but re-wrapping stopped (run 'bgcheck admin master-key rewrap' to finish): %w", id, err)
	}
	fmt.Fprintf(e.stdout, "master key %s is now primary; re-wrapped %d data key(s). Running servers follow the key ring file and need no restart.\n", id, n)
	return nil
}

// fieldErr turns a validation error into a message naming each field.
func fieldErr(err error) error {
	fields := domain.ErrorFields(err)
	if len(fields) == 0 {
		return err
	}
	names := slices.Sorted(maps.Keys(fields))
	parts := make([]string, 0, len(names))
	for _, f := range names {
		flagName := strings.ReplaceAll(f, "_", "-")
		if flagName == "password" {
			flagName = "password-file"
		}
		parts = append(parts, "--"+flagName+": "+describe(fields[f]))
	}
	return errors.New(strings.Join(parts, "; "))
}

// describe renders a catalogue id for the command line in English.
func describe(id string) string {
	c, err := i18n.New()
	if err != nil || !c.Has(id) {
		return id
	}
	return c.T("en", id, nil)
}

// rewrapDataKeys finishes an interrupted rotation, and catches data keys a
// server created under the old primary before it noticed the new one.
func (e env) rewrapDataKeys(ctx context.Context, args []string) error {
	fs := e.flags("admin master-key rewrap", "admin master-key rewrap [flags]")
	cfg, err := e.config(fs, args, false)
	if err != nil {
		return err
	}
	s, err := open(ctx, cfg, e.logger(cfg))
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := s.envelope.RotateMaster(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "re-wrapped %d data key(s)\n", n)
	return nil
}
