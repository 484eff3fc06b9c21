package app_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/app"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/sandbox"
	"github.com/bgcheck/bgcheck/internal/store"
)

// TestAnalysisUsesCVRAndWaitsWhenItIsDown analyses a case whose package
// covers business roles for a sandbox person with undeclared roles: while
// CVR is down the analysis waits (the job fails and retries, the case is
// not decided on missing data); once it answers, the roles become findings
// and every lookup is audited.
func TestAnalysisUsesCVRAndWaitsWhenItIsDown(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		now := e.clock.now()
		sb := sandbox.New(rules.NewDate(now.Year(), now.Month(), now.Day()))
		reg, err := e.app.GuardCVR(sb.CVR())
		if err != nil {
			t.Fatal(err)
		}
		e.app.CVR = reg
		_, owner := e.org("Alfa")
		c, _, err := e.app.Cases().Create(as(owner), newCase(e.pkg(owner, "critical_infrastructure"), "Lars Testesen", "lars@example.dk"))
		if err != nil {
			t.Fatal(err)
		}
		if err := e.db.Write(ctx, func(tx *store.Tx) error { return tx.SetCaseStatus(owner.OrgID, c.ID, domain.CaseSubmitted) }); err != nil {
			t.Fatal(err)
		}
		sb.SetOutage(rules.SourceCVR, true)
		if err := e.app.Cases().Reanalyse(as(owner), c.ID); err != nil {
			t.Fatal(err)
		}
		e.analyse(t)
		if _, err := e.app.Cases().Analysis(as(owner), c.ID); !domain.IsNotFound(err) {
			t.Fatalf("analysed while CVR was down: %v", err)
		}
		tl, _ := e.app.Cases().Timeline(as(owner), c.ID)
		if tl[len(tl)-1].Action != "analysis.waiting_for_register" {
			t.Fatalf("the company is not told why: %+v", tl[len(tl)-1])
		}
		sb.SetOutage(rules.SourceCVR, false)
		if err := e.app.Cases().Reanalyse(as(owner), c.ID); err != nil {
			t.Fatal(err)
		}
		e.analyse(t)
		an, err := e.app.Cases().Analysis(as(owner), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		roles := 0
		for _, f := range an.Findings {
			if f.Rule == rules.RuleBusinessRoleUndisclosed {
				roles++
			}
		}
		if roles == 0 {
			t.Fatalf("undeclared roles not found: %+v", an.Findings)
		}
		lookups, _ := e.app.Audit().List(as(owner), domain.AuditFilter{Action: "register.lookup"})
		if len(lookups) < 2 {
			t.Fatalf("register lookups not audited: %d", len(lookups))
		}
	})
}

// TestUploadedIncomeExtractBecomesEvidence uploads the subject's own income
// extract (the sandbox's CSV for Lars) and declares another employer: the
// analysis reads the extract and points out the employer that paid him but
// is missing from his CV.
func TestUploadedIncomeExtractBecomesEvidence(t *testing.T) {
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
		csv, ok := sb.IncomeExtractCSV("lars")
		if !ok {
			t.Fatal("no sandbox extract for lars")
		}
		if _, err := e.app.Portal().Upload(ctx, tok, domain.StepEmployment, domain.DocIncomeExtract, "eindkomst.csv", bytes.NewReader(csv)); err != nil {
			t.Fatal(err)
		}
		if _, err := e.app.Portal().Upload(ctx, tok, domain.StepEmployment, domain.DocReference, "notes.txt", strings.NewReader("plain text")); domain.ErrorFields(err)["file"] != "error.file_type" {
			t.Fatalf("text accepted as a reference letter: %v", err)
		}
		d := domain.WizardData{Activities: []domain.Activity{{Kind: domain.ActivityEmployment, Employer: "Helt Andet ApS", From: "01/01/15"}}}
		if _, err := e.app.Portal().SaveStep(ctx, tok, domain.StepEmployment, d); err != nil {
			t.Fatal(err)
		}
		an := e.submitAndAnalyse(t, owner, c.ID)
		for _, f := range an.Findings {
			if f.Rule == rules.RuleIncomeEmployerUndeclared {
				return
			}
		}
		t.Fatalf("the income extract's employer was not checked against the CV: %+v", an.Findings)
	})
}

