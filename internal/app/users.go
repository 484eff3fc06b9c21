package app

import (
	"context"
	"strconv"
	"time"

	"github.com/bgcheck/bgcheck/internal/auth"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// UserService implements domain.UserService.
type UserService struct{ *App }

// InvitationTTL is how long an invitation link stays valid.
const InvitationTTL = 7 * 24 * time.Hour

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// List implements domain.UserService.
func (s *UserService) List(ctx context.Context, f domain.UserFilter) ([]*domain.User, error) {
	ac, err := require(ctx, domain.PermUsersRead)
	if err != nil {
		return nil, err
	}
	var out []*domain.User
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) { out, err = tx.Users(ac.OrgID, f); return err })
	return out, err
}

// Get implements domain.UserService.
func (s *UserService) Get(ctx context.Context, id string) (*domain.User, error) {
	ac, err := require(ctx, domain.PermUsersRead)
	if err != nil {
		return nil, err
	}
	var u *domain.User
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) { u, err = tx.User(ac.OrgID, id); return err })
	return u, err
}

// Invite implements domain.UserService.
func (s *UserService) Invite(ctx context.Context, n domain.NewUser) (*domain.User, error) {
	ac, err := require(ctx, domain.PermUsersManage)
	if err != nil {
		return nil, err
	}
	n.Normalize()
	if err := n.Validate(); err != nil {
		return nil, err
	}
	if !ac.Role.CanAssign(n.Role) {
		return nil, &domain.Error{Code: domain.EForbidden, Message: "error.role_not_allowed", Fields: map[string]string{"role": "error.role_not_allowed"}}
	}
	var u *domain.User
	err = s.DB.Write(ctx, func(tx *store.Tx) (err error) {
		if u, err = tx.CreateUser(ac.OrgID, n, domain.UserInvited); err != nil {
			return err
		}
		if err := s.invite(ctx, tx, u); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "user.invite", TargetType: "user", TargetID: u.ID, Details: map[string]string{"email": u.Email, "role": string(u.Role)}})
	})
	return u, err
}

// invite stores a new invitation for u and enqueues its e-mail in tx.
func (s *UserService) invite(ctx context.Context, tx *store.Tx, u *domain.User) error {
	token, hash := auth.NewToken()
	ac := domain.ActorFrom(ctx)
	if _, err := tx.CreateInvitation(u.OrgID, u.ID, ac.ID, hash, InvitationTTL); err != nil {
		return err
	}
	org, err := tx.Organisation(u.OrgID)
	if err != nil {
		return err
	}
	lang := domain.RequestFrom(ctx).Lang
	data := map[string]any{
		"OrgName": org.Name, "InviterName": ac.Label, "Link": s.BaseURL + "/invitation/" + token,
		"ExpiresDays": int(InvitationTTL / (24 * time.Hour)), "Name": u.Name,
	}
	return s.enqueueMail(tx, u.OrgID, outgoingMail{
		To: u.Email, Owner: u.ID,
		Subject: s.Translator.T(lang, "mail.invite.subject", data),
		Text:    s.Translator.T(lang, "mail.invite.body", data),
	})
}

// ResendInvitation implements domain.UserService.
func (s *UserService) ResendInvitation(ctx context.Context, id string) error {
	ac, err := require(ctx, domain.PermUsersManage)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		u, err := tx.User(ac.OrgID, id)
		if err != nil {
			return err
		}
		if u.Status != domain.UserInvited {
			return domain.Errorf(domain.EConflict, "error.conflict")
		}
		if err := s.invite(ctx, tx, u); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "user.invitation_resent", TargetType: "user", TargetID: u.ID})
	})
}

