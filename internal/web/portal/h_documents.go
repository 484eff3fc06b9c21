package portal

import (
	"io"
	"mime"
	"net/http"
	"slices"
)

// servedTypes are the content types a document is shown as. The service
// has checked each file's content on upload; anything else is offered as
// a download of unknown type, never rendered.
var servedTypes = map[string]bool{"application/pdf": true, "image/jpeg": true, "image/png": true, "image/heic": true}

// document streams one of the subject's own documents, for a preview or
// to check what was uploaded.
func (s *Server) document(w http.ResponseWriter, r *http.Request) {
	st := s.stateOf(r)
	rc, doc, err := s.Portal.OpenDocument(r.Context(), st.token, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer rc.Close()
	if doc.CaseID != "" && doc.CaseID != st.pc.CaseID {
		s.errorPage(w, r, http.StatusNotFound, "")
		return
	}
	h := w.Header()
	ct, disposition := doc.ContentType, "inline"
	if !servedTypes[ct] {
		ct, disposition = "application/octet-stream", "attachment"
	}
	h.Set("Content-Type", ct)
	if d := mime.FormatMediaType(disposition, map[string]string{"filename": cleanFileName(doc.Name)}); d != "" {
		disposition = d
	}
	h.Set("Content-Disposition", disposition)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if _, err := io.Copy(w, rc); err != nil {
		// The status is sent; all that is left is to note the failure.
		s.logError(r, err)
	}
}

// deleteDocument removes one of the subject's documents before the case
// is submitted and returns to the step it belongs to.
func (s *Server) deleteDocument(w http.ResponseWriter, r *http.Request) {
	st := s.stateOf(r)
	if !editable(st.pc) {
		s.redirect(w, r, casePath(st.link, "/status"))
		return
	}
	if err := s.Portal.DeleteDocument(r.Context(), st.token, r.PathValue("id")); err != nil {
		s.fail(w, r, err)
		return
	}
	s.setFlash(w, "flash.portal.document_deleted")
	back := casePath(st.link, "/review")
	if step := r.PostFormValue("step"); slices.Contains(stepKeys, step) {
		back = stepPath(st.link, step) + "#documents"
	}
	s.redirect(w, r, back)
}
