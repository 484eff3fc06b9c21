package app

import (
	"context"
	"slices"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/income"
	"github.com/bgcheck/bgcheck/internal/store"
)

// ongoingWithin is how close to today an income run may end and still be
// taken as the current job: pay for a month is reported after it ends.
const ongoingWithin = 45

// suggestCV fills an unsaved CV step with the employments the subject's
// own income extract shows (or, without one, their pension overview), so
// they confirm and correct five years of jobs instead of typing them from
// memory. Nothing is stored until they save the step; what they change
// stays theirs, and where it then differs from the income data the
// analysis shows both.
func (s *PortalService) suggestCV(ctx context.Context, w *domain.Wizard, docs []*store.DocumentRow) error {
	hasCV := slices.ContainsFunc(w.Steps, func(st domain.WizardStep) bool { return st.Key == domain.StepEmployment })
	if !hasCV || len(w.Data.Activities) > 0 || slices.Contains(w.Data.Done, domain.StepEmployment) {
		return nil
	}
	docs = slices.DeleteFunc(slices.Clone(docs), func(d *store.DocumentRow) bool {
		return d.Kind != string(domain.DocIncomeExtract) && d.Kind != string(domain.DocPensionOverview)
	})
	if len(docs) == 0 {
		return nil
	}
	read, err := s.documentIncome(ctx, docs)
	if err != nil {
		return err
	}
	// An income extract names every employer; a pension overview only
	// those that pay into a scheme, so it is the fallback.
	slices.SortStableFunc(read, func(a, b readIncome) int {
		return sourceRank(a.source) - sourceRank(b.source)
	})
	now := s.DB.Now().In(copenhagen)
	today := rules.NewDate(now.Year(), now.Month(), now.Day())
	for _, x := range read {
		if x.err != nil || len(x.employments) == 0 {
			continue
		}
		w.Data.Activities = suggestedActivities(x.employments, today)
		w.CVSuggestedFrom = domain.DocumentKind(x.kind)
		return nil
	}
	return nil
}

func sourceRank(s rules.Source) int {
	if s == rules.SourceIncomeRegister {
		return 0
	}
	return 1
}

// suggestedActivities turns employments into CV rows, newest first as a
// CV is read, the current job open-ended.
func suggestedActivities(es []income.Employment, today rules.Date) []domain.Activity {
	out := make([]domain.Activity, 0, len(es))
	for _, e := range es {
		a := domain.Activity{Kind: domain.ActivityEmployment, Employer: e.Employer.Name, CVR: e.Employer.CVR, Country: "DK",
			From: wizardDate(e.Period.From)}
		if a.Employer == "" {
			a.Employer = e.Employer.CVR
		}
		if !e.Period.IsOpen() && e.Period.To.DaysUntil(today) > ongoingWithin {
			a.To = wizardDate(e.Period.To)
		}
		out = append(out, a)
	}
	slices.Reverse(out)
	return out
}

// wizardDate writes a date as the wizard shows dates: DD/MM/YYYY.
func wizardDate(d rules.Date) string {
	s := d.String() // YYYY-MM-DD
	return s[8:10] + "/" + s[5:7] + "/" + s[0:4]
}
