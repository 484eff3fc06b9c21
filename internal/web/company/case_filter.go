package company

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// caseQuery is the case list's filter as the form and the query string
// hold it. Links to further pages are built from it, so a page keeps the
// filters the list was opened with.
type caseQuery struct {
	Form     map[string]string // single-valued fields
	Statuses []domain.CaseStatus
}

// caseFilterKeys are the single-valued fields of the filter form, in the
// order they appear in links.
var caseFilterKeys = []string{"q", "package", "handler", "created_from", "created_to", "submitted_from", "submitted_to", "sort", "dir"}

var caseSorts = []string{"created", "updated", "submitted", "status"}

// Defaults: newest cases first.
const (
	defaultCaseSort = "created"
	defaultCaseDir  = "desc"
	maxCursorLen    = 512
)

// parseCaseFilter reads the case list's query string; fields holds
// messages for values that could not be read.
func parseCaseFilter(q url.Values, loc *time.Location) (f domain.CaseFilter, cq caseQuery, fields map[string]string) {
	cq.Form, fields = map[string]string{}, map[string]string{}
	for _, k := range caseFilterKeys {
		cq.Form[k] = clip(strings.TrimSpace(q.Get(k)), maxFilterLen)
	}
	cq.Form["q"] = clip(strings.TrimSpace(q.Get("q")), maxQueryLen)
	if !slices.Contains(caseSorts, cq.Form["sort"]) {
		cq.Form["sort"] = defaultCaseSort
	}
	if cq.Form["dir"] != "asc" {
		cq.Form["dir"] = defaultCaseDir
	}
	for _, v := range q["status"] {
		if st := domain.CaseStatus(v); st.Valid() && !slices.Contains(cq.Statuses, st) {
			cq.Statuses = append(cq.Statuses, st)
		}
	}
	f = domain.CaseFilter{
		Status: cq.Statuses, PackageID: cq.Form["package"], HandlerID: cq.Form["handler"], Query: cq.Form["q"],
		Sort: cq.Form["sort"], Desc: cq.Form["dir"] == "desc",
	}
	f.CreatedFrom, f.CreatedTo = dateRange(cq.Form, "created_from", "created_to", loc, fields)
	f.SubmittedFrom, f.SubmittedTo = dateRange(cq.Form, "submitted_from", "submitted_to", loc, fields)
	if after := q.Get("after"); len(after) <= maxCursorLen {
		f.After = after
	}
	return f, cq, fields
}

// dateRange reads an inclusive range of whole days from form[from] and
// form[to], adding a message to fields for each value it cannot use.
func dateRange(form map[string]string, from, to string, loc *time.Location, fields map[string]string) (start, end time.Time) {
	var err error
	if start, err = parseDate(form[from], loc); err != nil {
		fields[from] = "error.date"
	}
	if end, err = parseDate(form[to], loc); err != nil {
		fields[to] = "error.date"
	} else if !end.IsZero() {
		end = end.AddDate(0, 0, 1).Add(-time.Nanosecond)
	}
	if fields[from] == "" && fields[to] == "" && !start.IsZero() && !end.IsZero() && end.Before(start) {
		fields[to] = "error.date_range"
	}
	return start, end
}

// URL returns the list's address with the filter and, when after is set,
// the cursor of the page to show. Defaults are left out to keep links
// short.
func (cq caseQuery) URL(after string) string {
	v := url.Values{}
	for _, k := range caseFilterKeys {
		val := cq.Form[k]
		if val == "" || k == "sort" && val == defaultCaseSort || k == "dir" && val == defaultCaseDir {
			continue
		}
		v.Set(k, val)
	}
	for _, st := range cq.Statuses {
		v.Add("status", string(st))
	}
	if after != "" {
		v.Set("after", after)
	}
	if len(v) == 0 {
		return "/cases"
	}
	return "/cases?" + v.Encode()
}

// Has reports whether status st is among the chosen ones.
func (cq caseQuery) Has(st domain.CaseStatus) bool { return slices.Contains(cq.Statuses, st) }

// Advanced reports whether a filter beyond search, package and handler is
// set, so the page shows those filters open.
func (cq caseQuery) Advanced() bool {
	for _, k := range []string{"created_from", "created_to", "submitted_from", "submitted_to"} {
		if cq.Form[k] != "" {
			return true
		}
	}
	return len(cq.Statuses) > 0 || cq.Form["sort"] != defaultCaseSort || cq.Form["dir"] != defaultCaseDir
}
