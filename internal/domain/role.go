package domain

import "slices"

// Role is a company user's role within one organisation.
type Role string

// The roles of DOMAIN §2.
const (
	RoleOwner       Role = "owner"
	RoleAdmin       Role = "admin"
	RoleCaseHandler Role = "case_handler"
	RoleReviewer    Role = "reviewer"
	RoleAuditor     Role = "auditor"
	RoleDPO         Role = "dpo"
)

// Roles lists every role in display order.
var Roles = []Role{RoleOwner, RoleAdmin, RoleCaseHandler, RoleReviewer, RoleAuditor, RoleDPO}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Permission names one thing a route lets a user do.
type Permission string

// Permissions. Every company route declares exactly one.
const (
	PermAuthenticated Permission = "authenticated" // any signed-in user, e.g. the dashboard
	PermUsersRead     Permission = "users.read"
	PermUsersManage   Permission = "users.manage"
	PermOrgRead       Permission = "org.read"
	PermOrgManage     Permission = "org.manage"
	PermAuditRead     Permission = "audit.read"
	PermCasesRead     Permission = "cases.read"
	PermCasesManage   Permission = "cases.manage"
	PermCasesDecide   Permission = "cases.decide"
	PermPrivacyManage Permission = "privacy.manage"
	// PermIntegrationsRead shows webhook endpoints, their delivery log
	// and the event log; PermIntegrationsManage changes endpoints.
	PermIntegrationsRead   Permission = "integrations.read"
	PermIntegrationsManage Permission = "integrations.manage"
)

// grants is the role matrix. Owners can do everything admins can and may
// also manage other owners (see CanAssign).
var grants = map[Role][]Permission{
	RoleOwner:       {PermAuthenticated, PermUsersRead, PermUsersManage, PermOrgRead, PermOrgManage, PermAuditRead, PermCasesRead, PermCasesManage, PermCasesDecide, PermPrivacyManage, PermIntegrationsRead, PermIntegrationsManage},
	RoleAdmin:       {PermAuthenticated, PermUsersRead, PermUsersManage, PermOrgRead, PermOrgManage, PermAuditRead, PermCasesRead, PermCasesManage, PermIntegrationsRead, PermIntegrationsManage},
	RoleCaseHandler: {PermAuthenticated, PermCasesRead, PermCasesManage},
	RoleReviewer:    {PermAuthenticated, PermCasesRead, PermCasesDecide},
	RoleAuditor:     {PermAuthenticated, PermUsersRead, PermOrgRead, PermAuditRead, PermCasesRead, PermIntegrationsRead},
	RoleDPO:         {PermAuthenticated, PermOrgRead, PermAuditRead, PermPrivacyManage},
}

// Can reports whether role r holds permission p.
func (r Role) Can(p Permission) bool { return slices.Contains(grants[r], p) }

// CanAssign reports whether a user with role r may give or take role target.
// Only owners may create, change or remove owners.
func (r Role) CanAssign(target Role) bool {
	if !r.Can(PermUsersManage) || !target.Valid() {
		return false
	}
	return target != RoleOwner || r == RoleOwner
}
