package app

import (
	"context"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// OrganisationService implements domain.OrganisationService.
type OrganisationService struct{ *App }

// Get implements domain.OrganisationService.
func (s *OrganisationService) Get(ctx context.Context) (*domain.Organisation, error) {
	ac, err := require(ctx, domain.PermOrgRead)
	if err != nil {
		return nil, err
	}
	var o *domain.Organisation
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) { o, err = tx.Organisation(ac.OrgID); return err })
	return o, err
}

// Update implements domain.OrganisationService.
func (s *OrganisationService) Update(ctx context.Context, u domain.OrganisationUpdate) (*domain.Organisation, error) {
	ac, err := require(ctx, domain.PermOrgManage)
	if err != nil {
		return nil, err
	}
	u.Normalize()
	if err := u.Validate(); err != nil {
		return nil, err
	}
	var o *domain.Organisation
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.UpdateOrganisation(ac.OrgID, u); err != nil {
			return err
		}
		if err := s.record(ctx, tx, event{Action: "organisation.updated", TargetType: "organisation", TargetID: ac.OrgID}); err != nil {
			return err
		}
		o, err = tx.Organisation(ac.OrgID)
		return err
	})
	return o, err
}
