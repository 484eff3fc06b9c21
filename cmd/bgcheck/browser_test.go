package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// stepTimeout bounds one browser step: a page load plus a password hash,
// slow under -race but never this slow unless something hangs.
const stepTimeout = 45 * time.Second

// chromiumPath returns the path of Debian's chromium. Without it the test
// is skipped, except on CI, where the browser test must run.
func chromiumPath(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("chromium is not installed but CI=true: the browser test must run (%v)", err)
	}
	t.Skipf("chromium is not installed: %v", err)
	return ""
}

// newBrowser starts a headless Chromium whose user prefers Danish, with a
// fresh profile, and returns a context for its first tab. The browser
// stops when the test ends.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		// Headless Chromium asks for en-US unless told otherwise.
		chromedp.Flag("accept-lang", "da,en;q=0.5"),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// The first Run starts the browser and binds it to ctx, so it runs
	// without a step timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// tab is one browser tab on the demo server.
type tab struct {
	t    *testing.T
	name string // who uses the tab, for failure messages
	ctx  context.Context
	base string // the server's URL
}

// newTab opens a tab for name. With private set the tab gets a browser
// context of its own, like a second person on another machine: no
// cookies are shared.
func newTab(t *testing.T, browser context.Context, base, name string, private bool) *tab {
	t.Helper()
	var opts []chromedp.ContextOption
	if private {
		opts = append(opts, chromedp.WithNewBrowserContext())
	}
	ctx, cancel := chromedp.NewContext(browser, opts...)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("%s: open tab: %v", name, err)
	}
	return &tab{t: t, name: name, ctx: ctx, base: base}
}

// do runs steps within stepTimeout and fails the test, showing where the
// tab is and what it shows, when they fail.
func (b *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("%s: %s: %v\n%s", b.name, what, err, b.describe())
	}
}

// value runs one action that returns a value, like do.
func value[T any](b *tab, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.t.Fatalf("%s: %s: %v\n%s", b.name, what, err, b.describe())
	}
	return v
}

// describe reports the tab's address and the text of its main element.
func (b *tab) describe() string {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "page unavailable: " + err.Error()
	}
	body, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if err != nil {
		body = err.Error()
	}
	return "page " + loc + ":\n" + body
}

// open navigates to path and waits until ready is visible.
func (b *tab) open(path, ready string) {
	b.t.Helper()
	b.do("open "+path, chromedp.Navigate(b.base+path), chromedp.WaitVisible(chromedp.CSS(ready)))
}

// text returns the visible text of the first element matching sel.
func (b *tab) text(sel string) string {
	b.t.Helper()
	return strings.TrimSpace(value(b, "read "+sel, chromedp.Text(chromedp.CSS(sel))))
}

// texts returns the text of every element matching sel, in page order.
func (b *tab) texts(sel string) []string {
	b.t.Helper()
	return value(b, "read all "+sel, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll(`+jsString(sel)+`), e => e.textContent.trim())`))
}

// lang returns the language the page declares on its html element.
func (b *tab) lang() string {
	b.t.Helper()
	return value(b, "read the page language", chromedp.Evaluate[string](`document.documentElement.lang`))
}

// path returns the path of the tab's address.
func (b *tab) path() string {
	b.t.Helper()
	loc := value(b, "read the address", chromedp.Location())
	return strings.TrimPrefix(loc, b.base)
}

// fill types each value into the input with the id that precedes it.
func fill(idValue ...string) chromedp.Action[chromedp.Void] {
	if len(idValue)%2 != 0 {
		return chromedp.Func(func(context.Context, *chromedp.Target) error {
			return errors.New("fill needs id, value pairs")
		})
	}
	var steps []chromedp.Action[chromedp.Void]
	for i := 0; i < len(idValue); i += 2 {
		steps = append(steps, chromedp.SendKeys(chromedp.ID(idValue[i]), idValue[i+1]))
	}
	return chromedp.Steps(steps...)
}

// submit clicks the submit button of the form in main that posts to action.
func submit(action string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.CSS(`main form[action="` + action + `"] button[type="submit"]`))
}

// visible waits until an element matching the CSS selector is visible.
func visible(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.CSS(sel))
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}
