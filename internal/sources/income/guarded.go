package income

import (
	"context"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
)

// Query kinds of these registers, as audited.
const (
	KindIncome  = "income_history"
	KindPension = "pension_overview"
)

// Guarded returns r with g's timeout, retries, circuit breaker, per-case
// cache and audit around every call. g's source should be
// rules.SourceIncomeRegister. The audit record names the period asked
// for, never the CPR number.
func Guarded(r Register, g *sources.Guard) Register { return guardedIncome{r: r, g: g} }

type guardedIncome struct {
	r Register
	g *sources.Guard
}

func (x guardedIncome) Income(ctx context.Context, cpr string, p rules.Period) (Extract, error) {
	span := p.From.String() + ".." + p.To.String()
	q := sources.Query{Kind: KindIncome, Key: cpr + "\x00" + span, Detail: "period " + span}
	return sources.Call(ctx, x.g, q, func(ctx context.Context) (Extract, error) {
		return x.r.Income(ctx, cpr, p)
	})
}

// GuardedPension is Guarded for a pension register; g's source should be
// rules.SourcePension.
func GuardedPension(r PensionRegister, g *sources.Guard) PensionRegister {
	return guardedPension{r: r, g: g}
}

type guardedPension struct {
	r PensionRegister
	g *sources.Guard
}

func (x guardedPension) Pension(ctx context.Context, cpr string) (Overview, error) {
	return sources.Call(ctx, x.g, sources.Query{Kind: KindPension, Key: cpr}, func(ctx context.Context) (Overview, error) {
		return x.r.Pension(ctx, cpr)
	})
}
