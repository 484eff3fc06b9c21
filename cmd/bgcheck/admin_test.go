package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

const testPassword = "Vindmoelle-Hasselnoed-Trappe-19"

func TestAdminOrganisationsAndUsers(t *testing.T) {
	eachInstall(t, func(t *testing.T, in *install) {
		if out := mustRun(t, in.env, "migrate").stdout; !strings.Contains(out, "database ("+in.db+") is at migration ") {
			t.Errorf("migrate printed %q", out)
		}
		org := in.createOrg(t, "Acme Sikkerhed ApS")
		in.run(t, "create-org", "--name", "Beta Byg A/S", "--cvr", "12345674")
		orgs := in.run(t, "list-orgs")
		for _, want := range []string{org, "Acme Sikkerhed ApS", "Beta Byg A/S", "12345674"} {
			if !strings.Contains(orgs, want) {
				t.Errorf("list-orgs does not show %q:\n%s", want, orgs)
			}
		}

		active := in.run(t, "create-user", "--org", org, "--email", "Anna@Acme.test", "--name", "Anna Andersen", "--role", "owner",
			"--password-file", writeFile(t, "pw", testPassword+"\n"))
		if !strings.Contains(active, "<anna@acme.test> as owner (active") {
			t.Errorf("create-user with a password printed %q", active)
		}
		// By name instead of id, and without a password: an invitation.
		invited := in.run(t, "create-user", "--org", "Acme Sikkerhed ApS", "--email", "bo@acme.test", "--name", "Bo Berg", "--role", "case_handler")
		if !strings.Contains(invited, "<bo@acme.test> as case_handler (invited") {
			t.Errorf("create-user without a password printed %q", invited)
		}

		users := in.run(t, "list-users", "--org", org)
		for _, want := range []*regexp.Regexp{
			regexp.MustCompile(`(?m)^\S+\s+anna@acme\.test\s+Anna Andersen\s+owner\s+active\s+false$`),
			regexp.MustCompile(`(?m)^\S+\s+bo@acme\.test\s+Bo Berg\s+case_handler\s+invited\s+false$`),
		} {
			if !want.MatchString(users) {
				t.Errorf("list-users has no line matching %s:\n%s", want, users)
			}
		}
		if other := in.run(t, "list-users", "--org", "Beta Byg A/S"); strings.Contains(other, "acme.test") {
			t.Errorf("another organisation's list shows Acme's users:\n%s", other)
		}
	})
}

func TestAdminRejectsInvalidInput(t *testing.T) {
	in := newInstall(t, "sqlite", "")
	org := in.createOrg(t, "Acme ApS")
	in.createUser(t, org, "anna@acme.test", "Anna Andersen", "owner", testPassword)
	user := func(email, role string) []string {
		return []string{"admin", "create-user", "--org", org, "--email", email, "--name", "Some One", "--role", role}
	}
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"bad role", user("some@acme.test", "boss"), []string{"--role"}},
		{"bad e-mail", user("not-an-address", "admin"), []string{"--email"}},
		{"bad both", user("nope", "boss"), []string{"--email", "--role"}},
		{"no org", []string{"admin", "list-users"}, []string{"--org"}},
		{"unknown org", []string{"admin", "list-users", "--org", "Nobody ApS"}, []string{"Nobody ApS"}},
		{"no name", []string{"admin", "create-org"}, []string{"--name"}},
		{"bad cvr", []string{"admin", "create-org", "--name", "X ApS", "--cvr", "12345678"}, []string{"--cvr"}},
		{"weak password", append(user("new@acme.test", "admin"), "--password-file", writeFile(t, "pw", "password")), []string{"--password"}},
		{"missing password file", append(user("new@acme.test", "admin"), "--password-file", "/nonexistent/pw"), []string{"--password-file"}},
		{"unknown user", []string{"admin", "reset-2fa", "--email", "nobody@acme.test"}, []string{"nobody@acme.test"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustFail(t, 1, in.env, tc.args...)
			line, rest, _ := strings.Cut(r.stderr, "\n")
			if !strings.HasPrefix(line, "bgcheck: ") || rest != "" {
				t.Errorf("stderr is not one bgcheck: line:\n%s", r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(line, w) {
					t.Errorf("message %q does not name %s", line, w)
				}
			}
			noStackTrace(t, r.stderr)
		})
	}
	if users := in.run(t, "list-users", "--org", org); strings.Count(users, "\n") != 2 {
		t.Errorf("failed commands left users behind:\n%s", users)
	}
}