// TestNameMismatchBecomesAFinding invites someone under one name and lets
// a person with another verified name sign in: the analysis reports it.
func TestNameMismatchBecomesAFinding(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		p := e.withMitID(t)
		_, owner := e.org("Alfa")
		c, link := e.invite(t, owner, "id_check", "Karen Andersen")
		tok, err := e.mitidLogin(t, p, link, "karen")
		if err != nil {
			t.Fatal(err)
		}
		// The verified name is not something the subject can overwrite.
		if _, err := e.app.Portal().SaveStep(ctx, tok, domain.StepPersonal, domain.WizardData{
			Personal: domain.Personal{Address: "Testvej 1", Postcode: "2100", City: "København", Country: "DK", Citizenship: "DK"}, VerifiedName: "Karen Andersen"}); err != nil {
			t.Fatal(err)
		}
		an := e.submitAndAnalyse(t, owner, c.ID)
		for _, f := range an.Findings {
			if f.Rule == rules.RuleNameMismatch {
				return
			}
		}
		t.Fatalf("no name-mismatch finding: %+v", an.Findings)
	})
}

// TestEmployerContactVerifiesAnEmployment: a declared job without evidence
// is unverified; a complete employer-contact record (date, company,
// contact person, confirmed period) verifies it on re-analysis, and an
// incomplete one is refused.
func TestEmployerContactVerifiesAnEmployment(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		p := e.withMitID(t)
		_, owner := e.org("Alfa")
		c, link := e.invite(t, owner, "standard", "Karen Prøvesen")
		tok, err := e.mitidLogin(t, p, link, "karen")
		if err != nil {
			t.Fatal(err)
		}
		d := domain.WizardData{Activities: []domain.Activity{{Kind: domain.ActivityEmployment, Employer: "Lufthavn A/S", From: "01/01/15"}}}
		if _, err := e.app.Portal().SaveStep(ctx, tok, domain.StepEmployment, d); err != nil {
			t.Fatal(err)
		}
		if err := e.db.Write(ctx, func(tx *store.Tx) error { return tx.SetCaseStatus(owner.OrgID, c.ID, domain.CaseSubmitted) }); err != nil {
			t.Fatal(err)
		}
		unverified := func() int {
			an := e.reanalyse(t, owner, c.ID)
			n := 0
			for _, f := range an.Findings {
				if f.Rule == rules.RuleActivityUnverified {
					n++
				}
			}
			return n
		}
		if unverified() == 0 {
			t.Fatal("an employment without evidence passed as verified")
		}
		err = e.app.Cases().AddEmployerContact(as(owner), c.ID, domain.EmployerContact{Activity: "activity-1", Company: "Lufthavn A/S"})
		if f := domain.ErrorFields(err); f["contact_person"] == "" || f["contact_date"] == "" || f["confirmed_from"] == "" {
			t.Fatalf("incomplete record accepted: %v", err)
		}
		now := e.clock.now().Format("02/01/06")
		err = e.app.Cases().AddEmployerContact(as(owner), c.ID, domain.EmployerContact{Activity: "activity-1", ContactDate: now, Company: "Lufthavn A/S",
			ContactPerson: "Henrik HR", ConfirmedFrom: "01/01/15", ConfirmedTo: now})
		if err != nil {
			t.Fatal(err)
		}
		if n := unverified(); n != 0 {
			t.Fatalf("still %d unverified after the employer confirmed", n)
		}
	})
}

// submitAndAnalyse marks a case submitted (as the portal would), runs its
// analysis and returns the result.
func (e *env) submitAndAnalyse(t *testing.T, owner *domain.User, caseID string) *domain.Analysis {
	t.Helper()
	if err := e.db.Write(context.Background(), func(tx *store.Tx) error {
		return tx.SetCaseStatus(owner.OrgID, caseID, domain.CaseSubmitted)
	}); err != nil {
		t.Fatal(err)
	}
	return e.reanalyse(t, owner, caseID)
}

// reanalyse runs a new analysis of a submitted case and returns it.
func (e *env) reanalyse(t *testing.T, owner *domain.User, caseID string) *domain.Analysis {
	t.Helper()
	if err := e.app.Cases().Reanalyse(as(owner), caseID); err != nil {
		t.Fatal(err)
	}
	e.analyse(t)
	an, err := e.app.Cases().Analysis(as(owner), caseID)
	if err != nil {
		t.Fatal(err)
	}
	return an
}

