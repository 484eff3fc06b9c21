package app

import (
	"context"

	"github.com/bgcheck/bgcheck/internal/auth"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// Operator holds the actions of `bgcheck admin`: people who run the
// service, acting on the command line without a UI session. Each action is
// audited in the organisation it touches, with actor type operator.
type Operator struct{ *App }

// Operator returns the operator actions.
func (a *App) Operator() *Operator { return &Operator{a} }

func operatorCtx(ctx context.Context, orgID string) context.Context {
	return domain.WithActor(ctx, domain.Actor{Type: domain.ActorOperator, OrgID: orgID, Label: "operator"})
}

// CreateOrganisation creates an organisation.
func (o *Operator) CreateOrganisation(ctx context.Context, u domain.OrganisationUpdate) (*domain.Organisation, error) {
	u.Normalize()
	if err := u.Validate(); err != nil {
		return nil, err
	}
	var org *domain.Organisation
	err := o.DB.Write(ctx, func(tx *store.Tx) (err error) {
		if org, err = tx.CreateOrganisation(u); err != nil {
			return err
		}
		if err := installTemplates(tx, org.ID); err != nil {
			return err
		}
		return o.record(operatorCtx(ctx, org.ID), tx, event{Action: "organisation.created", TargetType: "organisation", TargetID: org.ID})
	})
	return org, err
}

// Organisations lists every organisation.
func (o *Operator) Organisations(ctx context.Context) ([]*domain.Organisation, error) {
	var out []*domain.Organisation
	err := o.DB.Read(ctx, func(tx *store.Tx) (err error) { out, err = tx.Organisations(); return err })
	return out, err
}

// FindOrganisation returns an organisation by id or, failing that, by
// exact name.
func (o *Operator) FindOrganisation(ctx context.Context, idOrName string) (*domain.Organisation, error) {
	var org *domain.Organisation
	err := o.DB.Read(ctx, func(tx *store.Tx) (err error) {
		org, err = tx.Organisation(idOrName)
		if domain.IsNotFound(err) {
			org, err = tx.OrganisationByName(idOrName)
		}
		return err
	})
	return org, err
}

// CreateUser creates a user in an organisation. With a password the user
// is active at once and enrols a second factor at first sign-in; without
// one an invitation is e-mailed.
func (o *Operator) CreateUser(ctx context.Context, orgID string, n domain.NewUser, password string) (*domain.User, error) {
	n.Normalize()
	if err := n.Validate(); err != nil {
		return nil, err
	}
	var hash string
	if password != "" {
		if err := auth.CheckPassword(password, n.Email, n.Name); err != nil {
			return nil, err
		}
		var err error
		if hash, err = auth.HashPassword(password); err != nil {
			return nil, err
		}
	}
	ctx = operatorCtx(ctx, orgID)
	var u *domain.User
	err := o.DB.Write(ctx, func(tx *store.Tx) (err error) {
		if _, err := tx.Organisation(orgID); err != nil {
			return err
		}
		status := domain.UserInvited
		if hash != "" {
			status = domain.UserActive
		}
		if u, err = tx.CreateUser(orgID, n, status); err != nil {
			return err
		}
		if hash != "" {
			if err := tx.SetPassword(orgID, u.ID, hash); err != nil {
				return err
			}
		} else if err := (&UserService{o.App}).invite(ctx, tx, u); err != nil {
			return err
		}
		return o.record(ctx, tx, event{Action: "user.created", TargetType: "user", TargetID: u.ID, Details: map[string]string{"email": u.Email, "role": string(u.Role)}})
	})
	return u, err
}

// Users lists an organisation's users.
func (o *Operator) Users(ctx context.Context, orgID string) ([]*domain.User, error) {
	var out []*domain.User
	err := o.DB.Read(ctx, func(tx *store.Tx) (err error) {
		if _, err := tx.Organisation(orgID); err != nil {
			return err
		}
		out, err = tx.Users(orgID, domain.UserFilter{})
		return err
	})
	return out, err
}

// ResetSecondFactor removes the second factor of the user with the e-mail.
func (o *Operator) ResetSecondFactor(ctx context.Context, email string) (*domain.User, error) {
	var u *domain.User
	err := o.DB.Write(ctx, func(tx *store.Tx) (err error) {
		if u, err = tx.UserByEmail(email); err != nil {
			return err
		}
		return resetSecondFactor(operatorCtx(ctx, u.OrgID), o.App, tx, u.OrgID, u.ID)
	})
	return u, err
}
