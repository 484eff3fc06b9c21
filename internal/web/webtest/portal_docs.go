package webtest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// sniffType tells PDF, JPEG and PNG apart by their first bytes.
func sniffType(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return "application/pdf"
	case bytes.HasPrefix(b, []byte{0xff, 0xd8, 0xff}):
		return "image/jpeg"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	}
	return ""
}

// Upload implements domain.PortalService; the type is decided by content.
func (p *Portal) Upload(ctx context.Context, token, step string, kind domain.DocumentKind, fileName string, r io.Reader) (*domain.Document, error) {
	if err := p.call("Portal.Upload"); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read upload: %w", err)
	}
	ct := sniffType(b)
	if ct == "" {
		return nil, domain.Invalid(map[string]string{"file": "error.file_type"})
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	c, err := p.bySession(token)
	if err != nil {
		return nil, err
	}
	return c.add(p.nextID(), step, kind, fileName, ct, b), nil
}

func (p *Portal) nextID() string {
	p.seq++
	return fmt.Sprintf("doc-%d", p.seq)
}

func (c *portalCase) add(id, step string, kind domain.DocumentKind, name, ct string, b []byte) *domain.Document {
	d := &portalDoc{meta: domain.Document{ID: id, CaseID: c.pc.CaseID, Step: step, Kind: kind, Name: name, ContentType: ct,
		Size: int64(len(b)), CreatedAt: portalNow}, content: b}
	c.docs = append(c.docs, d)
	m := d.meta
	return &m
}

// AddDocument stores a document for the case behind link and returns its id.
func (p *Portal) AddDocument(link, step string, kind domain.DocumentKind, name, contentType string, content []byte) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cases[link].add(p.nextID(), step, kind, name, contentType, content).ID
}

// Documents lists the documents of the case behind link.
func (p *Portal) Documents(link string) []domain.Document {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []domain.Document
	for _, d := range p.cases[link].docs {
		out = append(out, d.meta)
	}
	return out
}

// OpenDocument implements domain.PortalService: only the session's own
// case's documents.
func (p *Portal) OpenDocument(ctx context.Context, token, id string) (io.ReadCloser, *domain.Document, error) {
	if err := p.call("Portal.OpenDocument"); err != nil {
		return nil, nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	c, err := p.bySession(token)
	if err != nil {
		return nil, nil, err
	}
	for _, d := range c.docs {
		if d.meta.ID == id {
			m := d.meta
			return io.NopCloser(bytes.NewReader(d.content)), &m, nil
		}
	}
	return nil, nil, notFound()
}

// DeleteDocument implements domain.PortalService.
func (p *Portal) DeleteDocument(ctx context.Context, token, id string) error {
	if err := p.call("Portal.DeleteDocument"); err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	c, err := p.bySession(token)
	if err != nil {
		return err
	}
	n := len(c.docs)
	c.docs = slices.DeleteFunc(c.docs, func(d *portalDoc) bool { return d.meta.ID == id })
	if len(c.docs) == n {
		return notFound()
	}
	return nil
}
