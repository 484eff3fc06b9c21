package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"github.com/bgcheck/bgcheck/internal/i18n"
)

// The people of the browser journey: a demo owner and the colleague the
// owner invites.
const (
	ownerEmail        = "owner@demo.bgcheck.test"
	ownerName         = "Olivia Ejer"
	colleagueEmail    = "kim.kollega@demo.bgcheck.test"
	colleagueName     = "Kim Kollega"
	colleaguePassword = "Fyrtaarn-Kaffekop-Lyngby-73"
)

// TestBrowserSignInWithTOTP walks a newcomer's first visit in a real
// browser: the demo owner signs in, enrols an authenticator app, signs in
// again with a fresh code (a used one is refused), invites a colleague who
// accepts through the caught e-mail and enrols too, and the owner then
// reads the audit log and switches it to English.
func TestBrowserSignInWithTOTP(t *testing.T) {
	began := time.Now()
	browser := newBrowser(t)
	demo := startDemo(t)
	t.Logf("browser and demo started in %s", time.Since(began).Round(time.Millisecond))
	cat, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	da := func(id string, data map[string]any) string { return cat.T("da", id, data) }

	phase := time.Now()
	owner := newTab(t, browser, demo.URL, "owner", false)
	owner.open("/login", `main form[action="/login"]`)
	if got, want := owner.text("main h1"), da("page.login.title", nil); got != want || owner.lang() != "da" {
		t.Fatalf("login page: heading %q in %q, want %q in da", got, owner.lang(), want)
	}
	secret, enrolCode := owner.signInFirstTime(ownerEmail, DemoPassword, da)
	if got, want := owner.text("main h1"), da("page.dashboard.welcome", map[string]any{"Name": ownerName}); got != want {
		t.Fatalf("dashboard heading %q, want %q", got, want)
	}
	t.Logf("owner signed in and enrolled in %s", time.Since(phase).Round(time.Millisecond))

	phase = time.Now()
	owner.do("log out", chromedp.Click(chromedp.CSS(`header form[action="/logout"] button`)), visible(`main form[action="/login"]`))
	if got, want := owner.text("main .flash"), da("flash.logged_out", nil); got != want {
		t.Errorf("after logout the flash says %q, want %q", got, want)
	}
	owner.do("sign in with password", fill("f-email", ownerEmail, "f-password", DemoPassword), submit("/login"), visible(`main form[action="/login/verify"]`))
	owner.do("replay the enrolment code", fill("f-code", enrolCode), submit("/login/verify"), visible("main .alert"))
	if got, want := owner.text("main .alert"), da("error.totp_invalid", nil); got != want {
		t.Errorf("a used code was answered with %q, want %q", got, want)
	}
	// The step after the current one: unused, and inside the accepted
	// drift, so no wait for the clock is needed.
	next := mustCode(t, secret, time.Now().Add(30*time.Second))
	owner.do("verify a fresh code", fill("f-code", next), submit("/login/verify"), visible("#cases-heading"))
	t.Logf("owner signed in again with a TOTP code in %s", time.Since(phase).Round(time.Millisecond))

	phase = time.Now()
	owner.open("/users/invite", `main form[action="/users/invite"]`)
	owner.do("invite a colleague",
		fill("f-name", colleagueName, "f-email", colleagueEmail),
		chromedp.Click(chromedp.ID("f-role-admin")),
		submit("/users/invite"),
		visible("main dl.facts"))
	if got, want := owner.text("main .flash"), da("flash.user_invited", nil); got != want {
		t.Errorf("after inviting the flash says %q, want %q", got, want)
	}
	if got := owner.text("main h1"); got != colleagueName {
		t.Errorf("the invited user's page is headed %q, want %q", got, colleagueName)
	}

	colleague := newTab(t, browser, demo.URL, "colleague", true)
	link := colleague.invitationLink(colleagueEmail)
	if !strings.HasPrefix(link, demo.URL+"/invitation/") {
		t.Fatalf("invitation link %q does not point at the demo at %s", link, demo.URL)
	}
	colleague.do("open the invitation", chromedp.Navigate(link), visible("#f-confirm"))
	colleague.do("choose a password",
		fill("f-password", colleaguePassword, "f-confirm", colleaguePassword),
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)),
		visible(`main form[action="/login"]`))
	if got, want := colleague.text("main .flash"), da("flash.invitation_accepted", nil); got != want {
		t.Errorf("after accepting the flash says %q, want %q", got, want)
	}
	colleagueSecret, _ := colleague.signInFirstTime(colleagueEmail, colleaguePassword, da)
	if got, want := colleague.text("main h1"), da("page.dashboard.welcome", map[string]any{"Name": colleagueName}); got != want {
		t.Fatalf("colleague's dashboard heading %q, want %q", got, want)
	}
	t.Logf("colleague invited, accepted and enrolled in %s", time.Since(phase).Round(time.Millisecond))

	phase = time.Now()
	owner.open("/audit", "main table tbody tr")
	actions := owner.texts("main table tbody td:nth-child(4) code")
	for _, want := range []string{"auth.totp_enrolled", "auth.login_failed", "auth.login", "auth.logout", "user.invite", "user.invitation_accepted"} {
		if !slices.Contains(actions, want) {
			t.Errorf("audit log shows no %s entry; it shows %v", want, actions)
		}
	}
	owner.checkLanguageSwitch(cat, "page.audit.title")
	t.Logf("audit log read and language switched in %s", time.Since(phase).Round(time.Millisecond))

	if code := demo.stop(t); code != 0 {
		t.Fatalf("demo exited with %d after cancellation, want 0\nstderr:\n%s", code, demo.stderr)
	}
	token := link[strings.LastIndex(link, "/")+1:]
	checkDemoLog(t, demo.stderr.String(), DemoPassword, colleaguePassword, secret, colleagueSecret, token)
	t.Logf("whole journey took %s", time.Since(began).Round(time.Millisecond))
}

