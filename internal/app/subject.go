package app

import (
	"context"
	"crypto/sha256"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// SubjectService keeps data subjects and their documents, every personal
// field under the subject's own data key.
type SubjectService struct{ *App }

func subjectScope(orgID, subjectID, field string) crypto.Scope {
	return crypto.Scope{OrgID: orgID, OwnerID: subjectID, Record: "subject:" + subjectID, Field: field}
}

func documentScope(orgID, subjectID, docID, field string) crypto.Scope {
	return crypto.Scope{OrgID: orgID, OwnerID: subjectID, Record: "document:" + docID, Field: field}
}

// NewSubject is the input for a subject.
type NewSubject struct {
	Name  string
	Email string
	CPR   string // optional; ten digits, with or without the dash
}

func (n *NewSubject) validate() error {
	n.Name, n.Email = strings.TrimSpace(n.Name), domain.NormalizeEmail(n.Email)
	n.CPR = strings.ReplaceAll(strings.TrimSpace(n.CPR), "-", "")
	f := map[string]string{}
	if n.Name == "" {
		f["name"] = "error.required"
	} else if utf8.RuneCountInString(n.Name) > 200 {
		f["name"] = "error.too_long"
	}
	if n.Email != "" && !domain.ValidEmail(n.Email) {
		f["email"] = "error.email"
	}
	if n.CPR != "" && domain.MaskCPR(n.CPR) == "******-****" {
		f["cpr"] = "error.cpr"
	}
	if len(f) > 0 {
		return domain.Invalid(f)
	}
	return nil
}

// Create stores a subject.
func (s *SubjectService) Create(ctx context.Context, n NewSubject) (*domain.Subject, error) {
	ac, err := require(ctx, domain.PermCasesManage)
	if err != nil {
		return nil, err
	}
	if err := n.validate(); err != nil {
		return nil, err
	}
	r := &store.SubjectRow{ID: store.NewID(), OrgID: ac.OrgID}
	for _, f := range []struct {
		dst   *[]byte
		name  string
		value string
	}{{&r.NameEnc, "name", n.Name}, {&r.EmailEnc, "email", n.Email}, {&r.CPREnc, "cpr", n.CPR}} {
		if f.value == "" {
			continue
		}
		if *f.dst, err = s.Envelope.Encrypt(ctx, subjectScope(ac.OrgID, r.ID, f.name), []byte(f.value)); err != nil {
			return nil, err
		}
	}
	if n.CPR != "" {
		r.CPRMasked = domain.MaskCPR(n.CPR)
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.CreateSubject(r); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "subject.created", TargetType: "subject", TargetID: r.ID, SubjectID: r.ID,
			Personal: map[string]string{"name": n.Name, "email": n.Email}})
	})
	if err != nil {
		return nil, err
	}
	return &domain.Subject{ID: r.ID, OrgID: r.OrgID, Name: n.Name, Email: n.Email, CPRMasked: r.CPRMasked, CreatedAt: r.CreatedAt}, nil
}

// Get returns a subject with name and e-mail decrypted; the read is
// audited. The CPR number is only ever returned masked.
func (s *SubjectService) Get(ctx context.Context, id string) (*domain.Subject, error) {
	ac, err := require(ctx, domain.PermCasesRead)
	if err != nil {
		return nil, err
	}
	var r *store.SubjectRow
	err = s.DB.Write(ctx, func(tx *store.Tx) (err error) {
		if r, err = tx.Subject(ac.OrgID, id); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "subject.read", TargetType: "subject", TargetID: id, SubjectID: id})
	})
	if err != nil {
		return nil, err
	}
	sub := &domain.Subject{ID: r.ID, OrgID: r.OrgID, CPRMasked: r.CPRMasked, CreatedAt: r.CreatedAt, ErasedAt: r.ErasedAt}
	if !r.ErasedAt.IsZero() {
		return sub, nil
	}
	for _, f := range []struct {
		dst  *string
		name string
		enc  []byte
	}{{&sub.Name, "name", r.NameEnc}, {&sub.Email, "email", r.EmailEnc}} {
		if f.enc == nil {
			continue
		}
		b, err := s.Envelope.Decrypt(ctx, subjectScope(r.OrgID, r.ID, f.name), f.enc)
		if err != nil {
			return nil, err
		}
		*f.dst = string(b)
	}
	return sub, nil
}

