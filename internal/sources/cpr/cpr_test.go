package cpr

import (
	"context"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
)

func TestCheck(t *testing.T) {
	for _, n := range []string{"0101901234", "0303014236"} {
		if err := Check(n); err != nil {
			t.Errorf("Check(%s) = %v", n, err)
		}
	}
	for _, n := range []string{"", "010190-1234", "3102901234", "01019012345", "abcdefghij"} {
		if err := Check(n); !sources.IsInvalid(err) {
			t.Errorf("Check(%q) = %v, want invalid", n, err)
		}
	}
}

type fakeOffice struct{ calls int }

func (f *fakeOffice) Person(_ context.Context, n string) (rules.CPRRecord, error) {
	f.calls++
	if err := Check(n); err != nil {
		return rules.CPRRecord{}, err
	}
	return rules.CPRRecord{Name: "Karen Prøvesen", Status: rules.CPRActive}, nil
}

func TestGuardedCachesPerCaseAndKeepsTheNumberOutOfTheAudit(t *testing.T) {
	var recs []sources.Lookup
	g, err := sources.NewGuard(sources.Config{Source: rules.SourceCPR, Cache: sources.NewMemoryCache(0, nil),
		Auditor: sources.AuditorFunc(func(_ context.Context, l sources.Lookup) error { recs = append(recs, l); return nil })})
	if err != nil {
		t.Fatal(err)
	}
	office := &fakeOffice{}
	sub := Guarded(office, g)
	ctx := sources.ForCase(context.Background(), "case-1")
	for range 2 {
		if rec, err := sub.Person(ctx, "0101901234"); err != nil || rec.Name != "Karen Prøvesen" {
			t.Fatalf("Person = %+v, %v", rec, err)
		}
	}
	if _, err := sub.Person(ctx, "0101"); !sources.IsInvalid(err) {
		t.Errorf("invalid number: %v", err)
	}
	if office.calls != 2 {
		t.Errorf("office asked %d times, want 2 (one answer cached, one invalid)", office.calls)
	}
	for _, l := range recs {
		if l.Kind != KindPerson || strings.Contains(l.Detail, "0101") {
			t.Errorf("lookup = %+v", l)
		}
	}
	if !recs[1].Cached || recs[2].Outcome != sources.OutcomeInvalid {
		t.Errorf("lookups = %+v", recs)
	}
}
