package app

import (
	"bufio"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// maxCaseDocuments bounds the documents of one case.
const maxCaseDocuments = 100

// acceptedTypes are the document formats the portal takes, decided by
// content, never by file name.
var acceptedTypes = []string{"application/pdf", "image/jpeg", "image/png", "image/heic"}

// dataKinds are the documents that may also be data files: the income
// extract and pension overview a person exports (CSV or JSON), which the
// analysis reads as evidence.
var dataKinds = map[domain.DocumentKind]bool{domain.DocIncomeExtract: true, domain.DocPensionOverview: true}

var errTooLarge = &domain.Error{Code: domain.EInvalid, Message: "error.too_large", Fields: map[string]string{"file": "error.too_large"}}

// sniff returns the content type of the data at the head of r.
func sniff(head []byte) string {
	if len(head) >= 12 && string(head[4:8]) == "ftyp" {
		switch string(head[8:12]) {
		case "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1":
			return "image/heic"
		}
	}
	ct, _, _ := strings.Cut(http.DetectContentType(head), ";")
	return ct
}

// limitReader fails once more than n bytes are read, so an oversized
// upload aborts the encrypting write instead of being cut short silently.
type limitReader struct {
	r io.Reader
	n int64
}

var errLimit = errors.New("upload too large")

func (l *limitReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if l.n < 0 {
		return n, errLimit
	}
	return n, err
}

// Upload implements domain.PortalService.
func (s *PortalService) Upload(ctx context.Context, token, step string, kind domain.DocumentKind, fileName string, r io.Reader) (*domain.Document, error) {
	_, c, ctx, err := s.session(ctx, token)
	if err != nil {
		return nil, err
	}
	w, err := s.wizardOf(ctx, c)
	if err != nil {
		return nil, err
	}
	if !c.Status.Open() {
		return nil, errNotEditable
	}
	fields := map[string]string{}
	if !slices.ContainsFunc(w.Steps, func(st domain.WizardStep) bool { return st.Key == step }) {
		return nil, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	if !kind.Valid() {
		fields["kind"] = "error.invalid"
	}
	fileName = strings.TrimSpace(fileName)
	if fileName == "" || utf8.RuneCountInString(fileName) > 200 || !utf8.ValidString(fileName) {
		fileName = "document"
	}
	if len(w.Documents) >= maxCaseDocuments {
		fields["file"] = "error.too_many_documents"
	}
	br := bufio.NewReaderSize(r, 512)
	head, _ := br.Peek(512)
	ct := sniff(head)
	if len(head) == 0 {
		fields["file"] = "error.file_empty"
	} else if !slices.Contains(acceptedTypes, ct) && !(ct == "text/plain" && dataKinds[kind]) {
		fields["file"] = "error.file_type"
	}
	if len(fields) > 0 {
		return nil, domain.Invalid(fields)
	}
	docID := store.NewID()
	h := sha256.New()
	sc := documentScope(c.OrgID, c.SubjectID, docID, "content")
	blobID, size, err := s.Blobs.Put(ctx, sc, io.TeeReader(&limitReader{r: br, n: s.MaxUpload}, h))
	if errors.Is(err, errLimit) {
		return nil, errTooLarge
	}
	if err != nil {
		return nil, err
	}
	cleanup := func() { _ = s.Blobs.Delete(context.WithoutCancel(ctx), blobID) }
	if err := s.scan(ctx, sc, blobID, ct); err != nil {
		cleanup()
		return nil, err
	}
	row := &store.DocumentRow{ID: docID, OrgID: c.OrgID, SubjectID: c.SubjectID, BlobID: blobID, ContentType: ct, Size: size, CaseID: c.ID, Step: step, Kind: string(kind)}
	if row.NameEnc, err = s.Envelope.Encrypt(ctx, documentScope(c.OrgID, c.SubjectID, docID, "name"), []byte(fileName)); err == nil {
		row.SHA256Enc, err = s.Envelope.Encrypt(ctx, documentScope(c.OrgID, c.SubjectID, docID, "sha256"), h.Sum(nil))
	}
	if err == nil {
		err = s.DB.Write(ctx, func(tx *store.Tx) error {
			if err := tx.CreateDocument(row); err != nil {
				return err
			}
			details := map[string]string{"step": step, "kind": string(kind), "content_type": ct, "size": itoa(size)}
			if err := tx.AddCaseEvent(c.OrgID, c.ID, subjectActor(c), "document.uploaded", details); err != nil {
				return err
			}
			return s.record(ctx, tx, event{OrgID: c.OrgID, Action: "document.added", TargetType: "document", TargetID: docID, SubjectID: c.SubjectID, Details: details})
		})
	}
	if err != nil {
		cleanup()
		return nil, err
	}
	return &domain.Document{ID: docID, OrgID: c.OrgID, SubjectID: c.SubjectID, BlobID: blobID, ContentType: ct, Size: size, Name: fileName,
		SHA256: h.Sum(nil), CaseID: c.ID, Step: step, Kind: kind, CreatedAt: row.CreatedAt}, nil
}

// scan runs the document scanner over the stored document, decrypting as
// it reads; the plaintext never touches disk.
func (s *PortalService) scan(ctx context.Context, sc crypto.Scope, blobID, ct string) error {
	rc, err := s.Blobs.Open(ctx, sc, blobID)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := s.Scanner.Scan(ctx, ct, rc); err != nil {
		return &domain.Error{Code: domain.EInvalid, Message: "error.document_refused", Fields: map[string]string{"file": "error.document_refused"}, Err: err}
	}
	return nil
}

// document decrypts a document row's metadata.
func (s *PortalService) document(ctx context.Context, r *store.DocumentRow) (*domain.Document, error) {
	d := &domain.Document{ID: r.ID, OrgID: r.OrgID, SubjectID: r.SubjectID, BlobID: r.BlobID, ContentType: r.ContentType, Size: r.Size,
		CaseID: r.CaseID, Step: r.Step, Kind: domain.DocumentKind(r.Kind), CreatedAt: r.CreatedAt}
	name, err := s.Envelope.Decrypt(ctx, documentScope(r.OrgID, r.SubjectID, r.ID, "name"), r.NameEnc)
	if err != nil {
		return nil, err
	}
	d.Name = string(name)
	return d, nil
}

// OpenDocument implements domain.PortalService: subjects may look at their
// own documents (previews).
func (s *PortalService) OpenDocument(ctx context.Context, token, id string) (io.ReadCloser, *domain.Document, error) {
	_, c, ctx, err := s.session(ctx, token)
	if err != nil {
		return nil, nil, err
	}
	var row *store.DocumentRow
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { row, err = tx.Document(c.OrgID, id); return err }); err != nil {
		return nil, nil, err
	}
	if row.CaseID != c.ID {
		return nil, nil, domain.Errorf(domain.ENotFound, "error.not_found")
	}
	doc, err := s.document(ctx, row)
	if err != nil {
		return nil, nil, err
	}
	rc, err := s.Blobs.Open(ctx, documentScope(row.OrgID, row.SubjectID, row.ID, "content"), row.BlobID)
	return rc, doc, err
}

// DeleteDocument implements domain.PortalService; only before submission.
func (s *PortalService) DeleteDocument(ctx context.Context, token, id string) error {
	_, c, ctx, err := s.session(ctx, token)
	if err != nil {
		return err
	}
	if !c.Status.Open() {
		return errNotEditable
	}
	var blobID string
	err = s.DB.Write(ctx, func(tx *store.Tx) (err error) {
		if blobID, err = tx.DeleteDocument(c.OrgID, c.ID, id); err != nil {
			return err
		}
		if err := tx.AddCaseEvent(c.OrgID, c.ID, subjectActor(c), "document.deleted", nil); err != nil {
			return err
		}
		return s.record(ctx, tx, event{OrgID: c.OrgID, Action: "document.deleted", TargetType: "document", TargetID: id, SubjectID: c.SubjectID})
	})
	if err != nil {
		return err
	}
	if err := s.Blobs.Delete(ctx, blobID); err != nil {
		s.Log.Warn("document file left for the garbage collector", "blob", blobID, "err", err)
	}
	return nil
}
