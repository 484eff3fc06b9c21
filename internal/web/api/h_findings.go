package api

import (
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
)

type findingsResponse struct {
	// Analysis is null until the case has been analysed.
	Analysis *analysisJSON `json:"analysis"`
	Data     []findingJSON `json:"data"`
}

// analysis returns a case's newest analysis, or nil when the case exists
// but has not been analysed yet. The service answers not-found for both;
// the timeline tells them apart without auditing a read of the subject.
func (s *Server) analysis(r *http.Request, caseID string) (*domain.Analysis, error) {
	an, err := s.Cases.Analysis(r.Context(), caseID)
	if !domain.IsNotFound(err) {
		return an, err
	}
	if _, terr := s.Cases.Timeline(r.Context(), caseID); terr != nil {
		return nil, terr
	}
	return nil, nil
}

func (s *Server) findingsList(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r.URL.Query()); err != nil {
		return err
	}
	an, err := s.analysis(r, r.PathValue("id"))
	if err != nil {
		return err
	}
	out := findingsResponse{Data: []findingJSON{}}
	if an != nil {
		out.Analysis = analysisOf(an)
		for _, f := range an.Findings {
			out.Data = append(out.Data, findingOf(f))
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

type resolveRequest struct {
	Note string `json:"note"`
}

func (s *Server) findingResolve(w http.ResponseWriter, r *http.Request) error {
	var req resolveRequest
	if err := decode(r, &req); err != nil {
		return err
	}
	caseID, key := r.PathValue("id"), r.PathValue("key")
	if err := s.Cases.ResolveFinding(r.Context(), caseID, key, req.Note); err != nil {
		return err
	}
	an, err := s.analysis(r, caseID)
	if err != nil {
		return err
	}
	if an != nil {
		for _, f := range an.Findings {
			if f.Key == key {
				return writeJSON(w, http.StatusOK, findingOf(f))
			}
		}
	}
	return domain.Errorf(domain.ENotFound, "error.not_found")
}
