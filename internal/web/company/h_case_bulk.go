package company

import (
	"net/http"
	"slices"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// bulkData is the bulk page's data: the form and, after an upload, the
// report.
type bulkData struct {
	Packages []*domain.Package
	Report   *bulkReport
}

// bulkReport is a domain.BulkReport prepared for display.
type bulkReport struct {
	Rows    []bulkRow
	Created int
	Failed  int
}

// bulkRow is one CSV row's outcome with its messages translated.
type bulkRow struct {
	Line     int
	CaseID   string
	Errors   []pair // field label → message
	Warnings []string
}

// csvColumns are the columns of the bulk file, in the documented order;
// they are also the fields a row's errors are reported on.
var csvColumns = []string{"name", "email", "phone", "position", "department", "employee_number", "language"}

// fieldLabels are the labels of the fields of a new case.
var fieldLabels = map[string]string{
	"package": "field.package", "name": "field.subject_name", "email": "field.email", "phone": "field.phone",
	"position": "field.position", "department": "field.department", "employee_number": "field.employee_number",
	"language": "field.subject_language",
}

func (s *Server) bulkPage(w http.ResponseWriter, r *http.Request) (*page, []*domain.Package, error) {
	pkgs, err := s.Packages.List(r.Context(), false)
	if err != nil {
		return nil, nil, err
	}
	p := s.newPage(w, r, "page.case_bulk.title")
	p.Data = bulkData{Packages: pkgs}
	return p, pkgs, nil
}

func (s *Server) caseBulkForm(w http.ResponseWriter, r *http.Request) {
	p, _, err := s.bulkPage(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Form["package"] = r.URL.Query().Get("package")
	s.render(w, r, http.StatusOK, viewCaseBulk, p)
}

// caseBulk creates one case per valid row of an uploaded CSV file and
// shows what happened to every row.
func (s *Server) caseBulk(w http.ResponseWriter, r *http.Request) {
	p, pkgs, err := s.bulkPage(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pkgID := strings.TrimSpace(r.PostFormValue("package"))
	p.Form["package"] = pkgID
	fields := map[string]string{}
	if pkgID == "" {
		fields["package"] = "error.required"
	}
	file, _, ferr := r.FormFile("file")
	if ferr != nil {
		fields["file"] = "error.csv_file_required"
	} else {
		defer file.Close()
	}
	if len(fields) > 0 {
		s.invalid(w, r, viewCaseBulk, p, fields)
		return
	}
	rep, err := s.Cases.CreateBulk(r.Context(), pkgID, file)
	if err != nil {
		s.formError(w, r, viewCaseBulk, p, err)
		return
	}
	p.Data = bulkData{Packages: pkgs, Report: s.prepareReport(p, rep)}
	s.render(w, r, http.StatusOK, viewCaseBulk, p)
}

func (s *Server) prepareReport(p *page, rep *domain.BulkReport) *bulkReport {
	out := &bulkReport{Created: rep.Created}
	for _, row := range rep.Rows {
		br := bulkRow{Line: row.Line, CaseID: row.CaseID}
		for _, f := range sortedFields(row.Errors) {
			// A row's "file" errors are about the row as a whole (it could
			// not be read), so they carry no field label.
			label := ""
			if f != "file" {
				label = f
				if id, ok := fieldLabels[f]; ok {
					label = p.loc.T(id)
				}
			}
			br.Errors = append(br.Errors, pair{Key: label, Value: p.loc.Message(row.Errors[f])})
		}
		for _, id := range row.Warnings {
			br.Warnings = append(br.Warnings, p.loc.Message(id))
		}
		if row.CaseID == "" {
			out.Failed++
		}
		out.Rows = append(out.Rows, br)
	}
	return out
}

// sortedFields orders a row's error fields as the file's columns, then any
// others by name.
func sortedFields(errs map[string]string) []string {
	keys := make([]string, 0, len(errs))
	for k := range errs {
		keys = append(keys, k)
	}
	rank := func(k string) int {
		if i := slices.Index(csvColumns, k); i >= 0 {
			return i
		}
		return len(csvColumns)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return keys
}

// CSVColumns lists the bulk file's columns, for the page documenting it.
func (p *page) CSVColumns() []string { return csvColumns }
