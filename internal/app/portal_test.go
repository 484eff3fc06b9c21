package app_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/app"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/jobs"
	"github.com/bgcheck/bgcheck/internal/mitid"
	"github.com/bgcheck/bgcheck/internal/mitid/devprovider"
	"github.com/bgcheck/bgcheck/internal/store"
)

const callback = "https://bgcheck.test/s/callback"

// withMitID starts the local test broker and connects the app to it.
func (e *env) withMitID(t *testing.T) *devprovider.Provider { return e.withMitIDB(t) }

func (e *env) withMitIDB(t testing.TB) *devprovider.Provider {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	p, err := devprovider.Start(ctx, devprovider.Options{Addr: "127.0.0.1:0", Clients: []devprovider.Client{{ID: "bgcheck", Secret: "s3cret", RedirectURIs: []string{callback}, Shape: mitid.ShapeIdura}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	c, err := mitid.New(ctx, mitid.Config{Issuer: p.Issuer(), ClientID: "bgcheck", ClientSecret: "s3cret", RedirectURL: callback, Shape: mitid.ShapeIdura})
	if err != nil {
		t.Fatal(err)
	}
	e.app.MitID = c
	return p
}

// invite creates a case and returns its link token.
func (e *env) invite(t *testing.T, owner *domain.User, template, name string) (*domain.Case, string) {
	t.Helper()
	c, _, err := e.app.Cases().Create(as(owner), newCase(e.pkg(owner, template), name, strings.ToLower(strings.ReplaceAll(name, " ", "."))+"@example.dk"))
	if err != nil {
		t.Fatal(err)
	}
	return c, subjectLinkRe.FindStringSubmatch(e.mails()[0]["text"].(string))[1]
}

// mitidLogin consents to everything and signs in as a test identity.
func (e *env) mitidLogin(t *testing.T, p *devprovider.Provider, link, who string) (string, error) {
	return e.mitidLoginTB(t, p, link, who)
}

func (e *env) mitidLoginTB(t testing.TB, p *devprovider.Provider, link, who string) (string, error) {
	t.Helper()
	ctx := context.Background()
	pc, err := e.app.Portal().Open(ctx, link)
	if err != nil {
		t.Fatal(err)
	}
	if !pc.ConsentDone {
		yes := map[domain.Category]bool{}
		for _, c := range pc.Definition.Categories {
			yes[c.Category] = true
		}
		if err := e.app.Portal().GiveConsents(ctx, link, yes, "v1-test", domain.ClientMeta{IP: "192.0.2.9"}); err != nil {
			t.Fatal(err)
		}
	}
	u, err := e.app.Portal().BeginLogin(ctx, link)
	if err != nil {
		t.Fatal(err)
	}
	back, err := p.LoginAs(ctx, u, who)
	if err != nil {
		t.Fatal(err)
	}
	code, state, err := mitid.CallbackParams(back.Query())
	if err != nil {
		t.Fatal(err)
	}
	tok, gotLink, err := e.app.Portal().FinishLogin(ctx, code, state, domain.ClientMeta{IP: "192.0.2.9"})
	if err == nil && gotLink != link {
		t.Fatalf("sign-in returned another link")
	}
	return tok, err
}

func TestPortalJourney(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		p := e.withMitID(t)
		_, owner := e.org("Alfa")
		c, link := e.invite(t, owner, "driver", "Karen Prøvesen")

		pc, err := e.app.Portal().Open(ctx, link)
		if err != nil || pc.Org.Name != "Alfa" || len(pc.Definition.Categories) != 3 || pc.FirstName != "Karen" {
			t.Fatalf("open: %+v %v", pc, err)
		}
		if err := e.app.Portal().GiveConsents(ctx, link, map[domain.Category]bool{domain.CatIdentity: true}, "v1", domain.ClientMeta{}); domain.ErrorCode(err) != domain.EInvalid {
			t.Fatalf("partial consent accepted: %v", err)
		}
		tok, err := e.mitidLogin(t, p, link, "karen")
		if err != nil {
			t.Fatal(err)
		}
		w, err := e.app.Portal().Wizard(ctx, tok)
		if err != nil || len(w.Steps) != 3 || w.Steps[0].Key != domain.StepPersonal {
			t.Fatalf("wizard: %+v %v", w, err)
		}
		bad := domain.WizardData{Licence: domain.Licence{Categories: []string{"B"}, Issued: "31/02/20", Expires: "01/01/35"}}
		if _, err := e.app.Portal().SaveStep(ctx, tok, domain.StepLicence, bad); domain.ErrorFields(err)["licence.issued"] != "error.date" {
			t.Fatalf("impossible date accepted: %v", err)
		}
		steps := map[string]domain.WizardData{
			domain.StepPersonal: {Personal: domain.Personal{Address: "Testvej 1", Postcode: "2100", City: "København Ø", Country: "DK", Citizenship: "DK"}},
			domain.StepLicence:  {Licence: domain.Licence{Categories: []string{"B", "C"}, Issued: "01/02/10", Expires: "01/02/35"}},
		}
		for step, d := range steps {
			if _, err := e.app.Portal().SaveStep(ctx, tok, step, d); err != nil {
				t.Fatalf("save %s: %v", step, err)
			}
		}
		if err := e.app.Portal().Submit(ctx, tok); domain.ErrorCode(err) != domain.EInvalid {
			t.Fatalf("submitted without documents: %v", err)
		}
		png := "\x89PNG\r\n\x1a\n" + strings.Repeat("x", 100)
		if _, err := e.app.Portal().Upload(ctx, tok, domain.StepIDDocument, domain.DocPassport, "pas.png", strings.NewReader("<html><script>alert(1)</script>")); domain.ErrorFields(err)["file"] != "error.file_type" {
			t.Fatalf("HTML accepted as a document: %v", err)
		}
		for _, up := range []struct {
			step string
			kind domain.DocumentKind
		}{{domain.StepIDDocument, domain.DocPassport}, {domain.StepLicence, domain.DocDrivingLicence}} {
			if _, err := e.app.Portal().Upload(ctx, tok, up.step, up.kind, "scan.png", strings.NewReader(png)); err != nil {
				t.Fatalf("upload %s: %v", up.step, err)
			}
		}
		w, _ = e.app.Portal().Wizard(ctx, tok)
		rc, doc, err := e.app.Portal().OpenDocument(ctx, tok, w.Documents[0].ID)
		if err != nil || doc.ContentType != "image/png" {
			t.Fatalf("preview: %v", err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if string(b) != png {
			t.Fatal("document changed on the way")
		}
		if err := e.app.Portal().Submit(ctx, tok); err != nil {
			t.Fatal(err)
		}
		got, _ := e.app.Cases().Get(as(owner), c.ID)
		if got.Status != domain.CaseSubmitted || got.Assurance != "mitid_substantial" {
			t.Fatalf("company sees %+v", got)
		}
		e.analyse(t)
		toHandler := 0
		for _, m := range e.mails() {
			if m["to"] == owner.Email && strings.Contains(m["text"].(string), "/cases/"+c.ID) {
				toHandler++
			}
		}
		if toHandler != 2 {
			t.Fatalf("handler got %d notifications, want submitted + ready", toHandler)
		}
		got, _ = e.app.Cases().Get(as(owner), c.ID)
		an, err := e.app.Cases().Analysis(as(owner), c.ID)
		if err != nil || got.Status != domain.CaseReadyForReview || an.RuleVersion == "" || an.Recommendation == "" {
			t.Fatalf("after analysis: %s %+v %v", got.Status, an, err)
		}
		if len(an.Findings) > 0 {
			key := an.Findings[0].Key
			if err := e.app.Cases().ResolveFinding(as(owner), c.ID, key, ""); domain.ErrorFields(err)["note"] == "" {
				t.Fatalf("empty resolution accepted: %v", err)
			}
			if err := e.app.Cases().ResolveFinding(as(owner), c.ID, key, "Called the employer 12/11, period confirmed"); err != nil {
				t.Fatal(err)
			}
			an, _ = e.app.Cases().Analysis(as(owner), c.ID)
			if an.Findings[0].Resolution == nil || an.Findings[0].Resolution.Note == "" {
				t.Fatal("resolution not attached")
			}
		}
		if _, err := e.app.Portal().SaveStep(ctx, tok, domain.StepPersonal, steps[domain.StepPersonal]); domain.ErrorCode(err) != domain.EConflict {
			t.Fatalf("edited after submission: %v", err)
		}
		// Back later: the same person gets in, another person does not.
		if _, err := e.mitidLogin(t, p, link, "karen"); err != nil {
			t.Fatalf("same person again: %v", err)
		}
		if _, err := e.mitidLogin(t, p, link, "lars"); domain.ErrorMessage(err) != "error.identity_mismatch" {
			t.Fatalf("another person signed in to the case: %v", err)
		}
		if _, err := e.mitidLogin(t, p, link, "ole"); domain.ErrorMessage(err) != "error.mitid_assurance" {
			t.Fatalf("low assurance accepted: %v", err)
		}
		e.scan(t, [][]byte{[]byte("0101901234"), []byte("Testvej 1"), []byte("Prøvesen")})
	})
}

func TestPortalSessionsStayInTheirCase(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		p := e.withMitID(t)
		_, owner := e.org("Alfa")
		_, linkA := e.invite(t, owner, "id_check", "Karen Prøvesen")
		cB, _ := e.invite(t, owner, "id_check", "Lars Testesen")
		tokA, err := e.mitidLogin(t, p, linkA, "karen")
		if err != nil {
			t.Fatal(err)
		}
		ss, _ := e.app.Portal().Session(ctx, tokA)
		if ss.CaseID == cB.ID {
			t.Fatal("session bound to the wrong case")
		}
		if err := e.app.Cases().Cancel(as(owner), ss.CaseID, "Position withdrawn"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.app.Portal().Open(ctx, linkA); domain.ErrorMessage(err) != "error.link_invalid" {
			t.Fatalf("link of a cancelled case still opens: %v", err)
		}
		if _, err := e.app.Portal().SaveStep(ctx, tokA, domain.StepPersonal, domain.WizardData{}); domain.ErrorCode(err) != domain.EConflict {
			t.Fatalf("cancelled case still editable: %v", err)
		}
	})
}

func TestEmailCodeFallback(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		_, owner := e.org("Alfa")
		_, link := e.invite(t, owner, "id_check", "Sven Udlænding")
		if err := e.app.Portal().SendEmailCode(ctx, link); err != nil {
			t.Fatal(err)
		}
		code := regexpCode.FindString(e.mails()[0]["text"].(string))
		for i := 0; i < 5; i++ {
			if _, err := e.app.Portal().VerifyEmailCode(ctx, link, "000000x", domain.ClientMeta{}); err == nil {
				t.Fatal("wrong code accepted")
			}
		}
		if _, err := e.app.Portal().VerifyEmailCode(ctx, link, code, domain.ClientMeta{}); err == nil {
			t.Fatal("code accepted after too many attempts")
		}
		if err := e.app.Portal().SendEmailCode(ctx, link); err != nil {
			t.Fatal(err)
		}
		code = regexpCode.FindString(e.mails()[0]["text"].(string))
		tok, err := e.app.Portal().VerifyEmailCode(ctx, link, code, domain.ClientMeta{})
		if err != nil {
			t.Fatal(err)
		}
		ss, _ := e.app.Portal().Session(ctx, tok)
		if ss.Assurance != "email_code" {
			t.Fatalf("assurance %q", ss.Assurance)
		}
		doc, err := e.app.Portal().Upload(ctx, tok, domain.StepIDDocument, domain.DocPassport, "pas.png", strings.NewReader("\x89PNG\r\n\x1a\n"+strings.Repeat("p", 64)))
		if err != nil {
			t.Fatal(err)
		}
		if err := e.app.Cases().VerifyIdentity(as(owner), ss.CaseID, doc.ID, ""); domain.ErrorFields(err)["note"] == "" {
			t.Fatalf("verification without a note: %v", err)
		}
		if err := e.app.Cases().VerifyIdentity(as(owner), ss.CaseID, doc.ID, "Checked the passport on a video call"); err != nil {
			t.Fatal(err)
		}
		got, _ := e.app.Cases().Get(as(owner), ss.CaseID)
		if got.Assurance != app.AssuranceVerified {
			t.Fatalf("assurance after the check: %q", got.Assurance)
		}
		if err := e.app.Cases().VerifyIdentity(as(owner), ss.CaseID, doc.ID, "again"); domain.ErrorCode(err) != domain.EConflict {
			t.Fatalf("verified twice: %v", err)
		}
	})
}

// analyse runs every due analysis job.
func (e *env) analyse(t *testing.T) {
	t.Helper()
	r := jobs.NewRunner(e.db, slog.New(slog.DiscardHandler))
	r.Handle(app.JobAnalyse, e.app.AnalysisHandler())
	r.Handle(app.JobSendMail, func(context.Context, *store.Job) error { return errors.New("not in this test") })
	r.Handle(app.JobCaseReminder, func(context.Context, *store.Job) error { return nil })
	for {
		ran, err := r.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !ran {
			return
		}
	}
}
