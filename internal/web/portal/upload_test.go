package portal

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

var (
	pdf = []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n")
	png = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
)

func TestUploadListPreviewAndDelete(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(linkA)
	step := stepPath(linkA, domain.StepIDDocument)
	w := e.upload(step+"/upload", []string{csrfField, csrf, "kind", "passport"}, `C:\Users\me\pas "1".png`, png, sess)
	wantRedirect(t, w, step+"#documents")
	docs := e.p.Documents(linkA)
	if len(docs) != 1 || docs[0].Name != `pas "1".png` || docs[0].Kind != domain.DocPassport || docs[0].Step != domain.StepIDDocument {
		t.Fatalf("docs %+v", docs)
	}
	id := docs[0].ID
	w = e.get(step, sess)
	wantBody(t, w, `<img class="preview" src="`+casePath(linkA, "/documents/"+id)+`"`, "pas &#34;1&#34;.png", `action="`+casePath(linkA, "/documents/"+id+"/delete")+`"`)
	// The preview streams the subject's own document.
	w = e.get(casePath(linkA, "/documents/"+id), sess)
	wantStatus(t, w, http.StatusOK)
	h := w.Header()
	if h.Get("Content-Type") != "image/png" || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Cache-Control") != "no-store" ||
		!strings.HasPrefix(h.Get("Content-Disposition"), "inline;") {
		t.Fatalf("headers %v", h)
	}
	if !bytes.Equal(w.Body.Bytes(), png) {
		t.Fatal("content differs")
	}
	w = e.post(casePath(linkA, "/documents/"+id+"/delete"), form(csrfField, csrf, "step", domain.StepIDDocument), sess)
	wantRedirect(t, w, step+"#documents")
	if len(e.p.Documents(linkA)) != 0 {
		t.Fatal("not deleted")
	}
}

func TestUnknownTypesAreNeverRendered(t *testing.T) {
	e := newEnv(t)
	sess, _ := e.signIn(linkA)
	id := e.p.AddDocument(linkA, domain.StepIDDocument, domain.DocOther, "x.html", "text/html", []byte("<script>alert(1)</script>"))
	w := e.get(casePath(linkA, "/documents/"+id), sess)
	if w.Header().Get("Content-Type") != "application/octet-stream" || !strings.HasPrefix(w.Header().Get("Content-Disposition"), "attachment") {
		t.Fatalf("headers %v", w.Header())
	}
}

func TestUploadErrorsSitNextToTheField(t *testing.T) {
	e := newEnv(t)
	sess, csrf := e.signIn(linkA)
	up := stepPath(linkA, domain.StepCriminalRecord) + "/upload"
	// A kind this step does not take.
	w := e.upload(up, []string{csrfField, csrf, "kind", "diploma"}, "a.pdf", pdf, sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `id="f-kind-error"`, e.text("da", "error.portal.document_kind"), `href="#f-kind"`)
	// Content that is no document, whatever its name says.
	w = e.upload(up, []string{csrfField, csrf, "kind", "criminal_record"}, "attest.pdf", []byte("MZ\x90\x00 not a pdf"), sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, `id="f-file-error"`, e.text("da", "error.file_type"))
	// No file chosen.
	w = e.upload(up, []string{csrfField, csrf, "kind", "criminal_record"}, "", []byte{}, sess)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	wantBody(t, w, e.text("da", "error.portal.file_required"))
	if len(e.p.Documents(linkA)) != 0 {
		t.Fatal("a refused upload was stored")
	}
	// The criminal record step explains how to get the certificate.
	wantBody(t, e.get(stepPath(linkA, domain.StepCriminalRecord), sess), `href="https://politi.dk/straffeattest"`,
		e.text("da", "help.portal.criminal_arrives"))
}

// TestUploadSizeLimits: uploads may be as large as the upload limit, far
// above the form limit; larger ones get 413 whether the length is
// declared or not, and forms stay held to the form limit.
func TestUploadSizeLimits(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.MaxBodyBytes = 4 << 10; c.MaxUploadBytes = 64 << 10 })
	sess, csrf := e.signIn(linkA)
	up := stepPath(linkA, domain.StepIDDocument) + "/upload"
	big := append(append([]byte{}, pdf...), bytes.Repeat([]byte("a"), 40<<10)...)
	wantStatus(t, e.upload(up, []string{csrfField, csrf, "kind", "passport"}, "big.pdf", big, sess), http.StatusSeeOther)

	tooBig := append(append([]byte{}, pdf...), bytes.Repeat([]byte("a"), 64<<10)...)
	// Declared length: the file is just over the limit but the body within
	// limit plus overhead, so the stream itself is cut off.
	wantStatus(t, e.upload(up, []string{csrfField, csrf, "kind", "passport"}, "big.pdf", tooBig, sess), http.StatusRequestEntityTooLarge)
	// A declared length far over the limit is refused before reading.
	huge := bytes.Repeat([]byte("a"), 200<<10)
	wantStatus(t, e.upload(up, []string{csrfField, csrf, "kind", "passport"}, "huge.pdf", huge, sess), http.StatusRequestEntityTooLarge)
	// No declared length (chunked): the body limit catches it while reading.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField(csrfField, csrf)
	_ = mw.WriteField("kind", "passport")
	fw, _ := mw.CreateFormFile("file", "huge.pdf")
	_, _ = fw.Write(append(append([]byte{}, pdf...), huge...))
	_ = mw.Close()
	r := httptest.NewRequest(http.MethodPost, up, &buf)
	r.ContentLength = -1
	r.Header.Set("Content-Type", mw.FormDataContentType())
	wantStatus(t, e.send(r, sess), http.StatusRequestEntityTooLarge)
	if n := len(e.p.Documents(linkA)); n != 1 {
		t.Fatalf("%d documents stored, want only the first", n)
	}
	// Forms keep the small limit.
	w := e.post(stepPath(linkA, domain.StepPersonal), form(csrfField, csrf, "personal.address", strings.Repeat("x", 8<<10)), sess)
	wantStatus(t, w, http.StatusRequestEntityTooLarge)
	wantBody(t, w, e.text("da", "error.portal.too_large"))
}
