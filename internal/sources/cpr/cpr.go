// Package cpr is the connector to a CPR-office subscription: the current
// name, address and status of a person bgcheck has already identified.
//
// A private company never gets CPR numbers from the CPR office. The number
// comes from the MitID broker's CPR match, with the subject's consent;
// with it, a customer that holds one of the CPR office's subscription
// products (CPR law §38) may look up the person's current name and
// address. That agreement is the customer's, so bgcheck ships only the
// interface and a sandbox implementation (package sandbox).
package cpr

import (
	"context"
	"errors"

	"github.com/bgcheck/bgcheck/internal/mitid"
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
)

// Subscription answers with the CPR register's current record of the
// person with CPR number cpr (ten digits): sources.KindNotFound when the
// register holds none, KindInvalid when cpr is not a CPR number.
type Subscription interface {
	Person(ctx context.Context, cpr string) (rules.CPRRecord, error)
}

// KindPerson is the query kind audited for a lookup.
const KindPerson = "person"

// Check returns a sources.KindInvalid error unless cpr is a CPR number.
// Implementations call it before asking the register.
func Check(cpr string) error {
	if !mitid.ValidCPR(cpr) {
		return sources.Invalid(rules.SourceCPR, errors.New("not a CPR number"))
	}
	return nil
}

// Guarded returns s with g's timeout, retries, circuit breaker, per-case
// cache and audit around every call. g's source should be
// rules.SourceCPR. The CPR number is neither audited nor kept in clear in
// the cache key.
func Guarded(s Subscription, g *sources.Guard) Subscription { return guarded{s: s, g: g} }

type guarded struct {
	s Subscription
	g *sources.Guard
}

func (x guarded) Person(ctx context.Context, cpr string) (rules.CPRRecord, error) {
	return sources.Call(ctx, x.g, sources.Query{Kind: KindPerson, Key: cpr}, func(ctx context.Context) (rules.CPRRecord, error) {
		return x.s.Person(ctx, cpr)
	})
}
