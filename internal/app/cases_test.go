package app_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

var regexpCode = regexp.MustCompile(`\b[0-9]{6}\b`)

var subjectLinkRe = regexp.MustCompile(`https://bgcheck\.test/s/([A-Za-z0-9_-]+)`)

func (e *env) pkg(u *domain.User, template string) *domain.Package {
	e.t.Helper()
	list, err := e.app.Packages().List(as(u), false)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, p := range list {
		if p.Definition.Template == template {
			return p
		}
	}
	e.t.Fatalf("no package from template %s", template)
	return nil
}

func newCase(p *domain.Package, name, email string) domain.NewCase {
	return domain.NewCase{PackageID: p.ID, SubjectName: name, SubjectEmail: email, Position: "Security officer", EmployeeNumber: "E-1042", Language: "da"}
}

func TestCreateCaseQueuesInvitationAndIsSearchable(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		_, owner := e.org("Alfa")
		p := e.pkg(owner, "aviation_extended")
		c, warnings, err := e.app.Cases().Create(as(owner), newCase(p, "Jens Ærø Hansen", "Jens@Example.dk"))
		if err != nil || len(warnings) != 0 || c.Status != domain.CaseInvited || c.PackageVersion != 1 {
			t.Fatalf("create: %+v %v %v", c, warnings, err)
		}
		mails := e.mails()
		if len(mails) != 1 || mails[0]["to"] != "jens@example.dk" || !subjectLinkRe.MatchString(mails[0]["text"].(string)) {
			t.Fatalf("invitation: %v", mails)
		}
		if strings.Contains(mails[0]["text"].(string), "!missing") {
			t.Fatalf("untranslated mail: %v", mails[0]["text"])
		}
		_, warnings, err = e.app.Cases().Create(as(owner), newCase(p, "Jens Hansen", "jens@example.dk"))
		if err != nil || len(warnings) != 1 || warnings[0] != "warning.open_case_same_email" {
			t.Fatalf("second case for the same e-mail: %v %v", warnings, err)
		}
		for q, want := range map[string]int{"ærø": 1, "HANSEN": 2, "jens@example.dk": 2, "e 1042": 2, "nobody": 0, "hansen jens": 2} {
			page, err := e.app.Cases().List(as(owner), domain.CaseFilter{Query: q})
			if err != nil || len(page.Cases) != want {
				t.Errorf("search %q: %d cases, want %d (%v)", q, len(page.Cases), want, err)
			}
		}
		got, err := e.app.Cases().Get(as(owner), c.ID)
		if err != nil || got.SubjectName != "Jens Ærø Hansen" || got.EmployeeNumber != "E-1042" {
			t.Fatalf("get: %+v %v", got, err)
		}
		tl, _ := e.app.Cases().Timeline(as(owner), c.ID)
		if len(tl) < 2 || tl[0].Action != "case.created" {
			t.Fatalf("timeline: %+v", tl)
		}
		counts, _ := e.app.Cases().Counts(as(owner))
		if counts[domain.CaseInvited] != 2 {
			t.Fatalf("counts %v", counts)
		}
		e.scan(t, [][]byte{[]byte("Ærø"), []byte("jens@example.dk"), []byte("E-1042")})
	})
}

func TestCaseValidationAndTenancy(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		_, owner := e.org("Alfa")
		_, ownerB := e.org("Beta")
		p := e.pkg(owner, "standard")
		_, _, err := e.app.Cases().Create(as(owner), domain.NewCase{PackageID: p.ID, SubjectName: "<script>", SubjectEmail: "x", Phone: "12", Language: "fr"})
		f := domain.ErrorFields(err)
		if f["name"] == "" || f["email"] == "" || f["phone"] == "" || f["language"] == "" {
			t.Fatalf("field errors: %v", err)
		}
		_, _, err = e.app.Cases().Create(as(ownerB), newCase(p, "A B", "a@b.dk"))
		if domain.ErrorFields(err)["package"] == "" {
			t.Fatalf("another tenant's package accepted: %v", err)
		}
		c, _, err := e.app.Cases().Create(as(owner), newCase(p, "Anna Berg", "anna@berg.dk"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.app.Cases().Get(as(ownerB), c.ID); !domain.IsNotFound(err) {
			t.Fatalf("another tenant read the case: %v", err)
		}
		if err := e.app.Cases().Cancel(as(ownerB), c.ID, "x"); !domain.IsNotFound(err) {
			t.Fatalf("another tenant cancelled the case: %v", err)
		}
		page, _ := e.app.Cases().List(as(ownerB), domain.CaseFilter{Query: "anna"})
		if len(page.Cases) != 0 {
			t.Fatal("another tenant found the case by search")
		}
		auditor := e.user(owner.OrgID, "auditor@alfa.example", domain.RoleAuditor)
		if _, _, err := e.app.Cases().Create(as(auditor), newCase(p, "C D", "c@d.dk")); domain.ErrorCode(err) != domain.EForbidden {
			t.Fatalf("auditor created a case: %v", err)
		}
	})
}

