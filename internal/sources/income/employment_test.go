package income

import (
	"testing"

	"github.com/bgcheck/bgcheck/internal/rules"
)

func pay(cvr, name, from, to string, amount Amount) Payment {
	return Payment{Employer: Employer{CVR: cvr, Name: name},
		Period: rules.Period{From: rules.MustDate(from), To: rules.MustDate(to)}, Amount: amount}
}

func TestEmploymentsJoinFollowingPeriodsAndKeepGaps(t *testing.T) {
	got := Employments([]Payment{
		pay("41000028", "Kattegat Transport ApS", "2025-03-01", "2025-03-31", 100),
		pay("41000028", "Kattegat Transport ApS", "2025-01-01", "2025-01-31", 100),
		pay("41000028", "Kattegat Transport ApS", "2025-02-01", "2025-02-28", 100),
		// April–June unpaid: a gap.
		pay("41000028", "Kattegat Transport ApS", "2025-07-01", "2025-07-31", 100),
		pay("41000028", "Kattegat Transport ApS", "2025-07-15", "2025-08-14", 100), // overlapping
		pay("", "Café Kringlen", "2025-01-01", "2025-01-15", 50),
	})
	if len(got) != 3 {
		t.Fatalf("employments = %+v", got)
	}
	// Same start: sorted by employer key, CVR numbers before names.
	if got[1].Employer.Name != "Café Kringlen" || got[0].Period != (rules.Period{From: rules.MustDate("2025-01-01"), To: rules.MustDate("2025-03-31")}) ||
		got[0].Payments != 3 || got[0].Gross != 300 {
		t.Errorf("first two = %+v, %+v", got[0], got[1])
	}
	if got[2].Period != (rules.Period{From: rules.MustDate("2025-07-01"), To: rules.MustDate("2025-08-14")}) {
		t.Errorf("after the gap = %+v", got[2])
	}
}

func TestEmploymentsCorrectionsDoNotExtendPeriods(t *testing.T) {
	got := Employments([]Payment{
		pay("41000011", "Nordlys", "2025-01-01", "2025-01-31", 1000),
		pay("41000011", "Nordlys", "2025-01-01", "2025-01-31", -200),
		pay("41000011", "Nordlys", "2025-06-01", "2025-06-30", -300),
	})
	if len(got) != 1 || got[0].Gross != 800 || got[0].Period.To != rules.MustDate("2025-01-31") {
		t.Errorf("employments = %+v", got)
	}
}

func TestEmploymentsTakeTheCVRNumberFromOtherRows(t *testing.T) {
	got := Employments([]Payment{
		pay("41000011", "Nordlys Regnskab A/S", "2025-01-01", "2025-01-31", 1),
		pay("", "NORDLYS REGNSKAB", "2025-02-01", "2025-02-28", 1),
	})
	if len(got) != 1 || got[0].Employer.CVR != "41000011" || got[0].Employer.Name != "NORDLYS REGNSKAB" {
		t.Errorf("employments = %+v", got)
	}
}

func TestIncomeRowsAreValidEvidence(t *testing.T) {
	es := Employments([]Payment{
		pay("41000011", "Nordlys", "2025-01-01", "2025-01-31", 1),
		pay("", "Café Kringlen ApS", "2025-01-01", "2025-01-31", 1),
		pay("", "Café Kringlen ApS", "2025-03-01", "2025-03-31", 1),
	})
	rows := IncomeRows(rules.SourceIncomeRegister, es)
	want := []string{"income_register-41000011-2025-01-01", "income_register-name-cafe_kringlen-2025-01-01",
		"income_register-name-cafe_kringlen-2025-03-01"}
	for i, r := range rows {
		if r.ID != want[i] || r.Source != rules.SourceIncomeRegister {
			t.Errorf("row %d = %+v, want ID %s", i, r, want[i])
		}
	}
	in := rules.Input{CheckDate: rules.MustDate("2026-01-01"), Evidence: rules.Evidence{Income: rows},
		Package: rules.PackageRules{Categories: []rules.Category{rules.CategoryCV}}}
	if err := in.Validate(); err != nil {
		t.Errorf("income rows are not valid rules input: %v", err)
	}
}