// TestAnalysisAsksCPRAndIncomeRegisters connects a CPR subscription and
// direct income-register access (the sandbox's) and lets Lars sign in with
// MitID, which releases his CPR number: the CPR office's address differs
// from the one he declares, the income register shows the months without
// pay, and every lookup is audited without the CPR number.
func TestAnalysisAsksCPRAndIncomeRegisters(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		now := e.clock.now()
		sb := sandbox.New(rules.NewDate(now.Year(), now.Month(), now.Day()))
		if err := e.app.ConnectRegisters(app.Registers{CPR: sb.CPR(), Income: sb.Income()}); err != nil {
			t.Fatal(err)
		}
		p := e.withMitID(t)
		_, owner := e.org("Alfa")
		c, link := e.invite(t, owner, "standard", "Lars Testesen")
		tok, err := e.mitidLogin(t, p, link, "lars")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.app.Portal().SaveStep(ctx, tok, domain.StepPersonal, domain.WizardData{Personal: domain.Personal{
			Address: "Strandvejen 99", Postcode: "2900", City: "Hellerup", Country: "DK", Citizenship: "DK"}}); err != nil {
			t.Fatal(err)
		}
		m80 := rules.NewDate(now.Year(), now.Month(), 1).AddMonths(-80)
		d := domain.WizardData{Activities: []domain.Activity{{Kind: domain.ActivityEmployment, Employer: "Kattegat Transport ApS", CVR: "41000028", From: m80.String()}}}
		if _, err := e.app.Portal().SaveStep(ctx, tok, domain.StepEmployment, d); err != nil {
			t.Fatal(err)
		}
		an := e.submitAndAnalyse(t, owner, c.ID)
		seen := map[string]bool{}
		for _, f := range an.Findings {
			seen[f.Rule] = true
		}
		for _, want := range []string{rules.RuleCPRAddressMismatch, rules.RuleActivityPeriodDiffers} {
			if !seen[want] {
				t.Errorf("no %s finding: %+v", want, an.Findings)
			}
		}
		lookups, _ := e.app.Audit().List(as(owner), domain.AuditFilter{Action: "register.lookup"})
		sources := map[string]bool{}
		for _, l := range lookups {
			sources[l.Details["source"]] = true
			for k, v := range l.Details {
				if strings.Contains(v, "0202851235") || strings.Contains(k, "0202851235") {
					t.Fatalf("CPR number in the audit log: %+v", l.Details)
				}
			}
		}
		if !sources["cpr"] || !sources["income_register"] {
			t.Fatalf("lookups not audited per register: %v", sources)
		}
	})
}

// TestLicenceCategoryExpiringEarlyIsWarned declares a licence whose card
// runs for years but whose category C ends in 30 days: the analysis warns
// about C on its own, and a date for a category not held is refused.
func TestLicenceCategoryExpiringEarlyIsWarned(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		now := e.clock.now()
		today := rules.NewDate(now.Year(), now.Month(), now.Day())
		_, owner := e.org("Alfa")
		p := e.withMitID(t)
		c, link := e.invite(t, owner, "driver", "Karen Prøvesen")
		tok, err := e.mitidLogin(t, p, link, "karen")
		if err != nil {
			t.Fatal(err)
		}
		bad := domain.WizardData{Licence: domain.Licence{Categories: []string{"B"}, Issued: "2020-01-01", Expires: "2035-01-01",
			CategoryExpiry: map[string]string{"C": today.AddDays(30).String()}}}
		if _, err := e.app.Portal().SaveStep(ctx, tok, domain.StepLicence, bad); domain.ErrorFields(err)["licence.expiry.C"] != "error.licence_category_not_held" {
			t.Fatalf("an expiry for a category not held was accepted: %v", err)
		}
		good := bad
		good.Licence.Categories = []string{"B", "C"}
		good.Licence.Source = domain.LicenceFromApp
		if _, err := e.app.Portal().SaveStep(ctx, tok, domain.StepLicence, good); err != nil {
			t.Fatal(err)
		}
		an := e.submitAndAnalyse(t, owner, c.ID)
		for _, f := range an.Findings {
			if f.Rule == rules.RuleDrivingLicenceExpiring && strings.Contains(f.Params["Categories"]+f.Params["Expiry"], "C") {
				return
			}
			if f.Rule == rules.RuleDrivingLicenceExpiring {
				t.Logf("expiring: %+v", f.Params)
			}
		}
		t.Fatalf("category C expiring in 30 days not warned about: %+v", an.Findings)
	})
}
