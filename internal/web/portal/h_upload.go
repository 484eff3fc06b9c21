package portal

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Limits of the small fields sent with a file.
const (
	maxUploadFields = 8
	maxFieldBytes   = 4 << 10
	maxFileName     = 200 // runes
)

// upload receives one document. The body is read as a stream and the
// file handed to the service as it arrives, so its content never lands
// in a temporary file in the clear. The form sends the CSRF token and the
// kind before the file; the token is checked before a byte of the file
// is read.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	wiz, ok := s.loadWizard(w, r)
	if !ok {
		return
	}
	i := stepIndex(wiz, r.PathValue("step"))
	if i < 0 {
		s.errorPage(w, r, http.StatusNotFound, "")
		return
	}
	mr, err := r.MultipartReader()
	if err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.invalid")
		return
	}
	vals := map[string]string{}
	for n := 0; ; n++ {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.bodyError(w, r, err)
			return
		}
		if part.FormName() == "file" {
			s.receiveFile(w, r, wiz, i, vals, part)
			return
		}
		if n >= maxUploadFields {
			s.errorPage(w, r, http.StatusBadRequest, "error.invalid")
			return
		}
		b, err := io.ReadAll(io.LimitReader(part, maxFieldBytes+1))
		if err != nil || len(b) > maxFieldBytes {
			s.bodyError(w, r, err)
			return
		}
		vals[part.FormName()] = string(b)
	}
	if s.uploadCSRF(w, r, vals) {
		s.uploadFailed(w, r, wiz, i, vals, domain.Invalid(map[string]string{"file": "error.portal.file_required"}))
	}
}

// uploadCSRF checks the token sent before the file, answering 403 when
// it is wrong.
func (s *Server) uploadCSRF(w http.ResponseWriter, r *http.Request, vals map[string]string) bool {
	sent := r.Header.Get(csrfHeader)
	if sent == "" {
		sent = vals[csrfField]
	}
	if s.tokenValid(r, Route{Access: Subject}, s.stateOf(r), sent) {
		return true
	}
	s.errorPage(w, r, http.StatusForbidden, "error.csrf")
	return false
}

func (s *Server) receiveFile(w http.ResponseWriter, r *http.Request, wiz *domain.Wizard, i int, vals map[string]string, part *multipart.Part) {
	if !s.uploadCSRF(w, r, vals) {
		return
	}
	st, step := s.stateOf(r), wiz.Steps[i]
	kind := domain.DocumentKind(vals["kind"])
	name := cleanFileName(part.FileName())
	switch {
	case !slices.Contains(allowedKinds(step), kind):
		s.uploadFailed(w, r, wiz, i, vals, domain.Invalid(map[string]string{"kind": "error.portal.document_kind"}))
		return
	case name == "":
		s.uploadFailed(w, r, wiz, i, vals, domain.Invalid(map[string]string{"file": "error.portal.file_required"}))
		return
	}
	body := &capReader{r: part, left: s.cfg.MaxUploadBytes, limit: s.cfg.MaxUploadBytes}
	_, err := s.Portal.Upload(r.Context(), st.token, step.Key, kind, name, body)
	var tooLarge *http.MaxBytesError
	if body.over || errors.As(err, &tooLarge) {
		s.tooLarge(w, r)
		return
	}
	if err != nil {
		s.uploadFailed(w, r, wiz, i, vals, err)
		return
	}
	s.setFlash(w, "flash.portal.uploaded")
	s.redirect(w, r, stepPath(st.link, step.Key)+"#documents")
}

// uploadFailed shows the step again with the upload's error next to the
// file field.
func (s *Server) uploadFailed(w http.ResponseWriter, r *http.Request, wiz *domain.Wizard, i int, vals map[string]string, err error) {
	p := s.stepPage(w, r, wiz, i, wiz.Data, 0)
	p.Form["kind"] = vals["kind"]
	p.Data = withUploads(p.Data.(wizardView), s.uploadView(p, wiz, wiz.Steps[i]))
	if domain.ErrorCode(err) == domain.EInvalid && len(domain.ErrorFields(err)) == 0 {
		err = domain.Invalid(map[string]string{"file": domain.ErrorMessage(err)})
	}
	s.formError(w, r, viewWizard, p, err)
}

func withUploads(v wizardView, u uploadView) wizardView {
	v.Uploads = u
	return v
}

// cleanFileName keeps a file name fit to store and show: valid UTF-8,
// no control characters or path, and not too long.
func cleanFileName(name string) string {
	name = strings.ToValidUTF8(name, "")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.TrimSpace(name))
	if utf8.RuneCountInString(name) > maxFileName {
		name = string([]rune(name)[:maxFileName])
	}
	return name
}

// capReader passes at most left bytes on and notes when the stream holds
// more; the service then sees an error rather than a cut-off file.
type capReader struct {
	r     io.Reader
	left  int64
	limit int64
	over  bool
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			c.over = true
			return 0, &http.MaxBytesError{Limit: c.limit}
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
