package app

import (
	"context"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// PackageService implements domain.PackageService.
type PackageService struct{ *App }

// Packages returns the package service.
func (a *App) Packages() *PackageService { return &PackageService{a} }

var _ domain.PackageService = (*PackageService)(nil)

// List implements domain.PackageService.
func (s *PackageService) List(ctx context.Context, includeArchived bool) ([]*domain.Package, error) {
	ac, err := require(ctx, domain.PermCasesRead)
	if err != nil {
		return nil, err
	}
	var out []*domain.Package
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) { out, err = tx.Packages(ac.OrgID, includeArchived); return err })
	return out, err
}

// Get implements domain.PackageService.
func (s *PackageService) Get(ctx context.Context, id string) (*domain.Package, error) {
	ac, err := require(ctx, domain.PermCasesRead)
	if err != nil {
		return nil, err
	}
	var p *domain.Package
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) { p, err = tx.Package(ac.OrgID, id); return err })
	return p, err
}

// GetVersion implements domain.PackageService.
func (s *PackageService) GetVersion(ctx context.Context, id string, version int) (*domain.Package, error) {
	ac, err := require(ctx, domain.PermCasesRead)
	if err != nil {
		return nil, err
	}
	var p *domain.Package
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) { p, err = tx.PackageVersion(ac.OrgID, id, version); return err })
	return p, err
}

// Create implements domain.PackageService.
func (s *PackageService) Create(ctx context.Context, d domain.PackageDefinition) (*domain.Package, error) {
	ac, err := require(ctx, domain.PermOrgManage)
	if err != nil {
		return nil, err
	}
	d.Normalize()
	if err := d.Validate(); err != nil {
		return nil, err
	}
	var p *domain.Package
	err = s.DB.Write(ctx, func(tx *store.Tx) (err error) {
		if p, err = tx.CreatePackage(ac.OrgID, ac.ID, d); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "package.created", TargetType: "package", TargetID: p.ID, Details: map[string]string{"name": d.Name}})
	})
	return p, err
}

// Update implements domain.PackageService.
func (s *PackageService) Update(ctx context.Context, id string, d domain.PackageDefinition) (*domain.Package, error) {
	ac, err := require(ctx, domain.PermOrgManage)
	if err != nil {
		return nil, err
	}
	d.Normalize()
	if err := d.Validate(); err != nil {
		return nil, err
	}
	var p *domain.Package
	err = s.DB.Write(ctx, func(tx *store.Tx) (err error) {
		if p, err = tx.UpdatePackage(ac.OrgID, id, ac.ID, d); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "package.updated", TargetType: "package", TargetID: id, Details: map[string]string{"version": itoa(int64(p.Version))}})
	})
	return p, err
}

// Archive implements domain.PackageService.
func (s *PackageService) Archive(ctx context.Context, id string) error {
	ac, err := require(ctx, domain.PermOrgManage)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.ArchivePackage(ac.OrgID, id); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "package.archived", TargetType: "package", TargetID: id})
	})
}

// installTemplates gives a new organisation a copy of every built-in
// package template.
func installTemplates(tx *store.Tx, orgID string) error {
	for _, t := range domain.PackageTemplates {
		d := t
		d.Categories = append([]domain.PackageCategory(nil), t.Categories...)
		if _, err := tx.CreatePackage(orgID, "", d); err != nil {
			return err
		}
	}
	return nil
}
