package company

import (
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Access markers for routes that need no permission. They share the type of
// domain.Permission so that every line of the route table names its access
// rule in the same column; no role holds them.
const (
	// Public routes need no sign-in. A session, if present, is loaded (for
	// the CSRF token and the page header).
	Public domain.Permission = "public"
	// SecondFactor routes need a session at any stage: the second-factor
	// pages and logout.
	SecondFactor domain.Permission = "second-factor"
	// Infra routes are GET-only machinery (health, metrics, assets): no
	// session is looked up and they render no page.
	Infra domain.Permission = "infra"
)

// Route is one line of the company route table.
type Route struct {
	Method  string
	Pattern string
	// Perm is the permission a complete session's role must hold, or one
	// of the markers Public, SecondFactor and Infra.
	Perm domain.Permission
	// DevOnly routes are served only when Config.DevMail is set.
	DevOnly bool

	handler http.HandlerFunc
}

// Protected reports whether the route requires a fully signed-in user
// whose role holds Perm.
func (rt Route) Protected() bool {
	return rt.Perm != Public && rt.Perm != SecondFactor && rt.Perm != Infra
}

// Allows reports whether a fully signed-in user with role may use the
// route, i.e. whether a request from them is answered with anything but
// 403 Forbidden.
func (rt Route) Allows(role domain.Role) bool {
	return !rt.Protected() || role.Can(rt.Perm)
}

// routes is the whole company route table.
func (s *Server) routes() []Route {
	return []Route{
		// Signing in and out.
		{Method: "GET", Pattern: "/login", Perm: Public, handler: s.loginForm},
		{Method: "POST", Pattern: "/login", Perm: Public, handler: s.login},
		{Method: "GET", Pattern: "/login/enrol", Perm: SecondFactor, handler: s.enrolForm},
		{Method: "POST", Pattern: "/login/enrol", Perm: SecondFactor, handler: s.enrol},
		{Method: "GET", Pattern: "/login/verify", Perm: SecondFactor, handler: s.verifyForm},
		{Method: "POST", Pattern: "/login/verify", Perm: SecondFactor, handler: s.verify},
		{Method: "POST", Pattern: "/logout", Perm: SecondFactor, handler: s.logout},
		{Method: "POST", Pattern: "/logout/all", Perm: domain.PermAuthenticated, handler: s.logoutAll},
		{Method: "GET", Pattern: "/invitation/{token}", Perm: Public, handler: s.invitationForm},
		{Method: "POST", Pattern: "/invitation/{token}", Perm: Public, handler: s.acceptInvitation},
		{Method: "POST", Pattern: "/lang", Perm: Public, handler: s.setLanguage},

		// The signed-in pages.
		{Method: "GET", Pattern: "/{$}", Perm: domain.PermAuthenticated, handler: s.dashboard},
		{Method: "GET", Pattern: "/cases", Perm: domain.PermCasesRead, handler: s.casesList},
		{Method: "GET", Pattern: "/cases/new", Perm: domain.PermCasesManage, handler: s.caseNewForm},
		{Method: "POST", Pattern: "/cases/new", Perm: domain.PermCasesManage, handler: s.caseCreate},
		{Method: "GET", Pattern: "/cases/bulk", Perm: domain.PermCasesManage, handler: s.caseBulkForm},
		{Method: "POST", Pattern: "/cases/bulk", Perm: domain.PermCasesManage, handler: s.caseBulk},
		{Method: "GET", Pattern: "/cases/{id}", Perm: domain.PermCasesRead, handler: s.caseShow},
		{Method: "GET", Pattern: "/cases/{id}/documents/{doc}", Perm: domain.PermCasesRead, handler: s.caseDocument},
		{Method: "POST", Pattern: "/cases/{id}/findings/resolve", Perm: domain.PermCasesManage, handler: s.caseResolveFinding},
		{Method: "POST", Pattern: "/cases/{id}/reanalyse", Perm: domain.PermCasesManage, handler: s.caseReanalyse},
		{Method: "GET", Pattern: "/cases/{id}/report.pdf", Perm: domain.PermCasesRead, handler: s.caseReport},
		{Method: "POST", Pattern: "/cases/{id}/decision", Perm: domain.PermCasesDecide, handler: s.caseDecide},
		{Method: "POST", Pattern: "/cases/{id}/decision/confirm", Perm: domain.PermCasesDecide, handler: s.caseConfirmDecision},
		{Method: "POST", Pattern: "/cases/{id}/decision/reopen", Perm: domain.PermCasesDecide, handler: s.caseReopenDecision},
		{Method: "POST", Pattern: "/cases/{id}/employer-contacts", Perm: domain.PermCasesManage, handler: s.caseEmployerContact},
		{Method: "POST", Pattern: "/cases/{id}/verify-identity", Perm: domain.PermCasesManage, handler: s.caseVerifyIdentity},
		{Method: "POST", Pattern: "/cases/{id}/assign", Perm: domain.PermCasesManage, handler: s.caseAssign},
		{Method: "POST", Pattern: "/cases/{id}/resend", Perm: domain.PermCasesManage, handler: s.caseResend},
		{Method: "POST", Pattern: "/cases/{id}/email", Perm: domain.PermCasesManage, handler: s.caseChangeEmail},
		{Method: "POST", Pattern: "/cases/{id}/cancel", Perm: domain.PermCasesManage, handler: s.caseCancel},
		{Method: "GET", Pattern: "/packages", Perm: domain.PermCasesRead, handler: s.packagesList},
		{Method: "GET", Pattern: "/packages/new", Perm: domain.PermOrgManage, handler: s.packageNewForm},
		{Method: "POST", Pattern: "/packages/new", Perm: domain.PermOrgManage, handler: s.packageCreate},
		{Method: "GET", Pattern: "/packages/{id}", Perm: domain.PermCasesRead, handler: s.packageShow},
		{Method: "GET", Pattern: "/packages/{id}/edit", Perm: domain.PermOrgManage, handler: s.packageEditForm},
		{Method: "POST", Pattern: "/packages/{id}/edit", Perm: domain.PermOrgManage, handler: s.packageUpdate},
		{Method: "POST", Pattern: "/packages/{id}/archive", Perm: domain.PermOrgManage, handler: s.packageArchive},
		{Method: "GET", Pattern: "/users", Perm: domain.PermUsersRead, handler: s.usersList},
		{Method: "GET", Pattern: "/users/invite", Perm: domain.PermUsersManage, handler: s.inviteForm},
		{Method: "POST", Pattern: "/users/invite", Perm: domain.PermUsersManage, handler: s.invite},
		{Method: "GET", Pattern: "/users/{id}", Perm: domain.PermUsersRead, handler: s.userShow},
		{Method: "POST", Pattern: "/users/{id}/role", Perm: domain.PermUsersManage, handler: s.userRole},
		{Method: "POST", Pattern: "/users/{id}/disable", Perm: domain.PermUsersManage, handler: s.userDisable},
		{Method: "POST", Pattern: "/users/{id}/enable", Perm: domain.PermUsersManage, handler: s.userEnable},
		{Method: "POST", Pattern: "/users/{id}/reset-2fa", Perm: domain.PermUsersManage, handler: s.userResetSecondFactor},
		{Method: "POST", Pattern: "/users/{id}/resend-invitation", Perm: domain.PermUsersManage, handler: s.userResendInvitation},
		{Method: "GET", Pattern: "/audit", Perm: domain.PermAuditRead, handler: s.auditList},
		{Method: "POST", Pattern: "/audit/{seq}/personal", Perm: domain.PermAuditRead, handler: s.auditPersonal},
		{Method: "GET", Pattern: "/settings/organisation", Perm: domain.PermOrgRead, handler: s.orgForm},
		{Method: "POST", Pattern: "/settings/organisation", Perm: domain.PermOrgManage, handler: s.orgUpdate},
		{Method: "GET", Pattern: "/settings/webhooks", Perm: domain.PermIntegrationsRead, handler: s.webhooksList},
		{Method: "POST", Pattern: "/settings/webhooks", Perm: domain.PermIntegrationsManage, handler: s.webhookCreate},
		{Method: "GET", Pattern: "/settings/webhooks/{id}", Perm: domain.PermIntegrationsRead, handler: s.webhookShow},
		{Method: "POST", Pattern: "/settings/webhooks/{id}", Perm: domain.PermIntegrationsManage, handler: s.webhookUpdate},
		{Method: "POST", Pattern: "/settings/webhooks/{id}/rotate", Perm: domain.PermIntegrationsManage, handler: s.webhookRotate},
		{Method: "POST", Pattern: "/settings/webhooks/{id}/ping", Perm: domain.PermIntegrationsManage, handler: s.webhookPing},
		{Method: "POST", Pattern: "/settings/webhooks/{id}/delete", Perm: domain.PermIntegrationsManage, handler: s.webhookDelete},
		{Method: "POST", Pattern: "/settings/webhooks/{id}/deliveries/{delivery}/redeliver", Perm: domain.PermIntegrationsManage, handler: s.webhookRedeliver},
		{Method: "GET", Pattern: "/settings/api-keys", Perm: domain.PermIntegrationsRead, handler: s.apiKeysList},
		{Method: "POST", Pattern: "/settings/api-keys", Perm: domain.PermIntegrationsManage, handler: s.apiKeyCreate},
		{Method: "POST", Pattern: "/settings/api-keys/{id}/revoke", Perm: domain.PermIntegrationsManage, handler: s.apiKeyRevoke},
		{Method: "GET", Pattern: "/account/password", Perm: domain.PermAuthenticated, handler: s.passwordForm},
		{Method: "POST", Pattern: "/account/password", Perm: domain.PermAuthenticated, handler: s.changePassword},

		// Machinery.
		{Method: "GET", Pattern: "/static/", Perm: Infra, handler: s.static},
		{Method: "GET", Pattern: "/healthz", Perm: Infra, handler: s.healthz},
		{Method: "GET", Pattern: "/readyz", Perm: Infra, handler: s.readyz},
		{Method: "GET", Pattern: "/metrics", Perm: Infra, handler: s.metrics},
		{Method: "GET", Pattern: "/dev/mail", Perm: Public, DevOnly: true, handler: s.devMail},
	}
}

// Routes returns the company route table without handlers, for tests and
// tools that walk every route (role matrix, tenancy walk).
func Routes() []Route {
	rs := (&Server{}).routes()
	for i := range rs {
		rs[i].handler = nil
	}
	return rs
}

// secretPathPrefixes are paths whose remainder is a secret token; the
// access log shows them redacted.
var secretPathPrefixes = []string{"/invitation/"}

// RedactPath replaces the secret part of a path (an invitation token) with
// "REDACTED" so that it never reaches a log.
func RedactPath(p string) string {
	for _, prefix := range secretPathPrefixes {
		if len(p) > len(prefix) && p[:len(prefix)] == prefix {
			return prefix + "REDACTED"
		}
	}
	return p
}
