package sandbox_test

import (
	"context"
	"testing"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
	"github.com/bgcheck/bgcheck/internal/sources/cpr"
	"github.com/bgcheck/bgcheck/internal/sources/cvr"
	"github.com/bgcheck/bgcheck/internal/sources/income"
	"github.com/bgcheck/bgcheck/internal/sources/sandbox"
)

// connectors are the sandbox's registers behind guards, as the analysis
// uses them.
type connectors struct {
	cvr     cvr.Register
	cpr     cpr.Subscription
	lookups []sources.Lookup
}

func guarded(t *testing.T, s *sandbox.Sandbox) *connectors {
	t.Helper()
	c := &connectors{}
	audit := sources.AuditorFunc(func(_ context.Context, l sources.Lookup) error {
		c.lookups = append(c.lookups, l)
		return nil
	})
	g := func(src rules.Source) *sources.Guard {
		gd, err := sources.NewGuard(sources.Config{Source: src, Auditor: audit, Cache: sources.NewMemoryCache(0, nil)})
		if err != nil {
			t.Fatal(err)
		}
		return gd
	}
	c.cvr = cvr.Guarded(s.CVR(), g(rules.SourceCVR))
	c.cpr = cpr.Guarded(s.CPR(), g(rules.SourceCPR))
	return c
}

// evidence gathers what the registers and the person's uploads say, the
// way an analysis would: CPR by the CPR number the broker released, CVR
// by name and the addresses known, income from the uploaded files.
func evidence(t *testing.T, s *sandbox.Sandbox, c *connectors, key string) rules.Evidence {
	t.Helper()
	ctx := sources.ForCase(context.Background(), "case-"+key)
	p, _ := s.Person(key)
	ev := rules.Evidence{MitIDName: p.Name}
	addrs := []rules.Address{p.Address}
	if p.CPR != "" {
		rec, err := c.cpr.Person(ctx, p.CPR)
		if err != nil {
			t.Fatal(err)
		}
		ev.CPR = &rec
		addrs = append(addrs, rec.Address)
	}
	roles, err := c.cvr.PersonRoles(ctx, cvr.Person{Name: p.Name, Addresses: addrs})
	if err != nil {
		t.Fatal(err)
	}
	ev.RegisterRoles = roles.RegisterRoles()
	if b, ok := s.IncomeExtractCSV(key); ok {
		ex, err := income.ParseExtract(bytesReader(b))
		if err != nil {
			t.Fatal(err)
		}
		ev.Income = income.IncomeRows(rules.SourceIncomeRegister, ex.Employments())
	}
	if l, ok := s.Licence(key); ok {
		ev.Permits = l.Permits("licence")
	}
	for i, c := range s.Certificates(key) {
		ev.CriminalRecords = append(ev.CriminalRecords, c.CriminalRecord("certificate-"+string(rune('1'+i))))
	}
	return ev
}

