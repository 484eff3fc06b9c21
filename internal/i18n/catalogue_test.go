package i18n

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func mustNew(t *testing.T) *Catalogue {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func TestLanguagesDefineTheSameIDs(t *testing.T) {
	perLang := map[string][]string{}
	for _, lang := range Languages {
		msgs, err := load(lang)
		if err != nil {
			t.Fatal(err)
		}
		perLang[lang] = slices.Sorted(maps.Keys(msgs))
		for id, text := range msgs {
			if strings.TrimSpace(text) == "" {
				t.Errorf("%s: %s is empty", lang, id)
			}
		}
	}
	for _, lang := range Languages[1:] {
		if !slices.Equal(perLang[Default], perLang[lang]) {
			t.Errorf("%s and %s define different ids:\nonly %s: %v\nonly %s: %v", Default, lang,
				Default, missingFrom(perLang[Default], perLang[lang]), lang, missingFrom(perLang[lang], perLang[Default]))
		}
	}
}

func missingFrom(a, b []string) []string {
	var out []string
	for _, id := range a {
		if !slices.Contains(b, id) {
			out = append(out, id)
		}
	}
	return out
}

func TestSameIDsRefusesAGap(t *testing.T) {
	err := sameIDs(map[string]map[string]string{
		"da": {"a": "x", "b": "y"},
		"en": {"a": "x"},
	})
	if err == nil || !strings.Contains(err.Error(), `"b"`) {
		t.Fatalf("sameIDs = %v, want an error naming b", err)
	}
}

func TestTranslatesWithData(t *testing.T) {
	c := mustNew(t)
	da := c.Localizer("da").T("page.dashboard.welcome", map[string]any{"Name": "Mette"})
	en := c.Localizer("en").T("page.dashboard.welcome", map[string]any{"Name": "Mette"})
	if da != "Velkommen, Mette" || en != "Welcome, Mette" {
		t.Fatalf("got %q and %q", da, en)
	}
}

func TestUnknownIDIsMarked(t *testing.T) {
	l := mustNew(t).Localizer("da")
	if got := l.T("page.no_such_message"); got != MissingPrefix+"page.no_such_message" {
		t.Fatalf("T = %q", got)
	}
}

func TestMessageFallsBackToInternalError(t *testing.T) {
	l := mustNew(t).Localizer("en")
	if got, want := l.Message("password hash mismatch in row 7"), l.T("error.internal"); got != want {
		t.Fatalf("Message(raw text) = %q, want %q", got, want)
	}
	if got, want := l.Message("error.login_failed"), "Wrong e-mail address or password."; got != want {
		t.Fatalf("Message(id) = %q, want %q", got, want)
	}
}

func TestUnsupportedLanguageUsesDefault(t *testing.T) {
	c := mustNew(t)
	if got := c.Localizer("fr").Lang(); got != Default {
		t.Fatalf("Localizer(fr).Lang() = %q", got)
	}
}

func TestInvitationMail(t *testing.T) {
	c := mustNew(t)
	data := map[string]any{"OrgName": "Lufthavn A/S", "InviterName": "Mette Hansen", "Link": "https://bgcheck.example/invitation/abc", "ExpiresDays": 7}
	for _, lang := range Languages {
		subject := c.T(lang, "mail.invite.subject", data)
		body := c.T(lang, "mail.invite.body", data)
		for _, want := range []string{"Lufthavn A/S"} {
			if !strings.Contains(subject, want) {
				t.Errorf("%s subject %q lacks %q", lang, subject, want)
			}
		}
		for _, want := range []string{"Lufthavn A/S", "Mette Hansen", "https://bgcheck.example/invitation/abc", "7"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s body lacks %q:\n%s", lang, want, body)
			}
		}
		if strings.Contains(body+subject, "<no value>") {
			t.Errorf("%s mail has an unfilled field", lang)
		}
	}
}

// The names the web layer builds at run time ("role." + role and so on)
// must all exist.
func TestEnumerationsAreTranslated(t *testing.T) {
	c := mustNew(t)
	var ids []string
	for _, r := range []string{"owner", "admin", "case_handler", "reviewer", "auditor", "dpo"} {
		ids = append(ids, "role."+r, "help.role_"+r)
	}
	for _, s := range []string{"invited", "active", "disabled"} {
		ids = append(ids, "status."+s)
	}
	for _, a := range []string{"user", "subject", "system", "operator"} {
		ids = append(ids, "audit.actor_"+a)
	}
	for _, id := range ids {
		if !c.Has(id) {
			t.Errorf("missing %s", id)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		accept, cookie, want string
	}{
		{"", "", "da"},
		{"en-GB,en;q=0.9", "", "en"},
		{"da-DK,da;q=0.9,en;q=0.8", "", "da"},
		{"de-DE,de;q=0.9", "", "da"},
		{"en-US", "da", "da"},
		{"da", "en", "en"},
		{"en", "fr", "en"},
		{"not a header;;;", "", "da"},
		{strings.Repeat("en,", 200), "", "da"},
	}
	for _, tt := range tests {
		if got := Match(tt.accept, tt.cookie); got != tt.want {
			t.Errorf("Match(%q, %q) = %q, want %q", tt.accept, tt.cookie, got, tt.want)
		}
	}
}
