package cvr

import (
	"context"
	"strings"

	"github.com/bgcheck/bgcheck/internal/sources"
)

// Query kinds of this register, as audited.
const (
	KindCompanyByNumber = "company_by_number"
	KindCompaniesByName = "companies_by_name"
	KindPersonRoles     = "person_roles"
)

// Guarded returns r with g's timeout, retries, circuit breaker, per-case
// cache and audit around every call. g's source should be
// rules.SourceCVR.
func Guarded(r Register, g *sources.Guard) Register { return guarded{r: r, g: g} }

type guarded struct {
	r Register
	g *sources.Guard
}

func (x guarded) CompanyByNumber(ctx context.Context, cvr string) (Company, error) {
	// A CVR number identifies a company, not a person, so it is audited.
	q := sources.Query{Kind: KindCompanyByNumber, Key: cvr}
	if n, err := NormaliseCVR(cvr); err == nil {
		q.Key, q.Detail = n, "cvr "+n
	}
	return sources.Call(ctx, x.g, q, func(ctx context.Context) (Company, error) {
		return x.r.CompanyByNumber(ctx, cvr)
	})
}

func (x guarded) CompaniesByName(ctx context.Context, name string) ([]Company, error) {
	// A company name can be a person's (sole proprietorships), so it is
	// not audited in clear.
	q := sources.Query{Kind: KindCompaniesByName, Key: strings.ToLower(strings.TrimSpace(name))}
	return sources.Call(ctx, x.g, q, func(ctx context.Context) ([]Company, error) {
		return x.r.CompaniesByName(ctx, name)
	})
}

func (x guarded) PersonRoles(ctx context.Context, p Person) (RoleResult, error) {
	q := sources.Query{Kind: KindPersonRoles, Key: personKey(p)}
	return sources.Call(ctx, x.g, q, func(ctx context.Context) (RoleResult, error) {
		return x.r.PersonRoles(ctx, p)
	})
}

// personKey identifies a person search for the cache: name and addresses.
func personKey(p Person) string {
	var b strings.Builder
	b.WriteString(p.Name)
	for _, a := range p.Addresses {
		b.WriteString("\x00" + a.Street + "\x1f" + a.PostalCode + "\x1f" + a.City + "\x1f" + a.Country)
	}
	return b.String()
}
