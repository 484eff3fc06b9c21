package auth

import (
	"errors"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func TestCheckPassword(t *testing.T) {
	const email, name = "mette.frederiksen@example.dk", "Mette Hansen"
	cases := []struct {
		name, pw, want string
	}{
		{"11 runes is too short", "abcdefghijk", MsgPasswordTooShort},
		{"12 ASCII runes is enough", "kaffe-og-kag", ""},
		{"runes not bytes: 11 Danish letters", "æøåæøåæøåæø", MsgPasswordTooShort},
		{"runes not bytes: 12 Danish letters", "æøåæøåæøåæøå", ""},
		{"256 runes allowed", strings.Repeat("ø", MaxPasswordLen), ""},
		{"257 runes too long", strings.Repeat("ø", MaxPasswordLen+1), MsgPasswordTooLong},
		{"common password", "qwerty123456", MsgPasswordCommon},
		{"common password in other case", "QwErTy123456", MsgPasswordCommon},
		{"contains e-mail local part", "xxMette.Frederiksen2024", MsgPasswordContainsEmail},
		{"is the name", "Mette Hansen", MsgPasswordContainsEmail},
		{"is the name without spaces", "mettehansen ", MsgPasswordContainsEmail},
		{"contains the name but is longer", "Mette Hansen elsker kaffe", ""},
		{"long passphrase", "korrekt hest batteri hæfteklamme", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckPassword(c.pw, email, name)
			if c.want == "" {
				if err != nil {
					t.Fatalf("CheckPassword(%q) = %v, want nil", c.pw, err)
				}
				return
			}
			var de *domain.Error
			if !errors.As(err, &de) {
				t.Fatalf("CheckPassword(%q) = %v, want *domain.Error", c.pw, err)
			}
			if de.Code != domain.EInvalid || de.Message != c.want || de.Fields["password"] != c.want {
				t.Fatalf("CheckPassword(%q) = %+v, want %s", c.pw, de, c.want)
			}
		})
	}
}

func TestCheckPasswordShortLocalPartIgnored(t *testing.T) {
	// A two-letter local part would match inside many good passwords.
	if err := CheckPassword("hjemmelavet brød", "jo@example.dk", "Jo"); err != nil {
		t.Fatalf("short local part refused a good password: %v", err)
	}
}

func TestCommonPasswordList(t *testing.T) {
	set := commonPasswords()
	if len(set) < 9000 {
		t.Fatalf("common password list has %d entries, want about 10,000", len(set))
	}
	for pw := range set {
		if pw != strings.ToLower(pw) || strings.TrimSpace(pw) != pw {
			t.Fatalf("list entry %q is not lower-case and trimmed", pw)
		}
	}
	for _, pw := range []string{"password", "123456", "letmein", "1qaz2wsx3edc"} {
		if !IsCommonPassword(pw) {
			t.Errorf("%q not recognised as common", pw)
		}
	}
	if IsCommonPassword("korrekt hest batteri hæfteklamme") {
		t.Error("a random passphrase is reported as common")
	}
}
