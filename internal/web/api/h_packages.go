package api

import (
	"net/http"
)

func (s *Server) packagesList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := checkQuery(q, "include_archived"); err != nil {
		return err
	}
	archived := false
	switch q.Get("include_archived") {
	case "", "false":
	case "true":
		archived = true
	default:
		return malformed("include_archived", "invalid", "include_archived must be true or false.")
	}
	pkgs, err := s.Packages.List(r.Context(), archived)
	if err != nil {
		return err
	}
	out := struct {
		Data []packageJSON `json:"data"`
	}{Data: []packageJSON{}}
	for _, p := range pkgs {
		out.Data = append(out.Data, packageOf(p))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) packageGet(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r.URL.Query()); err != nil {
		return err
	}
	p, err := s.Packages.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, packageOf(p))
}