// manage loads a user the acting user may administer: not themselves, and
// owners only by owners.
func manage(ctx context.Context, tx *store.Tx, id string) (domain.Actor, *domain.User, error) {
	ac, err := require(ctx, domain.PermUsersManage)
	if err != nil {
		return ac, nil, err
	}
	u, err := tx.User(ac.OrgID, id)
	if err != nil {
		return ac, nil, err
	}
	if u.ID == ac.ID {
		return ac, nil, domain.Errorf(domain.EForbidden, "error.self_action")
	}
	if !ac.Role.CanAssign(u.Role) {
		return ac, nil, domain.Errorf(domain.EForbidden, "error.role_not_allowed")
	}
	return ac, u, nil
}

// keepAnOwner refuses a change that would leave the organisation without
// an active owner.
func keepAnOwner(tx *store.Tx, u *domain.User) error {
	if u.Role != domain.RoleOwner || u.Status != domain.UserActive {
		return nil
	}
	n, err := tx.CountActiveOwners(u.OrgID)
	if err != nil {
		return err
	}
	if n <= 1 {
		return domain.Errorf(domain.EConflict, "error.last_owner")
	}
	return nil
}

// ChangeRole implements domain.UserService.
func (s *UserService) ChangeRole(ctx context.Context, id string, role domain.Role) error {
	if !role.Valid() {
		return &domain.Error{Code: domain.EInvalid, Message: "error.role", Fields: map[string]string{"role": "error.role"}}
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		ac, u, err := manage(ctx, tx, id)
		if err != nil {
			return err
		}
		if !ac.Role.CanAssign(role) {
			return domain.Errorf(domain.EForbidden, "error.role_not_allowed")
		}
		if u.Role == role {
			return nil
		}
		if role != domain.RoleOwner {
			if err := keepAnOwner(tx, u); err != nil {
				return err
			}
		}
		if err := tx.SetUserRole(ac.OrgID, id, role); err != nil {
			return err
		}
		// The new role applies from the next sign-in: end current sessions.
		if _, err := tx.DeleteUserSessions(ac.OrgID, id, nil); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "user.role_changed", TargetType: "user", TargetID: id, Details: map[string]string{"from": string(u.Role), "to": string(role)}})
	})
}

// SetDisabled implements domain.UserService.
func (s *UserService) SetDisabled(ctx context.Context, id string, disabled bool) error {
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		ac, u, err := manage(ctx, tx, id)
		if err != nil {
			return err
		}
		if disabled {
			if u.Status == domain.UserDisabled {
				return nil
			}
			if err := keepAnOwner(tx, u); err != nil {
				return err
			}
			if err := tx.SetUserStatus(ac.OrgID, id, domain.UserDisabled); err != nil {
				return err
			}
			if _, err := tx.DeleteUserSessions(ac.OrgID, id, nil); err != nil {
				return err
			}
			if err := tx.RevokeInvitations(ac.OrgID, id); err != nil {
				return err
			}
			return s.record(ctx, tx, event{Action: "user.disabled", TargetType: "user", TargetID: id})
		}
		if u.Status != domain.UserDisabled {
			return nil
		}
		creds, err := tx.Credentials(ac.OrgID, id)
		if err != nil {
			return err
		}
		st := domain.UserActive
		if creds.PasswordHash == "" {
			st = domain.UserInvited // never accepted: must be invited again
		}
		if err := tx.SetUserStatus(ac.OrgID, id, st); err != nil {
			return err
		}
		return s.record(ctx, tx, event{Action: "user.enabled", TargetType: "user", TargetID: id})
	})
}

// ResetSecondFactor implements domain.UserService.
func (s *UserService) ResetSecondFactor(ctx context.Context, id string) error {
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		ac, _, err := manage(ctx, tx, id)
		if err != nil {
			return err
		}
		return resetSecondFactor(ctx, s.App, tx, ac.OrgID, id)
	})
}

func resetSecondFactor(ctx context.Context, a *App, tx *store.Tx, orgID, id string) error {
	if err := tx.ResetTOTP(orgID, id); err != nil {
		return err
	}
	if _, err := tx.DeleteUserSessions(orgID, id, nil); err != nil {
		return err
	}
	return a.record(ctx, tx, event{OrgID: orgID, Action: "user.second_factor_reset", TargetType: "user", TargetID: id})
}