// TestStoriesProduceTheirFindings runs the rules on each person's
// registers and uploads, declared as docs/sandbox.md suggests, and checks
// that the findings tell the person's story.
func TestStoriesProduceTheirFindings(t *testing.T) {
	s := newSandbox()
	c := guarded(t, s)
	noLicence := pkg
	noLicence.Categories = noLicence.Categories[:4]
	noLicence.RequiredLicenceCategories = nil
	for _, tc := range []struct {
		key  string
		pkg  rules.PackageRules
		want map[string]rules.Severity // finding key → severity
		rec  rules.Recommendation
	}{
		{"karen", pkg, map[string]rules.Severity{}, rules.MeetsRequirements},
		{"lars", pkg, map[string]rules.Severity{
			"business_role_undisclosed:cvr-41000035-director-2023-11-01":        rules.ActionRequired,
			"business_role_undisclosed:cvr-41000035-founder-2023-11-01":         rules.ActionRequired,
			"business_role_undisclosed:cvr-41000035-owner-2023-11-01":           rules.ActionRequired,
			"activity_period_differs:job-1:income_register-41000028-2021-05-01": rules.ActionRequired,
			"driving_licence_expiring:licence-1":                                rules.Warning, // C and CE expire in 60 days
		}, rules.NeedsAttention},
		{"mette", noLicence, map[string]rules.Severity{
			"activity_unverified:edu-1":                                         rules.ActionRequired, // registers do not know studies: upload enrolment
			"business_role_undisclosed:cvr-41000080-sole_proprietor-2024-11-01": rules.Info,
		}, rules.NeedsAttention},
		{"sofie", pkg, map[string]rules.Severity{
			"criminal_record_missing:NO":       rules.ActionRequired,
			"criminal_record_third_country:US": rules.ActionRequired,
			"activity_unverified:job-2":        rules.ActionRequired,
			"activity_unverified:job-3":        rules.ActionRequired,
		}, rules.NeedsAttention},
	} {
		in := rules.Input{CheckDate: T, Package: tc.pkg, Declared: declared(s, tc.key), Evidence: evidence(t, s, c, tc.key)}
		res := rules.Evaluate(in)
		got := map[string]rules.Severity{}
		for _, f := range res.Findings {
			got[f.Key] = f.Severity
			if _, ok := tc.want[f.Key]; !ok && f.Severity >= rules.Warning {
				t.Errorf("%s: unexpected %s finding %s %v", tc.key, f.Severity, f.Key, f.Params)
			}
		}
		for k, sev := range tc.want {
			if g, ok := got[k]; !ok || g != sev {
				t.Errorf("%s: finding %s = %v (present %v), want %s", tc.key, k, g, ok, sev)
			}
		}
		if res.Recommendation != tc.rec {
			t.Errorf("%s: recommendation %s, want %s", tc.key, res.Recommendation, tc.rec)
		}
	}
	for _, l := range c.lookups {
		if l.Outcome != sources.OutcomeOK || l.CaseID == "" {
			t.Errorf("lookup %+v", l)
		}
	}
}

var pkg = rules.PackageRules{
	Categories: []rules.Category{rules.CategoryIdentity, rules.CategoryCV, rules.CategoryBusinessRoles,
		rules.CategoryCriminalRecord, rules.CategoryDrivingLicence},
	RequiredLicenceCategories: []string{"B"},
}

// TestLarsDeclaredInFull: with his roles declared and the unpaid months
// declared and documented as a break between two periods at Kattegat
// Transport, all that remains is the warning that his C and CE categories
// expire in 60 days.
func TestLarsDeclaredInFull(t *testing.T) {
	s := newSandbox()
	d := declared(s, "lars")
	d.Activities = []rules.Activity{
		job("job-1", "Kattegat Transport ApS", "41000028", m(-80), e(-21)),
		job("job-2", "Kattegat Transport ApS", "41000028", m(-17), rules.Date{}),
	}
	d.GapExplanations = []rules.GapExplanation{{ID: "gap-1", Period: rules.Period{From: m(-20), To: e(-18)}, Reason: rules.ReasonOther}}
	for _, r := range []rules.RoleKind{rules.RoleDirector, rules.RoleFounder, rules.RoleOwner} {
		d.BusinessRoles = append(d.BusinessRoles, rules.BusinessRole{ID: "role-" + string(r),
			Company: "LT Konsulent ApS", CVR: "41000035", Role: r})
	}
	ev := evidence(t, s, guarded(t, s), "lars")
	ev.Documents = append(ev.Documents, rules.Document{ID: "doc-1", Kind: rules.DocGapEvidence, For: "gap-1"})
	res := rules.Evaluate(rules.Input{CheckDate: T, Package: pkg, Declared: d, Evidence: ev})
	var serious []rules.Finding
	for _, f := range res.Findings {
		if f.Severity >= rules.Warning {
			serious = append(serious, f)
		}
	}
	if len(serious) != 1 || serious[0].Rule != rules.RuleDrivingLicenceExpiring || serious[0].Params["Categories"] != "C,CE" ||
		res.Recommendation != rules.NeedsAttention {
		t.Errorf("recommendation %s, findings %+v", res.Recommendation, res.Findings)
	}
}
