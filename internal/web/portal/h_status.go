package portal

import (
	"net/http"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// statusView is the case as the subject follows it: where it is, what
// happens next, and the consents with a way to withdraw each.
type statusView struct {
	Open      bool // the subject can still work on the case
	Submitted time.Time
	Consents  []consentStatus
}

// consentStatus is one category's consent as it stands.
type consentStatus struct {
	Category  domain.Category
	Given     bool
	At        time.Time
	Withdrawn time.Time
	Withdraw  string // link to the withdrawal confirmation, "" when nothing to withdraw
}

func (s *Server) status(w http.ResponseWriter, r *http.Request) {
	st := s.stateOf(r)
	p := s.newPage(w, r, "page.portal.status.title")
	v := statusView{Open: editable(st.pc), Submitted: st.pc.SubmittedAt}
	for _, pc := range st.pc.Definition.Categories {
		cs := consentStatus{Category: pc.Category}
		if c := st.pc.Consents[pc.Category]; c != nil {
			cs.Given, cs.At, cs.Withdrawn = c.Given && c.WithdrawnAt.IsZero(), c.At, c.WithdrawnAt
		}
		if cs.Given {
			cs.Withdraw = casePath(st.link, "/consent/"+string(pc.Category)+"/withdraw")
		}
		v.Consents = append(v.Consents, cs)
	}
	p.Data = v
	s.render(w, r, http.StatusOK, viewStatus, p)
}

// withdrawable returns the category of the path when the subject has a
// standing consent for it in this case, answering 404 otherwise.
func (s *Server) withdrawable(w http.ResponseWriter, r *http.Request) (domain.Category, bool) {
	st := s.stateOf(r)
	c := domain.Category(r.PathValue("category"))
	if cons := st.pc.Consents[c]; !c.Valid() || !st.pc.Definition.Has(c) || cons == nil || !cons.Given || !cons.WithdrawnAt.IsZero() {
		s.errorPage(w, r, http.StatusNotFound, "")
		return "", false
	}
	return c, true
}

// withdrawForm asks the subject to confirm the withdrawal and says what
// it means.
func (s *Server) withdrawForm(w http.ResponseWriter, r *http.Request) {
	c, ok := s.withdrawable(w, r)
	if !ok {
		return
	}
	p := s.newPage(w, r, "page.portal.withdraw.title")
	p.Data = c
	s.render(w, r, http.StatusOK, viewWithdraw, p)
}

// withdraw withdraws consent for one category. Withdrawing may close the
// case, after which its link no longer opens it; the subject then gets the
// confirmation at once rather than a page that cannot be shown.
func (s *Server) withdraw(w http.ResponseWriter, r *http.Request) {
	c, ok := s.withdrawable(w, r)
	if !ok {
		return
	}
	st := s.stateOf(r)
	if err := s.Portal.WithdrawConsent(r.Context(), st.token, c); err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.Portal.Open(r.Context(), st.link); err != nil {
		if !domain.IsNotFound(err) {
			s.logError(r, err)
		}
		p := s.newPage(w, r, "page.portal.withdrawn.title")
		p.Data = messageData{
			Message: p.loc.T("flash.portal.consent_withdrawn"),
			Help:    []string{p.loc.T("page.portal.withdrawn.closed", map[string]any{"Org": st.pc.Org.Name})},
		}
		s.render(w, r, http.StatusOK, viewMessage, p)
		return
	}
	s.setFlash(w, "flash.portal.consent_withdrawn")
	s.redirect(w, r, casePath(st.link, "/status"))
}
