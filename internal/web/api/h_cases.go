package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Case list page sizes.
const (
	defaultCaseLimit = 50
	maxCaseLimit     = 100
)

// caseFields maps the case service's field names (the company form's) to
// the API's.
var caseFields = map[string]string{"package": "package_id", "name": "subject_name", "email": "subject_email"}

type caseCreateRequest struct {
	PackageID      string `json:"package_id"`
	SubjectName    string `json:"subject_name"`
	SubjectEmail   string `json:"subject_email"`
	Language       string `json:"language"`
	Phone          string `json:"phone"`
	Position       string `json:"position"`
	Department     string `json:"department"`
	EmployeeNumber string `json:"employee_number"`
}

type caseCreated struct {
	caseJSON
	Warnings []string `json:"warnings"`
}

func (s *Server) caseCreate(w http.ResponseWriter, r *http.Request) error {
	var req caseCreateRequest
	if err := decode(r, &req); err != nil {
		return err
	}
	c, warnings, err := s.Cases.Create(r.Context(), domain.NewCase{
		PackageID: req.PackageID, SubjectName: req.SubjectName, SubjectEmail: req.SubjectEmail, Language: req.Language,
		Phone: req.Phone, Position: req.Position, Department: req.Department, EmployeeNumber: req.EmployeeNumber,
	})
	if err != nil {
		return withFieldNames(err, caseFields)
	}
	// Read back for the times the invitation set (invited, link expiry).
	if c, err = s.Cases.Get(r.Context(), c.ID); err != nil {
		return err
	}
	if warnings == nil {
		warnings = []string{}
	}
	return writeJSON(w, http.StatusCreated, caseCreated{caseJSON: caseOf(c), Warnings: warnings})
}

func (s *Server) casesList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := checkQuery(q, "status", "package_id", "created_after", "created_before", "limit", "cursor", "order"); err != nil {
		return err
	}
	f := domain.CaseFilter{PackageID: q.Get("package_id"), After: q.Get("cursor"), Limit: defaultCaseLimit, Desc: true}
	for _, st := range strings.FieldsFunc(q.Get("status"), func(r rune) bool { return r == ',' }) {
		if !domain.CaseStatus(st).Valid() {
			return malformed("status", "invalid", "Unknown case status "+strconv.Quote(st)+".")
		}
		f.Status = append(f.Status, domain.CaseStatus(st))
	}
	var err error
	if f.CreatedFrom, err = timeParam(q.Get("created_after"), "created_after"); err != nil {
		return err
	}
	if f.CreatedTo, err = timeParam(q.Get("created_before"), "created_before"); err != nil {
		return err
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxCaseLimit {
			return malformed("limit", "invalid", "limit must be a whole number from 1 to 100.")
		}
		f.Limit = n
	}
	switch q.Get("order") {
	case "", "desc":
	case "asc":
		f.Desc = false
	default:
		return malformed("order", "invalid", "order must be asc or desc.")
	}
	page, err := s.Cases.List(r.Context(), f)
	if domain.ErrorCode(err) == domain.EInvalid && f.After != "" {
		return malformed("cursor", "invalid", "The cursor is not one this API returned.")
	}
	if err != nil {
		return err
	}
	out := struct {
		Data []caseJSON `json:"data"`
		Next *string    `json:"next"`
	}{Data: []caseJSON{}}
	for _, c := range page.Cases {
		out.Data = append(out.Data, caseOf(c))
	}
	if page.Next != "" {
		out.Next = &page.Next
	}
	return writeJSON(w, http.StatusOK, out)
}

// timeParam parses an RFC 3339 query parameter; "" is the zero time.
func timeParam(v, name string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return t, malformed(name, "invalid", name+" must be an RFC 3339 time, e.g. 2026-03-01T00:00:00Z.")
	}
	return t, nil
}

func (s *Server) caseGet(w http.ResponseWriter, r *http.Request) error {
	if err := checkQuery(r.URL.Query()); err != nil {
		return err
	}
	c, err := s.Cases.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, caseOf(c))
}

type cancelRequest struct {
	Reason string `json:"reason"`
}

func (s *Server) caseCancel(w http.ResponseWriter, r *http.Request) error {
	var req cancelRequest
	if err := decode(r, &req); err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := s.Cases.Cancel(r.Context(), id, req.Reason); err != nil {
		return err
	}
	return s.caseGet(w, r)
}

type resendRequest struct{}

func (s *Server) caseResend(w http.ResponseWriter, r *http.Request) error {
	if err := decode(r, &resendRequest{}); err != nil {
		return err
	}
	if err := s.Cases.ResendInvitation(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	return s.caseGet(w, r)
}
