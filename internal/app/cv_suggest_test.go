package app_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/sandbox"
)

// TestCVSuggestedFromIncomeExtract uploads Lars's income extract before he
// has saved a CV: the CV step opens with his employments from it (newest
// first, the current one open-ended), nothing is stored until he saves,
// and once he has saved his own rows they are what he sees.
func TestCVSuggestedFromIncomeExtract(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		now := e.clock.now()
		sb := sandbox.New(rules.NewDate(now.Year(), now.Month(), now.Day()))
		p := e.withMitID(t)
		_, owner := e.org("Alfa")
		c, link := e.invite(t, owner, "standard", "Lars Testesen")
		tok, err := e.mitidLogin(t, p, link, "lars")
		if err != nil {
			t.Fatal(err)
		}
		w, err := e.app.Portal().Wizard(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		if len(w.Data.Activities) != 0 || w.CVSuggestedFrom != "" {
			t.Fatalf("suggested without any income data: %+v", w.Data.Activities)
		}
		csv, _ := sb.IncomeExtractCSV("lars")
		if _, err := e.app.Portal().Upload(ctx, tok, domain.StepEmployment, domain.DocIncomeExtract, "eindkomst.csv", bytes.NewReader(csv)); err != nil {
			t.Fatal(err)
		}
		if w, err = e.app.Portal().Wizard(ctx, tok); err != nil {
			t.Fatal(err)
		}
		// Lars's extract: Kattegat Transport ApS from M−66 to the end of
		// M−1, unpaid in M−20 to M−18, so two runs.
		m0 := rules.NewDate(now.Year(), now.Month(), 1)
		dmy := func(d rules.Date) string { s := d.String(); return s[8:10] + "/" + s[5:7] + "/" + s[0:4] }
		want := []domain.Activity{
			{Kind: domain.ActivityEmployment, Employer: "Kattegat Transport ApS", CVR: "41000028", Country: "DK", From: dmy(m0.AddMonths(-17))},
			{Kind: domain.ActivityEmployment, Employer: "Kattegat Transport ApS", CVR: "41000028", Country: "DK", From: dmy(m0.AddMonths(-66)), To: dmy(m0.AddMonths(-20).AddDays(-1))},
		}
		if w.CVSuggestedFrom != domain.DocIncomeExtract || len(w.Data.Activities) != len(want) {
			t.Fatalf("suggested %q: %+v", w.CVSuggestedFrom, w.Data.Activities)
		}
		for i := range want {
			if w.Data.Activities[i] != want[i] {
				t.Errorf("row %d = %+v, want %+v", i, w.Data.Activities[i], want[i])
			}
		}
		// The suggestion is not his declaration until he saves it.
		sub, err := e.app.Cases().Submission(as(owner), c.ID)
		if err == nil && len(sub.Data.Activities) != 0 {
			t.Fatalf("suggestion stored as declared: %+v", sub.Data.Activities)
		}
		mine := domain.WizardData{Activities: []domain.Activity{{Kind: domain.ActivityEmployment, Employer: "Eget Firma ApS", From: "01/01/2015"}}}
		if _, err := e.app.Portal().SaveStep(ctx, tok, domain.StepEmployment, mine); err != nil {
			t.Fatal(err)
		}
		if w, err = e.app.Portal().Wizard(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if w.CVSuggestedFrom != "" || len(w.Data.Activities) != 1 || w.Data.Activities[0].Employer != "Eget Firma ApS" {
			t.Fatalf("saved rows replaced by the suggestion: %q %+v", w.CVSuggestedFrom, w.Data.Activities)
		}
	})
}
