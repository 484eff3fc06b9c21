package portal

import (
	"net/http"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// landingData is the case's first page: who asks and why, the privacy
// notice, the consent questions and the ways to sign in.
type landingData struct {
	Notice      notice
	Consent     consentView
	ShowConsent bool   // the consent form, rather than the answers given
	Continue    string // where a signed-in subject goes on, "" otherwise
	CanSignIn   bool   // every question answered
	CanChange   bool   // the answers may still be changed here
}

// The link travels in the path because an e-mailed link must carry it. It
// stays out of logs (RedactPath) and out of Referer headers
// (Referrer-Policy: no-referrer), and the page loads nothing from
// elsewhere.

func (s *Server) landing(w http.ResponseWriter, r *http.Request) {
	st := s.stateOf(r)
	p := s.newPage(w, r, "page.portal.landing.title")
	change := r.URL.Query().Get("consent") == "change"
	p.Data = s.landingData(st, newConsentView(st.loc, st.pc), change || !st.pc.ConsentDone)
	s.render(w, r, http.StatusOK, viewLanding, p)
}

func (s *Server) landingData(st *state, v consentView, showConsent bool) landingData {
	d := landingData{Notice: newNotice(st.pc), Consent: v, ShowConsent: showConsent, CanSignIn: st.pc.ConsentDone, CanChange: editable(st.pc)}
	d.ShowConsent = d.ShowConsent && d.CanChange
	if st.bound() {
		d.Continue = casePath(st.link, "/wizard")
		if !editable(st.pc) {
			d.Continue = casePath(st.link, "/status")
		}
	}
	return d
}

// editable reports whether the subject may still change the case: it is
// open and not yet submitted.
func editable(pc *domain.PortalCase) bool { return pc.Status.Open() && pc.SubmittedAt.IsZero() }

// maxUserAgent bounds the user agent kept as proof with a consent or a
// sign-in.
const maxUserAgent = 512

func (s *Server) clientMeta(r *http.Request) domain.ClientMeta {
	ua := r.UserAgent()
	if len(ua) > maxUserAgent {
		ua = ua[:maxUserAgent]
	}
	return domain.ClientMeta{IP: domain.RequestFrom(r.Context()).IP, UserAgent: strings.ToValidUTF8(ua, "")}
}
