package portal

import (
	"cmp"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/middleware"
)

// errorTexts are the title and default message of each error page.
var errorTexts = map[int][2]string{
	http.StatusBadRequest:            {"page.error.bad_request", "error.invalid"},
	http.StatusUnauthorized:          {"page.portal.error.unauthorized", "error.portal.session_expired"},
	http.StatusForbidden:             {"page.error.forbidden", "error.portal.forbidden"},
	http.StatusNotFound:              {"page.error.not_found", "error.portal.not_found"},
	http.StatusMethodNotAllowed:      {"page.error.method", "error.method_not_allowed"},
	http.StatusConflict:              {"page.error.conflict", "error.conflict"},
	http.StatusRequestEntityTooLarge: {"page.error.too_large", "error.portal.too_large"},
	http.StatusUnprocessableEntity:   {"page.error.invalid", "error.invalid"},
	http.StatusTooManyRequests:       {"page.error.throttled", "error.throttled"},
	http.StatusInternalServerError:   {"page.error.internal", "error.internal"},
}

// errorInfo is the data of the error page.
type errorInfo struct {
	Status  int
	Message string
}

// ErrorPage renders the portal's error page for status; it is what the
// outer middleware (panic recovery) answers with on portal paths.
func (s *Server) ErrorPage(w http.ResponseWriter, r *http.Request, status int) {
	s.errorPage(w, r, status, "")
}

// errorPage renders the page for status with message msgID, or the
// status's default message when msgID is "" or not a catalogue id.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, msgID string) {
	texts, ok := errorTexts[status]
	if !ok {
		status, texts = http.StatusInternalServerError, errorTexts[http.StatusInternalServerError]
	}
	if msgID == "" || !s.Cat.Has(msgID) {
		msgID = texts[1]
	}
	p := s.newPage(w, r, texts[0])
	p.Data = errorInfo{Status: status, Message: p.loc.T(msgID)}
	s.render(w, r, status, viewError, p)
}

// linkInvalid explains a link that cannot be used (unknown, replaced,
// expired, or its case closed) and what to do about it.
func (s *Server) linkInvalid(w http.ResponseWriter, r *http.Request) {
	st := s.stateOf(r)
	st.pc, st.link = nil, ""
	s.render(w, r, http.StatusNotFound, viewLinkInvalid, s.newPage(w, r, "page.portal.link_invalid.title"))
}

// fail answers a request whose service call failed, outside a form: the
// error page for the code, the case's first page for an ended session,
// and a logged 500 for anything unexpected.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := domain.ErrorCode(err)
	st := s.stateOf(r)
	if code == domain.EUnauthorized && st.link != "" {
		s.clearCookie(w, subjectCookie)
		s.setFlash(w, "error.portal.session_expired")
		s.redirect(w, r, casePath(st.link, ""))
		return
	}
	if code == domain.ENotFound && domain.ErrorMessage(err) == "error.link_invalid" {
		s.linkInvalid(w, r)
		return
	}
	status, known := middleware.StatusOf(code)
	if !known || code == domain.EInternal {
		s.logError(r, err)
		status = http.StatusInternalServerError
	}
	s.errorPage(w, r, status, domain.ErrorMessage(err))
}

// formError shows a form again after its service call failed: the message
// and error summary above the form, per-field messages next to their
// fields, and the status of the error code. Codes a form cannot help with
// (not found, internal, an ended session) go to fail.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, name string, p *page, err error) {
	code := domain.ErrorCode(err)
	switch code {
	case domain.EInvalid, domain.EConflict, domain.ETooMany, domain.EForbidden:
	default:
		s.fail(w, r, err)
		return
	}
	s.showFormError(w, r, name, p, err, status(code))
}

// showFormError renders the form view name with err's messages.
func (s *Server) showFormError(w http.ResponseWriter, r *http.Request, name string, p *page, err error, status int) {
	p.Error = p.loc.Message(domain.ErrorMessage(err))
	for f, id := range domain.ErrorFields(err) {
		p.Fields[normalField(f, p.section)] = p.loc.Message(portalWording(id))
	}
	p.Summary = p.summary()
	s.render(w, r, status, name, p)
}

// invalid shows a form again with field messages found by the web layer
// itself (a missing answer, too many rows).
func (s *Server) invalid(w http.ResponseWriter, r *http.Request, name string, p *page, fields map[string]string) {
	s.formError(w, r, name, p, domain.Invalid(fields))
}

// bracketIndex matches "activities[2]" in field names written that way.
var bracketIndex = regexp.MustCompile(`\[(\d+)\]`)

// portalWordings replace messages worded for company users where the
// portal says it differently: subjects type dates as DD/MM/YY.
var portalWordings = map[string]string{
	"error.date": "error.portal.date",
}

func portalWording(id string) string {
	if w, ok := portalWordings[id]; ok {
		return w
	}
	return id
}

// normalField turns a service's field key into the form name it concerns:
// "activities[2].from" and "activities.2.from" both name a row field, and
// a bare "address" on the personal step is "personal.address".
func normalField(f, section string) string {
	f = bracketIndex.ReplaceAllString(f, ".$1")
	if c, ok := strings.CutPrefix(f, "consent_"); ok {
		return consentPrefix + c
	}
	if section != "" && !strings.Contains(f, ".") && slices.Contains(listFields[section], f) {
		return section + "." + f
	}
	return f
}

// summary lists the field errors in page order, each linking to its field.
func (p *page) summary() []errorEntry {
	names := make([]string, 0, len(p.Fields))
	for n := range p.Fields {
		names = append(names, n)
	}
	slices.SortFunc(names, compareFields)
	out := make([]errorEntry, 0, len(names))
	for _, n := range names {
		text := p.Fields[n]
		if label := p.fieldLabel(n); label != "" {
			text = label + ": " + text
		}
		out = append(out, errorEntry{Href: fieldHref(n), Text: text})
	}
	return out
}

// fieldHref is where the summary's link for a form name leads: the field,
// or for a whole step (as the review page reports them) its section.
func fieldHref(name string) string {
	if key, ok := strings.CutPrefix(name, stepFieldPrefix); ok {
		return "#review-" + key
	}
	return "#" + fieldID(name)
}

// stepFieldPrefix starts the field keys of whole steps, "step_employment".
const stepFieldPrefix = "step_"

// compareFields orders form names as the page shows them: by section,
// then row, then the field's place in its row.
func compareFields(a, b string) int {
	ka, kb := fieldOrder(a), fieldOrder(b)
	return cmp.Or(cmp.Compare(ka[0], kb[0]), cmp.Compare(ka[1], kb[1]), cmp.Compare(ka[2], kb[2]), strings.Compare(a, b))
}

func fieldOrder(name string) [3]int {
	parts := strings.Split(name, ".")
	section := slices.Index(sectionOrder, parts[0])
	if section < 0 {
		section = len(sectionOrder)
	}
	if list, row, field, ok := splitRowName(name); ok {
		return [3]int{section, row, slices.Index(listFields[list], field)}
	}
	if len(parts) == 2 {
		return [3]int{section, 0, slices.Index(listFields[parts[0]], parts[1])}
	}
	return [3]int{section, -1, 0}
}

func (s *Server) logError(r *http.Request, err error) {
	s.Logger.ErrorContext(r.Context(), "request failed",
		"err", err,
		"request_id", domain.RequestFrom(r.Context()).ID,
		"route", middleware.RouteFrom(r.Context()),
	)
}

// status is the HTTP status of a domain error code.
func status(code string) int {
	s, _ := middleware.StatusOf(code)
	return s
}
