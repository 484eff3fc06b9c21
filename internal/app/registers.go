package app

import (
	"context"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
	"github.com/bgcheck/bgcheck/internal/sources/cvr"
	"github.com/bgcheck/bgcheck/internal/sources/income"
	"github.com/bgcheck/bgcheck/internal/store"
)

// RegisterAuditor writes one audit entry per register lookup, in the
// organisation of the acting context, naming source, kind and outcome but
// never the query's personal data.
func (a *App) RegisterAuditor() sources.Auditor {
	return sources.AuditorFunc(func(ctx context.Context, l sources.Lookup) error {
		return a.DB.Write(ctx, func(tx *store.Tx) error {
			return a.record(ctx, tx, event{Action: "register.lookup", TargetType: "case", TargetID: l.CaseID, Details: map[string]string{
				"source": string(l.Source), "kind": l.Kind, "outcome": string(l.Outcome), "cached": boolString(l.Cached), "attempts": itoa(int64(l.Attempts)),
			}})
		})
	})
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// GuardCVR wraps a CVR register in the shared resilience layer: timeouts,
// retries, a circuit breaker, a per-case cache and an audit entry per
// lookup.
func (a *App) GuardCVR(r cvr.Register) (cvr.Register, error) {
	g, err := sources.NewGuard(sources.Config{
		Source: rules.SourceCVR, Auditor: a.RegisterAuditor(), Timeout: 10 * time.Second, Attempts: 3,
		FailureThreshold: 5, Cooldown: time.Minute, Cache: sources.NewMemoryCache(24*time.Hour, time.Now),
	})
	if err != nil {
		return nil, err
	}
	return cvr.Guarded(r, g), nil
}

// registerEvidence adds what the registers say to in. A register that is
// down stops the analysis with an error, so the job waits and retries and
// the case is never decided on missing data.
func (a *App) registerEvidence(ctx context.Context, r *store.CaseRow, in *rules.Input) error {
	if a.CVR == nil || !in.Package.Has(rules.CategoryBusinessRoles) {
		return nil
	}
	ctx = sources.ForCase(ctx, r.ID)
	res, err := a.CVR.PersonRoles(ctx, cvr.Person{Name: r.SubjectName, Addresses: []rules.Address{in.Declared.Address}})
	switch {
	case err == nil:
		in.Evidence.RegisterRoles = res.RegisterRoles()
	case sources.IsNotFound(err):
	case sources.IsUnavailable(err):
		_ = a.DB.Write(ctx, func(tx *store.Tx) error {
			return tx.AddCaseEvent(r.OrgID, r.ID, domain.ActorFrom(ctx), "analysis.waiting_for_register", map[string]string{"source": "cvr"})
		})
		return err
	default:
		return err
	}
	return nil
}

// uploadedIncome reads the subject's own income-register extracts and
// pension overviews among the case's documents into income rows. A file
// that cannot be read becomes no evidence (the employment then shows as
// unverified) rather than stopping the analysis; the event says so.
func (a *App) uploadedIncome(ctx context.Context, r *store.CaseRow, docs []*store.DocumentRow, in *rules.Input) error {
	for _, d := range docs {
		var src rules.Source
		switch domain.DocumentKind(d.Kind) {
		case domain.DocIncomeExtract:
			src = rules.SourceIncomeRegister
		case domain.DocPensionOverview:
			src = rules.SourcePension
		default:
			continue
		}
		rc, err := a.Blobs.Open(ctx, documentScope(d.OrgID, d.SubjectID, d.ID, "content"), d.BlobID)
		if err != nil {
			return err
		}
		var es []income.Employment
		if src == rules.SourceIncomeRegister {
			var x income.Extract
			if x, err = income.ParseExtract(rc); err == nil {
				es = x.Employments()
			}
		} else {
			var o income.Overview
			if o, err = income.ParsePension(rc); err == nil {
				es = o.Employments()
			}
		}
		rc.Close()
		if err != nil {
			if werr := a.DB.Write(ctx, func(tx *store.Tx) error {
				return tx.AddCaseEvent(r.OrgID, r.ID, domain.ActorFrom(ctx), "analysis.document_unreadable", map[string]string{"kind": d.Kind})
			}); werr != nil {
				return werr
			}
			continue
		}
		in.Evidence.Income = append(in.Evidence.Income, income.IncomeRows(src, es)...)
	}
	return nil
}
