package company

import (
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/web/middleware"
)

// errorTexts are the title and default message of each error page.
var errorTexts = map[int][2]string{
	http.StatusBadRequest:            {"page.error.bad_request", "error.invalid"},
	http.StatusForbidden:             {"page.error.forbidden", "error.forbidden"},
	http.StatusNotFound:              {"page.error.not_found", "error.not_found"},
	http.StatusMethodNotAllowed:      {"page.error.method", "error.method_not_allowed"},
	http.StatusConflict:              {"page.error.conflict", "error.conflict"},
	http.StatusRequestEntityTooLarge: {"page.error.too_large", "error.body_too_large"},
	http.StatusUnprocessableEntity:   {"page.error.invalid", "error.invalid"},
	http.StatusTooManyRequests:       {"page.error.throttled", "error.throttled"},
	http.StatusInternalServerError:   {"page.error.internal", "error.internal"},
}

// errorInfo is the data of the error page.
type errorInfo struct {
	Status  int
	Message string
}

// ErrorPage renders the error page for status; it is what the outer
// middleware (panic recovery, body limit) answer with.
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
	st := s.stateOf(r)
	if status == http.StatusNotFound || status == http.StatusMethodNotAllowed {
		// Show the signed-in header on "not found" too; a failure here
		// only means the page is shown as to a visitor.
		_ = s.loadSession(w, r, st)
	}
	p := s.newPage(w, r, texts[0])
	p.Data = errorInfo{Status: status, Message: st.loc.T(msgID)}
	s.render(w, r, status, viewError, p)
}

// fail answers a request whose service call failed, outside a form: the
// error page for the code, a sign-in redirect for an ended session, and a
// logged 500 for anything unexpected.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := domain.ErrorCode(err)
	switch code {
	case domain.EUnauthorized:
		st := s.stateOf(r)
		st.expired = st.sess != nil
		s.clearCookie(w, sessionCookie)
		s.toLogin(w, r, st)
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
// above the form, per-field messages next to their fields, and the status
// of the error code. Codes a form cannot help with (not found, internal,
// an ended session) go to fail.
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
	for field, id := range domain.ErrorFields(err) {
		p.Fields[field] = p.loc.Message(id)
	}
	s.render(w, r, status, name, p)
}

// invalid shows a form again with field messages found by the web layer
// itself (e.g. two passwords that differ).
func (s *Server) invalid(w http.ResponseWriter, r *http.Request, name string, p *page, fields map[string]string) {
	s.formError(w, r, name, p, domain.Invalid(fields))
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
