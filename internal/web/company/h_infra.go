package company

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/web/static"
)

// readyTimeout bounds the readiness check, so a hanging database makes the
// probe fail rather than hang.
const readyTimeout = 3 * time.Second

func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	if !s.assets.Has(strings.TrimPrefix(r.URL.Path, static.Prefix)) {
		s.errorPage(w, r, http.StatusNotFound, "")
		return
	}
	s.assets.ServeHTTP(w, r)
}

// healthz reports that the process is alive; it touches nothing else.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

// readyz reports whether bgcheck can serve: the database answers and every
// migration is applied.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.Health.Ready(ctx); err != nil {
		s.Logger.WarnContext(r.Context(), "not ready", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("not ready\n"))
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

func (s *Server) metrics(w http.ResponseWriter, r *http.Request) {
	s.Metrics.ServeHTTP(w, r)
}

// devMailLimit is how many recent e-mails the demo mail page lists.
const devMailLimit = 50

// mailView is one e-mail on the demo mail page, its text split so that
// links can be followed.
type mailView struct {
	SentMail
	Parts []textPart
}

// textPart is plain text or, when URL is set, a link.
type textPart struct {
	Text string
	URL  string
}

var linkPattern = regexp.MustCompile(`https?://[^\s<>"]+`)

// linkify splits text into plain parts and http(s) links.
func linkify(text string) []textPart {
	var parts []textPart
	last := 0
	for _, m := range linkPattern.FindAllStringIndex(text, -1) {
		if m[0] > last {
			parts = append(parts, textPart{Text: text[last:m[0]]})
		}
		parts = append(parts, textPart{Text: text[m[0]:m[1]], URL: text[m[0]:m[1]]})
		last = m[1]
	}
	if last < len(text) {
		parts = append(parts, textPart{Text: text[last:]})
	}
	return parts
}

// devMail lists the e-mails bgcheck sent, for the demo: a newcomer can
// follow an invitation link without a real mailbox.
func (s *Server) devMail(w http.ResponseWriter, r *http.Request) {
	mails, err := s.Mail.Recent(r.Context(), devMailLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	views := make([]mailView, len(mails))
	for i, m := range mails {
		views[i] = mailView{SentMail: m, Parts: linkify(m.Text)}
	}
	p := s.newPage(w, r, "page.dev_mail.title")
	p.Data = views
	s.render(w, r, http.StatusOK, viewDevMail, p)
}
