package company

import (
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// statusCount is one status's number of cases on the start page, with a
// link to the list of them.
type statusCount struct {
	Status domain.CaseStatus
	N      int
	URL    string
}

// dashboardData is the start page's case summary. It is nil for roles
// that do not see cases.
type dashboardData struct {
	Counts []statusCount // statuses that have cases, in life-cycle order
	Total  int
	// Waiting are the signed-in user's cases that the subject has
	// submitted and that now wait for them: the in-app notification.
	Waiting []*domain.Case
}

// dashboard is the start page: a summary of the cases for those who see
// cases, and what each role can do next.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "page.dashboard.title")
	if p.May.CasesRead {
		counts, err := s.Cases.Counts(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d := caseSummary(counts)
		page, err := s.Cases.List(r.Context(), domain.CaseFilter{
			HandlerID: s.stateOf(r).user.ID, Limit: 10, Sort: "submitted", Desc: true,
			Status: []domain.CaseStatus{domain.CaseSubmitted, domain.CaseAnalysing, domain.CaseReadyForReview},
		})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Waiting = page.Cases
		p.Data = d
	}
	s.render(w, r, http.StatusOK, viewDashboard, p)
}

func caseSummary(counts map[domain.CaseStatus]int) *dashboardData {
	d := &dashboardData{}
	for _, st := range domain.CaseStatuses {
		if n := counts[st]; n > 0 {
			url := caseQuery{Statuses: []domain.CaseStatus{st}}.URL("")
			d.Counts = append(d.Counts, statusCount{Status: st, N: n, URL: url})
			d.Total += n
		}
	}
	return d
}
