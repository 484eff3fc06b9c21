package company

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

const (
	auditPerPage = 50
	maxFilterLen = 100
	dateLayout   = "2006-01-02" // what <input type="date"> sends
)

// auditData is the audit log page's data.
type auditData struct {
	Entries   []auditRow
	OlderURL  string // next page of older entries, "" at the end
	NewestURL string // back to the newest entries, "" when already there
}

// auditRow is one entry prepared for display.
type auditRow struct {
	*domain.AuditEntry
	Label   string // translated action, or the action code itself
	Details []pair
}

// pair is one key and value, in a stable order.
type pair struct{ Key, Value string }

func sortedPairs(m map[string]string) []pair {
	ps := make([]pair, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		ps = append(ps, pair{k, m[k]})
	}
	return ps
}

var auditFilterKeys = []string{"action", "actor", "target", "from", "to"}

// parseAuditFilter reads the filter form; fields holds messages for
// fields that could not be read.
func parseAuditFilter(q url.Values, loc *time.Location) (f domain.AuditFilter, form, fields map[string]string) {
	form, fields = map[string]string{}, map[string]string{}
	for _, k := range auditFilterKeys {
		form[k] = clip(strings.TrimSpace(q.Get(k)), maxFilterLen)
	}
	f.Action, f.ActorID, f.TargetID = form["action"], form["actor"], form["target"]
	var err error
	if f.From, err = parseDate(form["from"], loc); err != nil {
		fields["from"] = "error.date"
	}
	if f.To, err = parseDate(form["to"], loc); err != nil {
		fields["to"] = "error.date"
	} else if !f.To.IsZero() {
		// The filter is inclusive: "to" covers the whole day.
		f.To = f.To.AddDate(0, 0, 1).Add(-time.Nanosecond)
	}
	if len(fields) == 0 && !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		fields["to"] = "error.date_range"
	}
	if before, err := strconv.ParseInt(q.Get("before"), 10, 64); err == nil && before > 0 {
		f.BeforeSeq = before
	}
	return f, form, fields
}

func parseDate(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.ParseInLocation(dateLayout, s, loc)
}

func (s *Server) auditList(w http.ResponseWriter, r *http.Request) {
	f, form, fields := parseAuditFilter(r.URL.Query(), s.cfg.Location)
	p := s.newPage(w, r, "page.audit.title")
	p.Form = form
	p.Data = auditData{}
	if len(fields) > 0 {
		s.invalid(w, r, viewAudit, p, fields)
		return
	}
	f.Limit = auditPerPage + 1
	entries, err := s.Audit.List(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := auditData{}
	if len(entries) > auditPerPage {
		entries = entries[:auditPerPage]
		d.OlderURL = auditURL(form, entries[len(entries)-1].Seq)
	}
	if f.BeforeSeq > 0 {
		d.NewestURL = auditURL(form, 0)
	}
	for _, e := range entries {
		d.Entries = append(d.Entries, auditRow{AuditEntry: e, Label: s.actionLabel(p, e.Action), Details: sortedPairs(e.Details)})
	}
	p.Data = d
	s.render(w, r, http.StatusOK, viewAudit, p)
}

// actionLabel translates an audit action when the catalogue knows it.
func (s *Server) actionLabel(p *page, action string) string {
	if id := "audit.action." + action; s.Cat.Has(id) {
		return p.loc.T(id)
	}
	return action
}

func auditURL(form map[string]string, before int64) string {
	v := url.Values{}
	for _, k := range auditFilterKeys {
		if form[k] != "" {
			v.Set(k, form[k])
		}
	}
	if before > 0 {
		v.Set("before", strconv.FormatInt(before, 10))
	}
	if len(v) == 0 {
		return "/audit"
	}
	return "/audit?" + v.Encode()
}

// personalData is the data of the page that reveals an entry's personal
// details.
type personalData struct {
	Seq     int64
	Values  []pair
	Missing string // why nothing can be shown (e.g. the subject was erased)
}

// auditPersonal decrypts and shows one entry's personal details. The
// service records the reading in the log itself. It is a POST because it
// has that effect.
func (s *Server) auditPersonal(w http.ResponseWriter, r *http.Request) {
	seq, err := strconv.ParseInt(r.PathValue("seq"), 10, 64)
	if err != nil || seq <= 0 {
		s.errorPage(w, r, http.StatusNotFound, "")
		return
	}
	values, err := s.Audit.Personal(r.Context(), seq)
	p := s.newPage(w, r, "page.audit_personal.title")
	d := personalData{Seq: seq}
	if err != nil {
		code := domain.ErrorCode(err)
		if code != domain.ENotFound && code != domain.EConflict {
			s.fail(w, r, err)
			return
		}
		d.Missing = p.loc.Message(domain.ErrorMessage(err))
		p.Data = d
		s.render(w, r, status(code), viewAuditPersonal, p)
		return
	}
	d.Values = sortedPairs(values)
	p.Data = d
	s.render(w, r, http.StatusOK, viewAuditPersonal, p)
}
