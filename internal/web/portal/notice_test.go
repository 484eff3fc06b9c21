package portal

import (
	"html"
	"net/http"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/webtest"
)

// TestNoticeNamesEverythingArticle13Requires checks the privacy notice of
// a case against the information duty: controller, DPO, purposes and
// legal bases, each category's justification, sources, recipients,
// retention, rights, complaint and whether taking part is required.
func TestNoticeNamesEverythingArticle13Requires(t *testing.T) {
	for _, lang := range []string{"da", "en"} {
		t.Run(lang, func(t *testing.T) {
			e := newEnv(t)
			w := e.get(casePath(linkA, ""), withLang(lang))
			wantStatus(t, w, http.StatusOK)
			pc, _ := e.p.Open(t.Context(), linkA)
			org := map[string]any{"Org": pc.Org.Name}
			wantBody(t, w, html.EscapeString(pc.Org.Name), pc.Org.CVR, html.EscapeString(pc.Org.Address),
				pc.Org.DPOName, webtest.PortalDPOEmail, "mailto:"+webtest.PortalDPOEmail,
				"Datatilsynet", `href="https://www.datatilsynet.dk"`,
				e.text(lang, "page.portal.notice.basis.consent"),
				e.text(lang, "page.portal.notice.basis.cpr"),
				e.text(lang, "page.portal.notice.basis.criminal"),
				e.text(lang, "page.portal.notice.basis.legitimate", org),
				e.text(lang, "page.portal.notice.basis.aviation", org),
				e.text(lang, "page.portal.notice.source.mitid"),
				e.text(lang, "page.portal.notice.source.cpr"),
				e.text(lang, "page.portal.notice.source.cvr"),
				e.text(lang, "page.portal.notice.recipients_text", org),
				e.text(lang, "page.portal.notice.no_transfer"),
				e.text(lang, "page.portal.notice.retention.aviation", org),
				e.text(lang, "page.portal.notice.outcome_only"),
				e.text(lang, "page.portal.notice.recurrence", map[string]any{"Months": 12}),
				e.text(lang, "page.portal.notice.right_access"),
				e.text(lang, "page.portal.notice.right_portability"),
				e.text(lang, "page.portal.notice.right_withdraw"),
				e.text(lang, "page.portal.notice.required_text", org),
				e.text(lang, "page.portal.notice.purpose_position", map[string]any{"Org": pc.Org.Name, "Position": pc.Position}),
			)
			for _, c := range pc.Definition.Categories {
				wantBody(t, w, html.EscapeString(c.Justification), e.text(lang, categoryPrefix+string(c.Category)))
			}
		})
	}
}

// TestNoticeFollowsThePackage shows only what the package asks for: an
// ID check names no criminal-record basis and no business register, and
// an organisation without a DPO says whom to ask instead.
func TestNoticeFollowsThePackage(t *testing.T) {
	e := newEnv(t)
	w := e.get(casePath(linkB, ""))
	wantStatus(t, w, http.StatusOK)
	// Case B was created in English; with no language chosen, the page is.
	wantBody(t, w, `<html lang="en">`,
		e.text("en", "page.portal.notice.no_dpo", map[string]any{"Org": "Beta Fragt ApS"}),
		e.text("en", "page.portal.notice.retention.applicant"),
		e.text("en", "page.portal.notice.basis.cpr"))
	wantNoBody(t, w, e.text("en", "page.portal.notice.basis.criminal"), e.text("en", "page.portal.notice.source.cvr"),
		e.text("en", "page.portal.notice.outcome_only"))
	// The subject's own choice wins over the case's language.
	wantBody(t, e.get(casePath(linkB, ""), withLang("da")), `<html lang="da">`)
}

func TestNoticeCategoriesCarryTheirBases(t *testing.T) {
	pc := &domain.PortalCase{Definition: domain.PackageTemplates[len(domain.PackageTemplates)-1]}
	n := newNotice(pc)
	for _, c := range n.Categories {
		if c.Category == domain.CatChildCertificate && len(c.Bases) != 3 {
			t.Fatalf("child certificate bases = %v", c.Bases)
		}
		if c.Category == domain.CatCV && len(c.Bases) != 1 {
			t.Fatalf("CV bases = %v", c.Bases)
		}
	}
	if !n.OutcomeOnly || n.Package != pc.Definition.Name {
		t.Fatalf("notice = %+v", n)
	}
}