func TestAdminResetSecondFactor(t *testing.T) {
	eachInstall(t, func(t *testing.T, in *install) {
		org := in.createOrg(t, "Acme ApS")
		in.createUser(t, org, "anna@acme.test", "Anna Andersen", "admin", testPassword)
		in.withSystem(t, func(ctx context.Context, s *system) { enrolTOTP(t, ctx, s, "anna@acme.test", testPassword) })
		if users := in.run(t, "list-users", "--org", org); !regexp.MustCompile(`anna@acme\.test.*\strue\n`).MatchString(users) {
			t.Fatalf("after enrolment list-users shows no second factor:\n%s", users)
		}

		out := in.run(t, "reset-2fa", "--email", "ANNA@acme.test")
		if !strings.Contains(out, "second factor of anna@acme.test removed") {
			t.Errorf("reset-2fa printed %q", out)
		}
		if users := in.run(t, "list-users", "--org", org); !regexp.MustCompile(`anna@acme\.test.*\sfalse\n`).MatchString(users) {
			t.Errorf("after reset list-users still shows a second factor:\n%s", users)
		}
		in.withSystem(t, func(ctx context.Context, s *system) {
			res, err := s.app.Auth().Login(ctx, "anna@acme.test", testPassword, testClient)
			if err != nil || res.Stage != domain.StageEnrol {
				t.Errorf("sign-in after reset: stage %q, %v; want enrolment again", res.Stage, err)
			}
		})
	})
}

var brokenAt = regexp.MustCompile(`chain: BROKEN at entry 2\b`)

func TestAdminAuditVerifyDetectsTampering(t *testing.T) {
	eachInstall(t, func(t *testing.T, in *install) {
		acme := in.createOrg(t, "Acme ApS")
		in.createUser(t, acme, "anna@acme.test", "Anna Andersen", "owner", testPassword)
		beta := in.createOrg(t, "Beta ApS")
		in.createUser(t, beta, "bo@beta.test", "Bo Berg", "owner", testPassword)

		fresh := in.run(t, "audit-verify")
		if strings.Count(fresh, "result: OK") != 2 || !strings.Contains(fresh, "chain: intact") {
			t.Fatalf("a fresh install does not verify:\n%s", fresh)
		}
		if out := in.run(t, "audit-checkpoint"); !strings.HasPrefix(out, "wrote 2 checkpoint(s)") {
			t.Errorf("audit-checkpoint printed %q", out)
		}
		if out := in.run(t, "audit-verify", "--org", "Acme ApS"); !strings.Contains(out, "checkpoint: agrees") || strings.Contains(out, beta) {
			t.Errorf("verify one organisation after a checkpoint:\n%s", out)
		}

		// Someone with database access edits Acme's history, which the
		// database itself refuses until its triggers are dropped.
		drop := "DROP TRIGGER audit_log_no_update"
		if in.db == "postgres" {
			drop += " ON audit_log"
		}
		in.exec(t, drop)
		in.exec(t, "UPDATE audit_log SET action = 'user.deleted' WHERE org_id = "+in.ph(1)+" AND seq = 2", acme)

		r := mustFail(t, 1, in.env, "admin", "audit-verify")
		acmeReport, betaReport, _ := strings.Cut(r.stdout, "Beta ApS")
		if !brokenAt.MatchString(acmeReport) || !strings.Contains(acmeReport, "result: FAILED") {
			t.Errorf("the report does not name entry 2 of Acme as broken:\n%s", r.stdout)
		}
		if !strings.Contains(betaReport, "result: OK") {
			t.Errorf("Beta's untouched chain is not reported OK:\n%s", r.stdout)
		}
		if !strings.Contains(r.stderr, "audit verification failed for 1 organisation(s)") {
			t.Errorf("stderr: %q", r.stderr)
		}
		noStackTrace(t, r.stderr)
		mustRun(t, in.env, "admin", "audit-verify", "--org", beta)
		mustFail(t, 1, in.env, "admin", "audit-verify", "--org", acme)
	})
}
