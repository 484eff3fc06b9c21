package webtest

import (
	"context"
	"slices"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Users returns the fake domain.UserService.
func (f *Fakes) Users() domain.UserService { return usersFake{f} }

type usersFake struct{ *Fakes }

func (u usersFake) List(ctx context.Context, flt domain.UserFilter) ([]*domain.User, error) {
	if err := u.call("Users.List"); err != nil {
		return nil, err
	}
	if err := u.require(ctx, domain.PermUsersRead); err != nil {
		return nil, err
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	u.LastUserFilter = flt
	var out []*domain.User
	for _, x := range u.users {
		if (flt.Role == "" || x.Role == flt.Role) && (flt.Status == "" || x.Status == flt.Status) &&
			(flt.Query == "" || strings.Contains(x.Email+" "+x.Name, flt.Query)) {
			c := *x
			out = append(out, &c)
		}
	}
	slices.SortFunc(out, func(a, b *domain.User) int { return strings.Compare(a.Email, b.Email) })
	out = out[min(flt.Offset, len(out)):]
	if flt.Limit > 0 && len(out) > flt.Limit {
		out = out[:flt.Limit]
	}
	return out, nil
}

func (u usersFake) Get(ctx context.Context, id string) (*domain.User, error) {
	if err := u.call("Users.Get"); err != nil {
		return nil, err
	}
	if err := u.require(ctx, domain.PermUsersRead); err != nil {
		return nil, err
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	x, ok := u.users[id]
	if !ok {
		return nil, notFound()
	}
	c := *x
	return &c, nil
}

func (u usersFake) Invite(ctx context.Context, n domain.NewUser) (*domain.User, error) {
	if err := u.call("Users.Invite"); err != nil {
		return nil, err
	}
	if err := u.require(ctx, domain.PermUsersManage); err != nil {
		return nil, err
	}
	if err := n.Validate(); err != nil {
		return nil, err
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	u.InviteLang = domain.RequestFrom(ctx).Lang
	for _, x := range u.users {
		if x.Email == n.Email {
			return nil, &domain.Error{Code: domain.EConflict, Message: "error.email_taken", Fields: map[string]string{"email": "error.email_taken"}}
		}
	}
	nu := &domain.User{ID: "user-" + randomHex()[:8], OrgID: OrgID, Email: n.Email, Name: n.Name, Role: n.Role, Status: domain.UserInvited}
	u.users[nu.ID] = nu
	c := *nu
	return &c, nil
}

// change applies fn to user id after the checks the real service makes.
func (u usersFake) change(ctx context.Context, name, id string, fn func(*domain.User) error) error {
	if err := u.call(name); err != nil {
		return err
	}
	if err := u.require(ctx, domain.PermUsersManage); err != nil {
		return err
	}
	a := domain.ActorFrom(ctx)
	u.mu.Lock()
	defer u.mu.Unlock()
	x, ok := u.users[id]
	if !ok {
		return notFound()
	}
	if x.ID == a.ID {
		return domain.Errorf(domain.EForbidden, "error.self_action")
	}
	return fn(x)
}

func (u usersFake) ResendInvitation(ctx context.Context, id string) error {
	return u.change(ctx, "Users.ResendInvitation", id, func(x *domain.User) error {
		if x.Status != domain.UserInvited {
			return domain.Errorf(domain.EConflict, "error.conflict")
		}
		return nil
	})
}

func (u usersFake) ChangeRole(ctx context.Context, id string, role domain.Role) error {
	a := domain.ActorFrom(ctx)
	return u.change(ctx, "Users.ChangeRole", id, func(x *domain.User) error {
		if !a.Role.CanAssign(role) || !a.Role.CanAssign(x.Role) {
			return domain.Errorf(domain.EForbidden, "error.role_not_allowed")
		}
		x.Role = role
		return nil
	})
}

func (u usersFake) SetDisabled(ctx context.Context, id string, disabled bool) error {
	return u.change(ctx, "Users.SetDisabled", id, func(x *domain.User) error {
		x.Status = domain.UserActive
		if disabled {
			x.Status = domain.UserDisabled
		}
		return nil
	})
}

func (u usersFake) ResetSecondFactor(ctx context.Context, id string) error {
	return u.change(ctx, "Users.ResetSecondFactor", id, func(x *domain.User) error {
		x.TOTPEnabled = false
		return nil
	})
}

// Orgs returns the fake domain.OrganisationService.
func (f *Fakes) Orgs() domain.OrganisationService { return orgsFake{f} }

type orgsFake struct{ *Fakes }

func (o orgsFake) Get(ctx context.Context) (*domain.Organisation, error) {
	if err := o.call("Orgs.Get"); err != nil {
		return nil, err
	}
	if err := o.require(ctx, domain.PermOrgRead); err != nil {
		return nil, err
	}
	org := o.Org()
	return &org, nil
}

func (o orgsFake) Update(ctx context.Context, upd domain.OrganisationUpdate) (*domain.Organisation, error) {
	if err := o.call("Orgs.Update"); err != nil {
		return nil, err
	}
	if err := o.require(ctx, domain.PermOrgManage); err != nil {
		return nil, err
	}
	if err := upd.Validate(); err != nil {
		return nil, err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.org.Name, o.org.CVR, o.org.Address = upd.Name, upd.CVR, upd.Address
	o.org.DPOName, o.org.DPOEmail, o.org.DPOPhone = upd.DPOName, upd.DPOEmail, upd.DPOPhone
	c := o.org
	return &c, nil
}

// Audit returns the fake domain.AuditService.
func (f *Fakes) Audit() domain.AuditService { return auditFake{f} }

type auditFake struct{ *Fakes }

func (a auditFake) List(ctx context.Context, flt domain.AuditFilter) ([]*domain.AuditEntry, error) {
	if err := a.call("Audit.List"); err != nil {
		return nil, err
	}
	if err := a.require(ctx, domain.PermAuditRead); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.LastAuditFilter = flt
	var out []*domain.AuditEntry
	for i := len(a.entries) - 1; i >= 0; i-- {
		e := a.entries[i]
		if (flt.BeforeSeq == 0 || e.Seq < flt.BeforeSeq) && strings.HasPrefix(e.Action, flt.Action) {
			out = append(out, e)
		}
		if flt.Limit > 0 && len(out) == flt.Limit {
			break
		}
	}
	return out, nil
}

func (a auditFake) Personal(ctx context.Context, seq int64) (map[string]string, error) {
	if err := a.call("Audit.Personal"); err != nil {
		return nil, err
	}
	if err := a.require(ctx, domain.PermAuditRead); err != nil {
		return nil, err
	}
	if seq == ErasedSeq {
		return nil, domain.Errorf(domain.ENotFound, "error.erased")
	}
	if seq < 1 || seq > 20 {
		return nil, notFound()
	}
	return map[string]string{"name": "Jens Jensen", "email": "jens@example.com"}, nil
}

// Health returns the fake domain.HealthService.
func (f *Fakes) Health() domain.HealthService { return healthFake{f} }

type healthFake struct{ *Fakes }

func (h healthFake) Ready(ctx context.Context) error {
	_ = h.call("Health.Ready")
	return h.NotReady
}