func TestCancelResendAndChangeEmail(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		_, owner := e.org("Alfa")
		p := e.pkg(owner, "driver")
		c, _, _ := e.app.Cases().Create(as(owner), newCase(p, "Bo Kørsel", "bo@example.dk"))
		if err := e.app.Cases().ChangeEmail(as(owner), c.ID, "bo.new@example.dk"); err != nil {
			t.Fatal(err)
		}
		mails := e.mails() // newest first
		if mails[0]["to"] != "bo.new@example.dk" {
			t.Fatalf("no invitation to the new address: %v", mails[0])
		}
		first, second := subjectLinkRe.FindStringSubmatch(mails[1]["text"].(string))[1], subjectLinkRe.FindStringSubmatch(mails[0]["text"].(string))[1]
		if first == second {
			t.Fatal("the link sent to the old address still works")
		}
		if err := e.app.Cases().Cancel(as(owner), c.ID, ""); domain.ErrorFields(err)["reason"] == "" {
			t.Fatalf("cancel without reason: %v", err)
		}
		if err := e.app.Cases().Cancel(as(owner), c.ID, "The position was filled"); err != nil {
			t.Fatal(err)
		}
		if err := e.app.Cases().ResendInvitation(as(owner), c.ID); domain.ErrorCode(err) != domain.EConflict {
			t.Fatalf("resend on a cancelled case: %v", err)
		}
		got, _ := e.app.Cases().Get(as(owner), c.ID)
		if got.Status != domain.CaseCancelled || got.ClosedAt.IsZero() {
			t.Fatalf("after cancel: %+v", got)
		}
	})
}

func TestBulkCreateReportsEveryRow(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		_, owner := e.org("Alfa")
		p := e.pkg(owner, "id_check")
		csv := "\ufeffname,email,phone,language\nAnne Ahl,anne@example.dk,+45 20 30 40 50,da\n,missing@example.dk,,\nCarl Crum,not-an-email,,en\nDitte Dam,ditte@example.dk,,en\n"
		rep, err := e.app.Cases().CreateBulk(as(owner), p.ID, strings.NewReader(csv))
		if err != nil || rep.Created != 2 || len(rep.Rows) != 4 {
			t.Fatalf("report %+v %v", rep, err)
		}
		if rep.Rows[1].Errors["name"] == "" || rep.Rows[2].Errors["email"] == "" || rep.Rows[0].CaseID == "" {
			t.Fatalf("rows %+v", rep.Rows)
		}
		if _, err := e.app.Cases().CreateBulk(as(owner), p.ID, strings.NewReader("foo,bar\n1,2\n")); domain.ErrorFields(err)["file"] == "" {
			t.Fatalf("bad header accepted: %v", err)
		}
	})
}

func TestPackagesAreVersionedAndProportionate(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		_, owner := e.org("Alfa")
		p := e.pkg(owner, "standard")
		c, _, _ := e.app.Cases().Create(as(owner), newCase(p, "Eva Eg", "eva@example.dk"))
		d := p.Definition
		d.Categories = append(d.Categories, domain.PackageCategory{Category: domain.CatCredit, Justification: "Handles cash"})
		_, err := e.app.Packages().Update(as(owner), p.ID, d)
		if domain.ErrorFields(err)["justification_credit"] != "error.credit_needs_trusted_position" {
			t.Fatalf("credit check without a trusted position: %v", err)
		}
		d.ParticularlyTrusted = true
		d.Categories = append(d.Categories, domain.PackageCategory{Category: domain.CatCriminalRecord})
		_, err = e.app.Packages().Update(as(owner), p.ID, d)
		if domain.ErrorFields(err)["justification_criminal_record"] != "error.justification_required" {
			t.Fatalf("criminal record without justification: %v", err)
		}
		d.Categories[len(d.Categories)-1].Justification = "Cash handling"
		p2, err := e.app.Packages().Update(as(owner), p.ID, d)
		if err != nil || p2.Version != 2 {
			t.Fatalf("update: %v", err)
		}
		got, _ := e.app.Cases().Get(as(owner), c.ID)
		old, err := e.app.Packages().GetVersion(as(owner), p.ID, got.PackageVersion)
		if got.PackageVersion != 1 || err != nil || old.Definition.Has(domain.CatCredit) {
			t.Fatalf("case lost its package version: %d %v", got.PackageVersion, err)
		}
		handler := e.user(owner.OrgID, "h@alfa.example", domain.RoleCaseHandler)
		if _, err := e.app.Packages().Create(as(handler), d); domain.ErrorCode(err) != domain.EForbidden {
			t.Fatalf("case handler edited packages: %v", err)
		}
	})
}