// AddDocument encrypts r into the blob store and records the document. If
// recording fails the blob is removed again (and the garbage collector
// would remove it otherwise), so nothing is half-saved.
func (s *SubjectService) AddDocument(ctx context.Context, subjectID, fileName, contentType string, r io.Reader) (*domain.Document, error) {
	ac, err := require(ctx, domain.PermCasesManage)
	if err != nil {
		return nil, err
	}
	if err := s.DB.Read(ctx, func(tx *store.Tx) error {
		sub, err := tx.Subject(ac.OrgID, subjectID)
		if err == nil && !sub.ErasedAt.IsZero() {
			return domain.Errorf(domain.EConflict, "error.erased")
		}
		return err
	}); err != nil {
		return nil, err
	}
	docID := store.NewID()
	h := sha256.New()
	blobID, size, err := s.Blobs.Put(ctx, documentScope(ac.OrgID, subjectID, docID, "content"), io.TeeReader(r, h))
	if err != nil {
		return nil, err
	}
	row := &store.DocumentRow{ID: docID, OrgID: ac.OrgID, SubjectID: subjectID, BlobID: blobID, ContentType: contentType, Size: size}
	if row.NameEnc, err = s.Envelope.Encrypt(ctx, documentScope(ac.OrgID, subjectID, docID, "name"), []byte(fileName)); err == nil {
		row.SHA256Enc, err = s.Envelope.Encrypt(ctx, documentScope(ac.OrgID, subjectID, docID, "sha256"), h.Sum(nil))
	}
	if err == nil {
		err = s.DB.Write(ctx, func(tx *store.Tx) error {
			if err := tx.CreateDocument(row); err != nil {
				return err
			}
			return s.record(ctx, tx, event{Action: "document.added", TargetType: "document", TargetID: docID, SubjectID: subjectID,
				Details: map[string]string{"content_type": contentType, "size": itoa(size)}})
		})
	}
	if err != nil {
		_ = s.Blobs.Delete(context.WithoutCancel(ctx), blobID)
		return nil, err
	}
	return &domain.Document{ID: docID, OrgID: ac.OrgID, SubjectID: subjectID, BlobID: blobID, ContentType: contentType, Size: size, Name: fileName, SHA256: h.Sum(nil), CreatedAt: row.CreatedAt}, nil
}

// OpenDocument returns a document's decrypted content; the read is audited
// before any byte is returned.
func (s *SubjectService) OpenDocument(ctx context.Context, id string) (io.ReadCloser, *domain.Document, error) {
	ac, err := require(ctx, domain.PermCasesRead)
	if err != nil {
		return nil, nil, err
	}
	var row *store.DocumentRow
	err = s.DB.Write(ctx, func(tx *store.Tx) (err error) {
		if row, err = tx.Document(ac.OrgID, id); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "document.read", TargetType: "document", TargetID: id, SubjectID: row.SubjectID})
	})
	if err != nil {
		return nil, nil, err
	}
	name, err := s.Envelope.Decrypt(ctx, documentScope(row.OrgID, row.SubjectID, row.ID, "name"), row.NameEnc)
	if err != nil {
		return nil, nil, err
	}
	rc, err := s.Blobs.Open(ctx, documentScope(row.OrgID, row.SubjectID, row.ID, "content"), row.BlobID)
	if err != nil {
		return nil, nil, err
	}
	return rc, &domain.Document{ID: row.ID, OrgID: row.OrgID, SubjectID: row.SubjectID, BlobID: row.BlobID, ContentType: row.ContentType, Size: row.Size, Name: string(name), CreatedAt: row.CreatedAt}, nil
}

// Erase crypto-shreds a subject: their data key is destroyed first, which
// makes every ciphertext of theirs (fields, documents, audit details)
// unreadable at once; then the rows are cleared and the blob files removed.
// Erase is idempotent, so an interrupted erasure is completed by running it
// again.
func (s *SubjectService) Erase(ctx context.Context, id string) error {
	ac, err := require(ctx, domain.PermPrivacyManage)
	if err != nil {
		return err
	}
	if err := s.DB.Read(ctx, func(tx *store.Tx) error { _, err := tx.Subject(ac.OrgID, id); return err }); err != nil {
		return err
	}
	if err := s.Envelope.Shred(ctx, ac.OrgID, id); err != nil {
		return err
	}
	var blobs []string
	err = s.DB.Write(ctx, func(tx *store.Tx) (err error) {
		if blobs, err = tx.DeleteSubjectDocuments(ac.OrgID, id); err != nil {
			return err
		}
		if err := tx.MarkSubjectErased(ac.OrgID, id); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "subject.erased", TargetType: "subject", TargetID: id, SubjectID: id,
			Details: map[string]string{"documents": itoa(int64(len(blobs)))}})
	})
	if err != nil {
		return err
	}
	for _, b := range blobs {
		if err := s.Blobs.Delete(ctx, b); err != nil {
			s.Log.Warn("erase: blob left for the garbage collector", "blob", b, "err", err)
		}
	}
	return nil
}
