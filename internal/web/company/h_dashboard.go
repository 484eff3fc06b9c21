package company

import "net/http"

// dashboard is the start page. Cases arrive later; until then it points
// each role to what it can do now.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, viewDashboard, s.newPage(w, r, "page.dashboard.title"))
}
