package portal

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
)

// consentPrefix starts the form name of each category's answer.
const consentPrefix = "consent."

// consentView is the consent form exactly as the subject reads it. Every
// text is rendered here, in Go, so that the version stored as proof is
// computed from the very strings the page shows.
type consentView struct {
	Heading, Intro, Yes, No, WhyLabel, Withdraw, Voluntary string
	Items                                                  []consentItem
	Version                                                string
}

// consentItem is one category's question.
type consentItem struct {
	Category  domain.Category
	Name      string // form name of the answer
	Title     string
	What      string // what is collected, in plain words
	Why       string // the organisation's justification
	Answer    string // "yes", "no" or "" before answering
	Withdrawn bool
}

// consentVersionPrefix names the scheme of consentVersion; change it if
// the way the version is computed ever changes.
const consentVersionPrefix = "v1-"

func newConsentView(loc *i18n.Localizer, pc *domain.PortalCase) consentView {
	org := map[string]any{"Org": pc.Org.Name}
	v := consentView{
		Heading:   loc.T("page.portal.consent.heading"),
		Intro:     loc.T("page.portal.consent.intro", org),
		Yes:       loc.T("page.portal.consent.yes"),
		No:        loc.T("page.portal.consent.no"),
		WhyLabel:  loc.T("page.portal.consent.why", org),
		Withdraw:  loc.T("page.portal.consent.withdraw_note"),
		Voluntary: loc.T("page.portal.consent.voluntary", org),
	}
	for _, c := range pc.Definition.Categories {
		it := consentItem{
			Category: c.Category,
			Name:     consentPrefix + string(c.Category),
			Title:    loc.T(categoryPrefix + string(c.Category)),
			What:     loc.T(categoryWhat + string(c.Category)),
			Why:      c.Justification,
		}
		if prev := pc.Consents[c.Category]; prev != nil {
			it.Withdrawn = !prev.WithdrawnAt.IsZero()
			it.Answer = "no"
			if prev.Given && !it.Withdrawn {
				it.Answer = "yes"
			}
		}
		v.Items = append(v.Items, it)
	}
	v.Version = v.version(loc.Lang())
	return v
}

// version identifies the wording shown: "v1-" and the first 12 hex digits
// of SHA-256 over the language and every text of the form, each ended by
// a zero byte. The same wording always gives the same version; any change
// to a text, a justification or the set of categories gives another.
func (v consentView) version(lang string) string {
	h := sha256.New()
	write := func(texts ...string) {
		for _, t := range texts {
			h.Write([]byte(t))
			h.Write([]byte{0})
		}
	}
	write(lang, v.Heading, v.Intro, v.Yes, v.No, v.WhyLabel, v.Withdraw, v.Voluntary)
	for _, it := range v.Items {
		write(string(it.Category), it.Title, it.What, it.Why)
	}
	return consentVersionPrefix + hex.EncodeToString(h.Sum(nil))[:12]
}

// consent records the subject's answer for every category of the
// package. Each needs an explicit yes or no; the version of the wording
// the subject read travels with the form and must still be the current
// one, so the proof names the text actually shown.
func (s *Server) consent(w http.ResponseWriter, r *http.Request) {
	st := s.stateOf(r)
	view := newConsentView(st.loc, st.pc)
	given := map[domain.Category]bool{}
	fields := map[string]string{}
	for i := range view.Items {
		it := &view.Items[i]
		switch a := r.PostFormValue(it.Name); a {
		case "yes", "no":
			it.Answer, given[it.Category] = a, a == "yes"
		default:
			it.Answer = ""
			fields[it.Name] = "error.portal.consent_choose"
		}
	}
	p := s.newPage(w, r, "page.portal.landing.title")
	p.Data = s.landingData(st, view, true)
	if len(fields) > 0 {
		s.invalid(w, r, viewLanding, p, fields)
		return
	}
	if r.PostFormValue("text_version") != view.Version {
		s.showFormError(w, r, viewLanding, p, domain.Errorf(domain.EConflict, "error.portal.consent_changed"), http.StatusConflict)
		return
	}
	if err := s.Portal.GiveConsents(r.Context(), st.link, given, view.Version, s.clientMeta(r)); err != nil {
		s.formError(w, r, viewLanding, p, err)
		return
	}
	s.setFlash(w, "flash.portal.consent_saved")
	s.redirect(w, r, casePath(st.link, "#signin"))
}
