package main

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"
)

// screenshotDirEnv names a folder for screenshots of the browser journey;
// unset, none are taken.
const screenshotDirEnv = "BGCHECK_TEST_SCREENSHOTS"

// newPhone opens a tab in a browser context of its own that emulates an
// iPhone X (375×812 CSS pixels, mobile layout, touch), like a subject
// opening the e-mailed link on a phone. close ends the context as closing
// the browser does: its cookies go with it.
func newPhone(t *testing.T, browser context.Context, base, name string) (b *tab, close func()) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// The first Run opens the tab and binds it to ctx, so it runs without
	// a step timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("%s: open tab: %v", name, err)
	}
	b = &tab{t: t, name: name, ctx: ctx, base: base}
	b.do("emulate a phone", chromedp.Emulate(device.IPhoneX))
	return b, func() {
		t.Helper()
		if err := chromedp.Cancel(ctx); err != nil {
			t.Fatalf("%s: close the browser: %v", name, err)
		}
	}
}

// fitsScreen is true when the page is no wider than the phone's screen. A
// mobile browser widens its viewport to hold content that is too wide
// (and so window.innerWidth with it), so the page is measured against
// the screen.
const fitsScreen = `Math.max(document.documentElement.scrollWidth, window.innerWidth) <= screen.width`

// checkFits fails the test when the page scrolls sideways on the phone,
// naming the elements whose right edge sets the page's width.
func (b *tab) checkFits(page string) {
	b.t.Helper()
	if value(b, "measure "+page, chromedp.Evaluate[bool](fitsScreen)) {
		return
	}
	wide := value(b, "find what sticks out of "+page, chromedp.Evaluate[[]string](`(() => {
		const d = document.documentElement;
		const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
			(typeof e.className === "string" && e.className ? "." + e.className.trim().split(/\s+/).join(".") : "");
		const out = [], all = Array.from(document.querySelectorAll("body *"));
		const edge = all.filter(e => Math.abs(e.getBoundingClientRect().right - d.scrollWidth) < 1);
		for (const e of (edge.length ? edge : all.filter(e => e.getBoundingClientRect().right > screen.width)).slice(0, 8)) {
			out.push(name(e) + " in " + (e.parentElement ? name(e.parentElement) : "the document"));
		}
		return ["page " + d.scrollWidth + " wide, viewport " + window.innerWidth + ", screen " + screen.width].concat(out);
	})()`))
	b.t.Errorf("%s: %s scrolls sideways on a phone: %s", b.name, page, strings.Join(wide, "; "))
}

// mailLink reloads the demo's mail page until a mail to email holds a
// link whose address contains part, and returns the link. Mail is sent
// from the job queue, so it may arrive a moment after it was queued.
func (b *tab) mailLink(email, part string) string {
	b.t.Helper()
	find := `(() => {
		for (const m of document.querySelectorAll("article.mail")) {
			const to = m.querySelector("dl.facts dd");
			if (!to || !to.textContent.includes(` + jsString(email) + `)) continue;
			for (const a of m.querySelectorAll("pre a")) {
				if (a.href.includes(` + jsString(part) + `)) return a.href;
			}
		}
		return "";
	})()`
	deadline := time.Now().Add(stepTimeout)
	for {
		b.open("/dev/mail", "main h1")
		if link := value(b, "look for the mail", chromedp.Evaluate[string](find)); link != "" {
			return link
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("%s: no mail to %s with a %s link on /dev/mail within %s\n%s", b.name, email, part, stepTimeout, b.describe())
		}
		select {
		case <-time.After(100 * time.Millisecond):
		case <-b.ctx.Done():
			b.t.Fatalf("%s: browser ended while waiting for mail", b.name)
		}
	}
}

// screenshot saves the whole page as name in the folder screenshotDirEnv
// names, when it names one.
func (b *tab) screenshot(name string) {
	b.t.Helper()
	dir := os.Getenv(screenshotDirEnv)
	if dir == "" {
		return
	}
	img := value(b, "take a screenshot", chromedp.FullScreenshot(100))
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, img, 0o644); err != nil {
		b.t.Fatalf("save screenshot: %v", err)
	}
	b.t.Logf("screenshot of %s saved as %s", b.name, path)
}

// The size of the pictures writePNG writes.
const pngWidth, pngHeight = 120, 80

// writePNG writes a small picture, a stand-in for a photographed
// document, and returns its path and content. The shade makes pictures
// of different documents differ.
func writePNG(t *testing.T, name string, shade uint8) (path string, content []byte) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, pngWidth, pngHeight))
	for y := range pngHeight {
		for x := range pngWidth {
			img.Set(x, y, color.RGBA{R: shade, G: uint8(2 * x), B: uint8(3 * y), A: 255})
		}
	}
	path = filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	content, err = os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, content
}