// signInFirstTime signs in on the open login page as a user without a
// second factor, enrols one with the secret shown on the page, confirms
// the recovery codes and waits for the dashboard. It returns the secret
// and the code used to enrol.
func (b *tab) signInFirstTime(email, password string, da func(string, map[string]any) string) (secret, code string) {
	b.t.Helper()
	b.do("sign in with password", fill("f-email", email, "f-password", password), submit("/login"), visible("code.secret"))
	if got, want := b.text("main h1"), da("page.enrol.title", nil); got != want {
		b.t.Errorf("%s: enrolment page heading %q, want %q", b.name, got, want)
	}
	secret = strings.ReplaceAll(b.text("code.secret"), " ", "")
	code = mustCode(b.t, secret, time.Now())
	b.do("enrol the authenticator", fill("f-code", code), submit("/login/enrol"), visible("ol.codes code"))
	codes := b.texts("ol.codes code")
	if len(codes) == 0 || len(slices.Compact(slices.Sorted(slices.Values(codes)))) != len(codes) {
		b.t.Errorf("%s: recovery codes %q, want several distinct ones", b.name, codes)
	}
	b.do("confirm the recovery codes are saved", chromedp.Click(chromedp.CSS(`main a.button[href="/"]`)), visible("#cases-heading"))
	return secret, code
}

// invitationLink reloads the demo's mail page until the invitation to
// email is there and returns its link. The mail is sent from the job
// queue, so it may arrive a moment after the invitation was made.
func (b *tab) invitationLink(email string) string {
	b.t.Helper()
	return b.mailLink(email, "/invitation/")
}

// checkLanguageSwitch switches the open page, titled titleID, to English
// and back with the switch in the header, checking that the same page is
// shown each time.
func (b *tab) checkLanguageSwitch(cat *i18n.Catalogue, titleID string) {
	b.t.Helper()
	path := b.path()
	title := b.text("main h1")
	for _, lang := range []string{"en", "da"} {
		other := "da"
		if lang == "da" {
			other = "en"
		}
		b.do("switch to "+lang,
			chromedp.Click(chromedp.CSS(`header form.lang button[value="`+lang+`"]`)),
			visible(`header form.lang button[value="`+other+`"]`))
		if got := b.lang(); got != lang {
			b.t.Errorf("%s: after switching to %s the page is in %q", b.name, lang, got)
		}
		if got := b.path(); got != path {
			b.t.Errorf("%s: switching to %s moved from %s to %s", b.name, lang, path, got)
		}
		if lang == "en" {
			if got, want := b.text("main h1"), cat.T("en", titleID, nil); got != want {
				b.t.Errorf("%s: English heading %q, want %q", b.name, got, want)
			}
		} else if got := b.text("main h1"); got != title {
			b.t.Errorf("%s: back in Danish the heading is %q, want %q", b.name, got, title)
		}
	}
}

// checkDemoLog checks that the demo logged no errors during the journey
// and none of the secrets it saw.
func checkDemoLog(t *testing.T, log string, secrets ...string) {
	t.Helper()
	for line := range strings.Lines(log) {
		if strings.Contains(line, `"level":"ERROR"`) {
			t.Errorf("demo logged an error: %s", line)
		}
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(log, s) {
			t.Errorf("demo log contains a secret (%d characters)", len(s))
		}
	}
}

// mustCode returns the TOTP code of secret at time at.
func mustCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	code, err := totp.GenerateCode(secret, at)
	if err != nil {
		t.Fatalf("totp code: %v", err)
	}
	return code
}
