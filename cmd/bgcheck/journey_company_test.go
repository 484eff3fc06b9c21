package main

import (
	"encoding/base64"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/mitid/devprovider"
)

// The case handler's steps in the company pages.

// createCase starts a case for subject with the package named pkg, in
// Danish, and returns the case's id.
func (b *tab) createCase(pkg, subject string, da func(string, map[string]any) string) string {
	b.t.Helper()
	b.open("/cases/new", `main form[action="/cases/new"]`)
	id := value(b, "find the package "+pkg, chromedp.Evaluate[string](
		`(Array.from(document.querySelectorAll("#f-package option")).find(o => o.textContent.trim() === `+jsString(pkg)+`) || {value: ""}).value`))
	if id == "" {
		b.t.Fatalf("%s: the new-case form offers no package %q\n%s", b.name, pkg, b.describe())
	}
	b.do("create the case",
		chromedp.SetValue(chromedp.ID("f-package"), id),
		fill("f-name", subject, "f-email", subjectEmail),
		chromedp.Click(chromedp.ID("f-language-da")),
		submit("/cases/new"),
		visible("#timeline-heading"))
	if got, want := b.text("main .flash"), da("flash.case_created", nil); got != want {
		b.t.Errorf("%s: after creating the case the flash says %q, want %q", b.name, got, want)
	}
	if got := b.text("main h1"); got != subject {
		b.t.Errorf("%s: the case page is headed %q, want %q", b.name, got, subject)
	}
	caseID, ok := strings.CutPrefix(b.path(), "/cases/")
	if !ok || caseID == "" || strings.ContainsAny(caseID, "/?#") {
		b.t.Fatalf("%s: after creating the case the page is %s, want /cases/ID", b.name, b.path())
	}
	return caseID
}

// checkSubmission opens the case and checks that it shows the subject's
// submission, the identity bound without a name mismatch, and the CPR
// number only masked.
func (b *tab) checkSubmission(caseID string, who devprovider.Identity, da func(string, map[string]any) string) {
	b.t.Helper()
	b.open("/cases/"+caseID, "#subject-data-heading")
	if got, want := b.text("main .lead .status"), statusLabels(da, "status.case.", afterSubmission); !slices.Contains(want, got) {
		b.t.Errorf("%s: the case's status is %q, want one of %q", b.name, got, want)
	}
	data := b.text(`section[aria-labelledby="subject-data-heading"]`)
	for _, want := range []string{subjectAddress, subjectPostcode + " " + subjectCity, domain.MaskCPR(who.CPR)} {
		if !strings.Contains(data, want) {
			b.t.Errorf("%s: the submission does not show %q:\n%s", b.name, want, data)
		}
	}
	if strings.Contains(b.text("body"), who.CPR) {
		b.t.Errorf("%s: the case page shows the whole CPR number", b.name)
	}
	events := b.texts("ol.timeline li strong")
	for _, want := range []string{"case.event.identity.bound", "case.event.case.submitted"} {
		if !slices.Contains(events, da(want, nil)) {
			b.t.Errorf("%s: the timeline has no %q; it has %q", b.name, da(want, nil), events)
		}
	}
	if mismatch := da("case.event.identity.name_mismatch", nil); slices.Contains(events, mismatch) {
		b.t.Errorf("%s: the timeline reports %q although the invited name is the MitID name %q", b.name, mismatch, who.Name)
	}
}

// caseDocument is a document link on the case page and what fetching it
// gave.
type caseDocument struct {
	Name        string `json:"name"`
	Href        string `json:"href"`
	Status      int    `json:"status"`
	Type        string `json:"type"`
	Disposition string `json:"disposition"`
	Body        string `json:"body"` // base64
}

// fetchDocuments lists the open case page's document links and fetches
// each with the page's session.
const fetchDocuments = `Promise.all(Array.from(
	document.querySelectorAll('section[aria-labelledby="subject-data-heading"] a[href*="/documents/"]'),
	async a => {
		const r = await fetch(a.href, {credentials: "same-origin"});
		const bytes = new Uint8Array(await r.arrayBuffer());
		return {name: a.textContent.trim(), href: a.href, status: r.status,
			type: r.headers.get("Content-Type") || "", disposition: r.headers.get("Content-Disposition") || "",
			body: btoa(String.fromCharCode(...bytes))};
	}))`

// checkDocuments checks that the open case page links each of files, by
// name, to exactly the uploaded content, and that clicking a link opens
// the document in a new tab.
func (b *tab) checkDocuments(files map[string][]byte) {
	b.t.Helper()
	docs := value(b, "fetch the documents", chromedp.Evaluate[[]caseDocument](fetchDocuments, chromedp.EvalAwaitPromise))
	var names []string
	for _, d := range docs {
		names = append(names, d.Name)
		want, known := files[d.Name]
		switch {
		case !known:
		case d.Status != 200 || d.Type != "image/png" || !strings.HasPrefix(d.Disposition, "inline"):
			b.t.Errorf("%s: document %s is served with %d, %q, %q; want 200, image/png, inline", b.name, d.Name, d.Status, d.Type, d.Disposition)
		case d.Body != base64.StdEncoding.EncodeToString(want):
			b.t.Errorf("%s: document %s is not the file uploaded", b.name, d.Name)
		}
	}
	if want := slices.Sorted(maps.Keys(files)); !slices.Equal(slices.Sorted(slices.Values(names)), want) {
		b.t.Fatalf("%s: the case lists documents %q, want %q", b.name, names, want)
	}
	b.openDocument(docs[0])
}

// openDocument clicks the link to d, which opens a new tab, and checks
// that the tab shows the picture.
func (b *tab) openDocument(d caseDocument) {
	b.t.Helper()
	opened := chromedp.WaitNewTarget(b.ctx, func(info *target.Info) bool { return info.URL == d.Href })
	b.do("click the document "+d.Name, chromedp.Click(chromedp.CSS(`section[aria-labelledby="subject-data-heading"] a[href$="`+strings.TrimPrefix(d.Href, b.base)+`"]`)))
	var id target.ID
	select {
	case id = <-opened:
	case <-time.After(stepTimeout):
		b.t.Fatalf("%s: clicking the document %s opened no tab within %s", b.name, d.Name, stepTimeout)
	}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(id))
	defer cancel()
	// The first Run attaches to the tab for as long as ctx lives.
	if err := chromedp.Do(ctx); err != nil {
		b.t.Fatalf("%s: attach to the document tab: %v", b.name, err)
	}
	doc := &tab{t: b.t, name: b.name + "'s document tab", ctx: ctx, base: b.base}
	width := value(doc, "wait for the picture", chromedp.Poll[int](
		`document.readyState === "complete" && document.images.length === 1 && document.images[0].naturalWidth`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout)))
	if got := value(doc, "read the document type", chromedp.Evaluate[string](`document.contentType`)); got != "image/png" || width != pngWidth {
		b.t.Errorf("%s: the document tab shows %s %d pixels wide, want the %d pixel wide PNG", b.name, got, width, pngWidth)
	}
}
