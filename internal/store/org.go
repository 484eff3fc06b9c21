package store

import (
	"github.com/bgcheck/bgcheck/internal/domain"
)

const orgColumns = `id, name, cvr, address, dpo_name, dpo_email, dpo_phone, created_at, updated_at`

func scanOrg(s scanner) (*domain.Organisation, error) {
	var o domain.Organisation
	var created, updated int64
	err := s.Scan(&o.ID, &o.Name, &o.CVR, &o.Address, &o.DPOName, &o.DPOEmail, &o.DPOPhone, &created, &updated)
	if err != nil {
		return nil, err
	}
	o.CreatedAt, o.UpdatedAt = fromMS(created), fromMS(updated)
	return &o, nil
}

// CreateOrganisation inserts an organisation with a new id.
func (tx *Tx) CreateOrganisation(u domain.OrganisationUpdate) (*domain.Organisation, error) {
	o := &domain.Organisation{
		ID: NewID(), Name: u.Name, CVR: u.CVR, Address: u.Address,
		DPOName: u.DPOName, DPOEmail: u.DPOEmail, DPOPhone: u.DPOPhone,
		CreatedAt: tx.Now, UpdatedAt: tx.Now,
	}
	_, err := tx.exec(`INSERT INTO organisations (`+orgColumns+`) VALUES (?,?,?,?,?,?,?,?,?)`,
		o.ID, o.Name, o.CVR, o.Address, o.DPOName, o.DPOEmail, o.DPOPhone, ms(o.CreatedAt), ms(o.UpdatedAt))
	if err != nil {
		return nil, err
	}
	return o, nil
}

// Organisation returns one organisation.
func (tx *Tx) Organisation(id string) (*domain.Organisation, error) {
	o, err := scanOrg(tx.queryRow(`SELECT `+orgColumns+` FROM organisations WHERE id = ?`, id))
	return o, notFound(err, "organisation")
}

// OrganisationByName returns the organisation with exactly this name; used
// by operators on the command line.
func (tx *Tx) OrganisationByName(name string) (*domain.Organisation, error) {
	o, err := scanOrg(tx.queryRow(`SELECT `+orgColumns+` FROM organisations WHERE name = ? ORDER BY created_at LIMIT 1`, name))
	return o, notFound(err, "organisation")
}

// Organisations lists every organisation, oldest first. Operator use only.
func (tx *Tx) Organisations() ([]*domain.Organisation, error) {
	rows, err := tx.query(`SELECT ` + orgColumns + ` FROM organisations ORDER BY created_at, id`)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanOrg)
}

// UpdateOrganisation replaces an organisation's editable settings.
func (tx *Tx) UpdateOrganisation(id string, u domain.OrganisationUpdate) error {
	return tx.execOne("organisation", `UPDATE organisations SET name = ?, cvr = ?, address = ?, dpo_name = ?, dpo_email = ?, dpo_phone = ?, updated_at = ? WHERE id = ?`,
		u.Name, u.CVR, u.Address, u.DPOName, u.DPOEmail, u.DPOPhone, ms(tx.Now), id)
}
