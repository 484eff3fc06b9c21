package api

import (
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Public marks a route that needs no API key (the OpenAPI document).
const Public domain.APIScope = ""

// Route is one line of the API's route table. Adding a resource is adding
// lines here and the matching operations to openapi.json; a test fails
// when the two disagree.
type Route struct {
	Method  string
	Pattern string
	// Scope is what the key must hold, or Public.
	Scope domain.APIScope

	handler handlerFunc
}

// handlerFunc serves a request that has passed the guard; a returned
// error becomes a problem response.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// routes is the whole API route table.
func (s *Server) routes() []Route {
	return []Route{
		{Method: "GET", Pattern: "/api/v1/openapi.json", Scope: Public, handler: s.openAPI},

		{Method: "GET", Pattern: "/api/v1/packages", Scope: domain.ScopePackagesRead, handler: s.packagesList},
		{Method: "GET", Pattern: "/api/v1/packages/{id}", Scope: domain.ScopePackagesRead, handler: s.packageGet},

		{Method: "POST", Pattern: "/api/v1/cases", Scope: domain.ScopeCasesWrite, handler: s.caseCreate},
		{Method: "GET", Pattern: "/api/v1/cases", Scope: domain.ScopeCasesRead, handler: s.casesList},
		{Method: "GET", Pattern: "/api/v1/cases/{id}", Scope: domain.ScopeCasesRead, handler: s.caseGet},
		{Method: "POST", Pattern: "/api/v1/cases/{id}/cancel", Scope: domain.ScopeCasesWrite, handler: s.caseCancel},
		{Method: "POST", Pattern: "/api/v1/cases/{id}/resend", Scope: domain.ScopeCasesWrite, handler: s.caseResend},

		{Method: "GET", Pattern: "/api/v1/cases/{id}/findings", Scope: domain.ScopeFindingsRead, handler: s.findingsList},
		{Method: "POST", Pattern: "/api/v1/cases/{id}/findings/{key}/resolve", Scope: domain.ScopeFindingsWrite, handler: s.findingResolve},
	}
}

// Routes returns the route table without handlers, for tests and tools
// that walk every route (the OpenAPI check, the tenancy walk).
func Routes() []Route {
	rs := (&Server{}).routes()
	for i := range rs {
		rs[i].handler = nil
	}
	return rs
}
