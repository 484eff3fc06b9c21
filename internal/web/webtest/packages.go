package webtest

import (
	"context"
	"slices"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Package ids the fakes know.
const (
	PackageID         = "pkg-standard" // the standard employment template, in use
	ArchivedPackageID = "pkg-archived" // an archived package with two versions
)

// seedPackages gives the organisation a copy of every built-in template,
// as the real service does for a new organisation, and one archived
// package with an older version.
func (f *Fakes) seedPackages() {
	f.packages = map[string][]*domain.Package{}
	for _, t := range domain.PackageTemplates {
		d := t
		d.Categories = slices.Clone(t.Categories)
		id := "pkg-" + t.Template
		f.packages[id] = []*domain.Package{{ID: id, OrgID: OrgID, Version: 1, Definition: d, CreatedAt: f.clock, UpdatedAt: f.clock}}
	}
	old := domain.PackageDefinition{Name: "Gammel pakke", LookbackYears: 3, Retention: domain.RetainApplicant,
		Categories: []domain.PackageCategory{{Category: domain.CatIdentity, Justification: "Identiteten skal være sikker."}}}
	newer := old
	newer.LookbackYears = 5
	f.packages[ArchivedPackageID] = []*domain.Package{
		{ID: ArchivedPackageID, OrgID: OrgID, Version: 1, Definition: old, CreatedAt: f.clock},
		{ID: ArchivedPackageID, OrgID: OrgID, Version: 2, Definition: newer, CreatedAt: f.clock, ArchivedAt: f.clock},
	}
}

// Package returns the current version of package id, or nil.
func (f *Fakes) Package(id string) *domain.Package {
	f.mu.Lock()
	defer f.mu.Unlock()
	vs := f.packages[id]
	if len(vs) == 0 {
		return nil
	}
	c := *vs[len(vs)-1]
	return &c
}

// Packages returns the fake domain.PackageService.
func (f *Fakes) Packages() domain.PackageService { return packagesFake{f} }

type packagesFake struct{ *Fakes }

func (p packagesFake) List(ctx context.Context, includeArchived bool) ([]*domain.Package, error) {
	if err := p.call("Packages.List"); err != nil {
		return nil, err
	}
	if err := p.require(ctx, domain.PermCasesRead); err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []*domain.Package
	for _, vs := range p.packages {
		cur := *vs[len(vs)-1]
		if includeArchived || cur.ArchivedAt.IsZero() {
			out = append(out, &cur)
		}
	}
	slices.SortFunc(out, func(a, b *domain.Package) int { return strings.Compare(a.Definition.Name, b.Definition.Name) })
	return out, nil
}

func (p packagesFake) Get(ctx context.Context, id string) (*domain.Package, error) {
	return p.GetVersion(ctx, id, 0)
}

// GetVersion returns version v of package id; 0 means the current one.
func (p packagesFake) GetVersion(ctx context.Context, id string, v int) (*domain.Package, error) {
	if err := p.call("Packages.Get"); err != nil {
		return nil, err
	}
	if err := p.require(ctx, domain.PermCasesRead); err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	vs := p.packages[id]
	if v == 0 {
		v = len(vs)
	}
	if v < 1 || v > len(vs) {
		return nil, notFound()
	}
	c := *vs[v-1]
	return &c, nil
}

func (p packagesFake) Create(ctx context.Context, d domain.PackageDefinition) (*domain.Package, error) {
	if err := p.call("Packages.Create"); err != nil {
		return nil, err
	}
	if err := p.require(ctx, domain.PermOrgManage); err != nil {
		return nil, err
	}
	d.Normalize()
	if err := d.Validate(); err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	pkg := &domain.Package{ID: "pkg-" + randomHex()[:8], OrgID: OrgID, Version: 1, Definition: d, CreatedAt: p.clock, UpdatedAt: p.clock}
	p.packages[pkg.ID] = []*domain.Package{pkg}
	c := *pkg
	return &c, nil
}

func (p packagesFake) Update(ctx context.Context, id string, d domain.PackageDefinition) (*domain.Package, error) {
	if err := p.call("Packages.Update"); err != nil {
		return nil, err
	}
	if err := p.require(ctx, domain.PermOrgManage); err != nil {
		return nil, err
	}
	d.Normalize()
	if err := d.Validate(); err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	vs := p.packages[id]
	if len(vs) == 0 {
		return nil, notFound()
	}
	cur := vs[len(vs)-1]
	if !cur.ArchivedAt.IsZero() {
		return nil, domain.Errorf(domain.EConflict, "error.package_archived")
	}
	next := &domain.Package{ID: id, OrgID: OrgID, Version: cur.Version + 1, Definition: d, CreatedAt: cur.CreatedAt, UpdatedAt: p.clock}
	p.packages[id] = append(vs, next)
	c := *next
	return &c, nil
}

func (p packagesFake) Archive(ctx context.Context, id string) error {
	if err := p.call("Packages.Archive"); err != nil {
		return err
	}
	if err := p.require(ctx, domain.PermOrgManage); err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	vs := p.packages[id]
	if len(vs) == 0 {
		return notFound()
	}
	cur := vs[len(vs)-1]
	if !cur.ArchivedAt.IsZero() {
		return domain.Errorf(domain.EConflict, "error.package_archived")
	}
	cur.ArchivedAt = p.clock
	return nil
}
