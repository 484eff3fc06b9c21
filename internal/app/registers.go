package app

import (
	"context"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
	"github.com/bgcheck/bgcheck/internal/sources/cpr"
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

// Registers are the register connectors a deployment has; a nil one is
// not asked.
type Registers struct {
	CVR     cvr.Register
	CPR     cpr.Subscription
	Income  income.Register
	Pension income.PensionRegister
}

// ConnectRegisters wraps every given connector in the shared resilience
// layer (timeouts, retries, a circuit breaker, a per-case cache and an
// audit entry per lookup) and installs it.
func (a *App) ConnectRegisters(r Registers) error {
	var err error
	if r.CVR != nil {
		if a.CVR, err = a.GuardCVR(r.CVR); err != nil {
			return err
		}
	}
	if r.CPR != nil {
		g, err := a.guard(rules.SourceCPR)
		if err != nil {
			return err
		}
		a.CPR = cpr.Guarded(r.CPR, g)
	}
	if r.Income != nil {
		g, err := a.guard(rules.SourceIncomeRegister)
		if err != nil {
			return err
		}
		a.Income = income.Guarded(r.Income, g)
	}
	if r.Pension != nil {
		g, err := a.guard(rules.SourcePension)
		if err != nil {
			return err
		}
		a.Pension = income.GuardedPension(r.Pension, g)
	}
	return nil
}

// guard returns the resilience layer for one register.
func (a *App) guard(src rules.Source) (*sources.Guard, error) {
	return sources.NewGuard(sources.Config{
		Source: src, Auditor: a.RegisterAuditor(), Timeout: 10 * time.Second, Attempts: 3,
		FailureThreshold: 5, Cooldown: time.Minute, Cache: sources.NewMemoryCache(24*time.Hour, time.Now),
	})
}

// GuardCVR wraps a CVR register in the shared resilience layer.
func (a *App) GuardCVR(r cvr.Register) (cvr.Register, error) {
	g, err := a.guard(rules.SourceCVR)
	if err != nil {
		return nil, err
	}
	return cvr.Guarded(r, g), nil
}

// registerEvidence adds what the registers say to in. A register that is
// down stops the analysis with an error, so the job waits and retries and
// the case is never decided on missing data.
func (a *App) registerEvidence(ctx context.Context, r *store.CaseRow, in *rules.Input) error {
	ctx = sources.ForCase(ctx, r.ID)
	if a.CVR != nil && in.Package.Has(rules.CategoryBusinessRoles) {
		res, err := a.CVR.PersonRoles(ctx, cvr.Person{Name: r.SubjectName, Addresses: []rules.Address{in.Declared.Address}})
		if err := a.registerOutcome(ctx, r, rules.SourceCVR, err); err != nil {
			return err
		}
		in.Evidence.RegisterRoles = res.RegisterRoles()
	}
	if a.CPR == nil && a.Income == nil && a.Pension == nil {
		return nil
	}
	// The CPR number exists only when the MitID broker released it; the
	// CPR and income registers are asked by it and nothing else.
	number, err := a.subjectCPR(ctx, r)
	if err != nil || number == "" {
		return err
	}
	if a.CPR != nil {
		rec, err := a.CPR.Person(ctx, number)
		if err := a.registerOutcome(ctx, r, rules.SourceCPR, err); err != nil {
			return err
		}
		if err == nil {
			in.Evidence.CPR = &rec
		}
	}
	years := in.Package.LookBackYears
	if years == 0 {
		years = rules.DefaultLookBackYears
	}
	window := rules.Period{From: in.CheckDate.AddYears(-years), To: in.CheckDate.AddDays(-1)}
	if a.Income != nil && in.Package.Has(rules.CategoryCV) {
		x, err := a.Income.Income(ctx, number, window)
		if err := a.registerOutcome(ctx, r, rules.SourceIncomeRegister, err); err != nil {
			return err
		}
		in.Evidence.Income = append(in.Evidence.Income, income.IncomeRows(rules.SourceIncomeRegister, x.Employments())...)
	}
	if a.Pension != nil && in.Package.Has(rules.CategoryCV) {
		o, err := a.Pension.Pension(ctx, number)
		if err := a.registerOutcome(ctx, r, rules.SourcePension, err); err != nil {
			return err
		}
		in.Evidence.Income = append(in.Evidence.Income, income.IncomeRows(rules.SourcePension, o.Employments())...)
	}
	return nil
}

// registerOutcome turns a lookup's error into the analysis' course: no
// answer from a register that holds nothing is no evidence; a register
// that is down stops the analysis (the job retries) and the case says
// why.
func (a *App) registerOutcome(ctx context.Context, r *store.CaseRow, src rules.Source, err error) error {
	switch {
	case err == nil, sources.IsNotFound(err):
		return nil
	case sources.IsInvalid(err):
		// The register refused the question or gave an answer that
		// cannot be read: no evidence from it, so the rules flag what it
		// would have verified, and the case says why.
		return a.DB.Write(ctx, func(tx *store.Tx) error {
			return tx.AddCaseEvent(r.OrgID, r.ID, domain.ActorFrom(ctx), "analysis.register_answer_invalid", map[string]string{"source": string(src)})
		})
	case sources.IsUnavailable(err):
		_ = a.DB.Write(ctx, func(tx *store.Tx) error {
			return tx.AddCaseEvent(r.OrgID, r.ID, domain.ActorFrom(ctx), "analysis.waiting_for_register", map[string]string{"source": string(src)})
		})
	}
	return err
}

// subjectCPR returns the subject's CPR number as the MitID broker
// released it, or "" when it did not.
func (a *App) subjectCPR(ctx context.Context, r *store.CaseRow) (string, error) {
	var sr *store.SubjectRow
	if err := a.DB.Read(ctx, func(tx *store.Tx) (err error) {
		sr, err = tx.Subject(r.OrgID, r.SubjectID)
		return err
	}); err != nil {
		return "", err
	}
	if sr.CPREnc == nil || !sr.ErasedAt.IsZero() {
		return "", nil
	}
	b, err := a.Envelope.Decrypt(ctx, subjectScope(r.OrgID, r.SubjectID, "cpr"), sr.CPREnc)
	return string(b), err
}

// uploadedIncome reads the subject's own income-register extracts and
// pension overviews among the case's documents into income rows. A file
// that cannot be read becomes no evidence (the employment then shows as
// unverified) rather than stopping the analysis; the event says so.
func (a *App) uploadedIncome(ctx context.Context, r *store.CaseRow, docs []*store.DocumentRow, in *rules.Input) error {
	read, err := a.documentIncome(ctx, docs)
	if err != nil {
		return err
	}
	for _, x := range read {
		if x.err != nil {
			if werr := a.DB.Write(ctx, func(tx *store.Tx) error {
				return tx.AddCaseEvent(r.OrgID, r.ID, domain.ActorFrom(ctx), "analysis.document_unreadable", map[string]string{"kind": x.kind})
			}); werr != nil {
				return werr
			}
			continue
		}
		in.Evidence.Income = append(in.Evidence.Income, income.IncomeRows(x.source, x.employments)...)
	}
	return nil
}

// readIncome is one uploaded income document as read.
type readIncome struct {
	kind        string
	source      rules.Source
	employments []income.Employment
	err         error // the file could not be read
}

// documentIncome reads every income extract and pension overview among
// docs, in their order.
func (a *App) documentIncome(ctx context.Context, docs []*store.DocumentRow) ([]readIncome, error) {
	var out []readIncome
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
			return nil, err
		}
		x := readIncome{kind: d.Kind, source: src}
		if src == rules.SourceIncomeRegister {
			var e income.Extract
			if e, x.err = income.ParseExtract(rc); x.err == nil {
				x.employments = e.Employments()
			}
		} else {
			var o income.Overview
			if o, x.err = income.ParsePension(rc); x.err == nil {
				x.employments = o.Employments()
			}
		}
		rc.Close()
		out = append(out, x)
	}
	return out, nil
}
