package store

import (
	"encoding/json"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func scanPackage(s scanner) (*domain.Package, error) {
	var p domain.Package
	var def string
	var created, updated, archived int64
	if err := s.Scan(&p.ID, &p.OrgID, &p.Version, &def, &created, &updated, &archived); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(def), &p.Definition); err != nil {
		return nil, err
	}
	p.CreatedAt, p.UpdatedAt, p.ArchivedAt = fromMS(created), fromMS(updated), fromMS(archived)
	return &p, nil
}

const packageSelect = `SELECT p.id, p.org_id, v.version, v.definition, p.created_at, p.updated_at, p.archived_at
	FROM packages p JOIN package_versions v ON v.package_id = p.id`

// CreatePackage stores a new package at version 1.
func (tx *Tx) CreatePackage(orgID, createdBy string, d domain.PackageDefinition) (*domain.Package, error) {
	p := &domain.Package{ID: NewID(), OrgID: orgID, Version: 1, Definition: d, CreatedAt: tx.Now, UpdatedAt: tx.Now}
	if _, err := tx.exec(`INSERT INTO packages (id, org_id, version, name, created_at, updated_at) VALUES (?,?,?,?,?,?)`,
		p.ID, orgID, 1, d.Name, ms(tx.Now), ms(tx.Now)); err != nil {
		return nil, err
	}
	return p, tx.insertPackageVersion(p, createdBy)
}

func (tx *Tx) insertPackageVersion(p *domain.Package, createdBy string) error {
	def, err := json.Marshal(p.Definition)
	if err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO package_versions (package_id, org_id, version, definition, created_by, created_at) VALUES (?,?,?,?,?,?)`,
		p.ID, p.OrgID, p.Version, string(def), createdBy, ms(tx.Now))
	return err
}

// UpdatePackage stores d as the package's next version.
func (tx *Tx) UpdatePackage(orgID, id, updatedBy string, d domain.PackageDefinition) (*domain.Package, error) {
	p, err := tx.Package(orgID, id)
	if err != nil {
		return nil, err
	}
	p.Version++
	p.Definition, p.UpdatedAt = d, tx.Now
	if err := tx.execOne("package", `UPDATE packages SET version = ?, name = ?, updated_at = ? WHERE org_id = ? AND id = ? AND version = ?`,
		p.Version, d.Name, ms(tx.Now), orgID, id, p.Version-1); err != nil {
		return nil, err
	}
	return p, tx.insertPackageVersion(p, updatedBy)
}

// ArchivePackage hides a package from new cases; existing cases keep it.
func (tx *Tx) ArchivePackage(orgID, id string) error {
	return tx.execOne("package", `UPDATE packages SET archived_at = ?, updated_at = ? WHERE org_id = ? AND id = ?`, ms(tx.Now), ms(tx.Now), orgID, id)
}

// Package returns a package at its current version.
func (tx *Tx) Package(orgID, id string) (*domain.Package, error) {
	p, err := scanPackage(tx.queryRow(packageSelect+` AND v.version = p.version WHERE p.org_id = ? AND p.id = ?`, orgID, id))
	return p, notFound(err, "package")
}

// PackageVersion returns one version of a package.
func (tx *Tx) PackageVersion(orgID, id string, version int) (*domain.Package, error) {
	p, err := scanPackage(tx.queryRow(packageSelect+` WHERE p.org_id = ? AND p.id = ? AND v.version = ?`, orgID, id, version))
	return p, notFound(err, "package")
}

// Packages lists an organisation's packages by name.
func (tx *Tx) Packages(orgID string, includeArchived bool) ([]*domain.Package, error) {
	q := packageSelect + ` AND v.version = p.version WHERE p.org_id = ?`
	if !includeArchived {
		q += ` AND p.archived_at = 0`
	}
	rows, err := tx.query(q+` ORDER BY p.name, p.id`, orgID)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanPackage)
}
