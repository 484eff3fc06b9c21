package income

import (
	"context"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
)

type countingRegister struct{ calls int }

func (r *countingRegister) Income(_ context.Context, _ string, p rules.Period) (Extract, error) {
	r.calls++
	return Extract{Payments: []Payment{pay("41000011", "Nordlys", p.From.String(), p.From.AddDays(30).String(), 1)}}, nil
}

func (r *countingRegister) Pension(context.Context, string) (Overview, error) {
	r.calls++
	return Overview{}, sources.NotFound(rules.SourcePension, nil)
}

func TestGuardedRegistersCacheAndAuditWithoutTheCPRNumber(t *testing.T) {
	var recs []sources.Lookup
	audit := sources.AuditorFunc(func(_ context.Context, l sources.Lookup) error { recs = append(recs, l); return nil })
	guard := func(src rules.Source) *sources.Guard {
		g, err := sources.NewGuard(sources.Config{Source: src, Auditor: audit, Cache: sources.NewMemoryCache(0, nil)})
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	reg := &countingRegister{}
	inc := Guarded(reg, guard(rules.SourceIncomeRegister))
	pen := GuardedPension(reg, guard(rules.SourcePension))
	ctx := sources.ForCase(context.Background(), "case-1")
	p := rules.Period{From: rules.MustDate("2021-11-23"), To: rules.MustDate("2026-11-22")}
	for range 2 {
		ex, err := inc.Income(ctx, "0101901234", p)
		if err != nil || len(ex.Payments) != 1 {
			t.Fatalf("Income = %+v, %v", ex, err)
		}
		if _, err := pen.Pension(ctx, "0101901234"); !sources.IsNotFound(err) {
			t.Fatalf("Pension err = %v", err)
		}
	}
	if reg.calls != 2 {
		t.Errorf("register called %d times, want 2 (then the cache)", reg.calls)
	}
	if recs[0].Detail != "period 2021-11-23..2026-11-22" || recs[0].Kind != KindIncome {
		t.Errorf("lookup = %+v", recs[0])
	}
	for _, l := range recs {
		if strings.Contains(l.Detail, "0101901234") {
			t.Errorf("CPR number in the audit record: %+v", l)
		}
	}
}
