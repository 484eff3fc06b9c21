package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

var printedKey = regexp.MustCompile(`(?m)^(bgk_([0-9a-f-]{36})_[0-9a-f]{64})$`)

func TestAdminAPIKeys(t *testing.T) {
	eachInstall(t, func(t *testing.T, in *install) {
		org := in.createOrg(t, "Acme Sikkerhed ApS")
		in.createOrg(t, "Beta Byg A/S")
		out := in.run(t, "api-key", "create", "--org", "Acme Sikkerhed ApS", "--name", "Lønsystem", "--scopes", "cases:read,cases:write")
		m := printedKey.FindStringSubmatch(out)
		if m == nil || !strings.Contains(out, "scopes cases:read,cases:write") || !strings.Contains(out, "only time") {
			t.Fatalf("create printed:\n%s", out)
		}
		secret, id := m[1], m[2]

		list := in.run(t, "api-key", "list", "--org", org)
		if !regexp.MustCompile(`(?m)^` + id + `\s+Lønsystem\s+cases:read,cases:write\s+\S+\s+never\s+active$`).MatchString(list) {
			t.Errorf("list:\n%s", list)
		}
		if strings.Contains(list, secret[len(secret)-64:]) {
			t.Error("list shows the secret")
		}
		if other := in.run(t, "api-key", "list", "--org", "Beta Byg A/S"); strings.Contains(other, id) {
			t.Errorf("another organisation lists Acme's key:\n%s", other)
		}
		in.withSystem(t, func(ctx context.Context, s *system) {
			if _, err := s.app.APIKeys().Authenticate(ctx, secret); err != nil {
				t.Errorf("the printed key does not authenticate: %v", err)
			}
		})

		// Revoking through another organisation does not find the key.
		r := mustFail(t, 1, in.env, "admin", "api-key", "revoke", "--org", "Beta Byg A/S", "--id", id)
		if !strings.Contains(r.stderr, id) {
			t.Errorf("revoke in the wrong organisation: %q", r.stderr)
		}
		if out := in.run(t, "api-key", "revoke", "--org", org, "--id", id); !strings.Contains(out, "revoked API key "+id) {
			t.Errorf("revoke printed %q", out)
		}
		if list := in.run(t, "api-key", "list", "--org", org); !strings.Contains(list, "revoked ") {
			t.Errorf("list after revoke:\n%s", list)
		}
		in.withSystem(t, func(ctx context.Context, s *system) {
			if _, err := s.app.APIKeys().Authenticate(ctx, secret); err == nil {
				t.Error("a revoked key authenticates")
			}
		})
	})
}

func TestAdminAPIKeyRejectsInvalidInput(t *testing.T) {
	in := newInstall(t, "sqlite", "")
	in.createOrg(t, "Acme ApS")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown scope", []string{"create", "--org", "Acme ApS", "--name", "x", "--scopes", "cases:read,users:write"}, "--scopes"},
		{"no scopes", []string{"create", "--org", "Acme ApS", "--name", "x"}, "--scopes"},
		{"no name", []string{"create", "--org", "Acme ApS", "--scopes", "cases:read"}, "--name"},
		{"no org", []string{"list"}, "--org"},
		{"no id", []string{"revoke", "--org", "Acme ApS"}, "--id"},
		{"unknown org", []string{"list", "--org", "Nobody ApS"}, "Nobody ApS"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustFail(t, 1, in.env, append([]string{"admin", "api-key"}, tc.args...)...)
			if line, rest, _ := strings.Cut(r.stderr, "\n"); !strings.HasPrefix(line, "bgcheck: ") || rest != "" || !strings.Contains(line, tc.want) {
				t.Errorf("stderr %q, want one line naming %s", r.stderr, tc.want)
			}
		})
	}
	if r := mustFail(t, 2, in.env, "admin", "api-key", "rotate"); !strings.Contains(r.stderr, "Usage") {
		t.Errorf("unknown subcommand: %q", r.stderr)
	}
}
