package webtest

import (
	"context"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Links, codes and names the portal fake knows.
const (
	PortalLinkA      = "link-a-0123456789abcdefghij" // case A: a package with every wizard step
	PortalLinkB      = "link-b-0123456789abcdefghij" // case B: another organisation, an ID check
	PortalLinkClosed = "link-closed-0123456789abcd"  // a cancelled case: the link no longer works
	PortalMitIDCode  = "mitid-code-ok"               // the broker's code FinishLogin accepts
	PortalEmailCode  = "246810"                      // the e-mail code VerifyEmailCode accepts
	PortalBrokerURL  = "https://broker.example/authorize"
	PortalDPOEmail   = "dpo@lufthavn.example"
)

// Portal is an in-memory domain.PortalService with three cases. It keeps
// what the real service keeps at the boundary: consents, pending MitID
// sign-ins, subject sessions bound to one case, wizard data and documents.
type Portal struct {
	mu       sync.Mutex
	cases    map[string]*portalCase // link → case
	logins   map[string]string      // state → link
	sessions map[string]*domain.SubjectSession
	seq      int

	// Calls counts calls by method name, e.g. "Portal.SaveStep".
	Calls map[string]int
	// Fail makes the named method return this error.
	Fail map[string]error
	// Warnings are returned by every successful SaveStep.
	Warnings []string
	// CloseOnWithdraw makes a withdrawal close the case, as a package may
	// require.
	CloseOnWithdraw bool
	// LastTextVersion and LastGiven are the latest GiveConsents arguments.
	LastTextVersion string
	LastGiven       map[domain.Category]bool
	// LastCodeLang is the request language the latest SendEmailCode saw.
	LastCodeLang string
}

type portalCase struct {
	pc   *domain.PortalCase
	data domain.WizardData
	docs []*portalDoc
	// suggested and suggestedFrom stand in for CV rows read from an
	// uploaded income file, shown until a CV is saved.
	suggested     []domain.Activity
	suggestedFrom domain.DocumentKind
}

type portalDoc struct {
	meta    domain.Document
	content []byte
}

var portalNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// NewPortal returns the fake with cases behind PortalLinkA, PortalLinkB
// and PortalLinkClosed.
func NewPortal() *Portal {
	p := &Portal{
		cases: map[string]*portalCase{}, logins: map[string]string{}, sessions: map[string]*domain.SubjectSession{},
		Calls: map[string]int{}, Fail: map[string]error{},
	}
	org := domain.Organisation{ID: OrgID, Name: "Lufthavn A/S", CVR: "12345674", Address: "Lufthavnsvej 1, 2770 Kastrup",
		DPOName: "Dorte Data", DPOEmail: PortalDPOEmail, DPOPhone: "+45 70 10 20 30"}
	p.cases[PortalLinkA] = &portalCase{pc: &domain.PortalCase{
		CaseID: "case-a", Status: domain.CaseInvited, Language: "da", FirstName: "Mette", Org: org,
		PackageName: "Sikkerhedsmedarbejder", Position: "Security officer", Definition: everyStepPackage(),
		LinkExpiresAt: portalNow.Add(14 * 24 * time.Hour), Consents: map[domain.Category]*domain.Consent{},
	}}
	orgB := domain.Organisation{ID: "org-b", Name: "Beta Fragt ApS", CVR: "87654328"}
	idCheck := domain.PackageTemplates[0]
	p.cases[PortalLinkB] = &portalCase{pc: &domain.PortalCase{
		CaseID: "case-b", Status: domain.CaseInvited, Language: "en", FirstName: "Anna", Org: orgB,
		PackageName: idCheck.Name, Definition: idCheck, Consents: map[domain.Category]*domain.Consent{},
	}}
	p.cases[PortalLinkClosed] = &portalCase{pc: &domain.PortalCase{CaseID: "case-closed", Status: domain.CaseCancelled, Org: org}}
	return p
}

// everyStepPackage asks for every category, so its wizard has every step.
func everyStepPackage() domain.PackageDefinition {
	just := func(c domain.Category) string { return "Begrundelse for " + string(c) + " i denne stilling." }
	d := domain.PackageDefinition{Name: "Sikkerhedsmedarbejder", Position: "Security officer", ParticularlyTrusted: true,
		LookbackYears: 5, RecurrenceMonths: 12, Retention: domain.RetainAviation}
	for _, c := range domain.Categories {
		pc := domain.PackageCategory{Category: c, Justification: just(c)}
		switch c {
		case domain.CatIDDocument:
			pc.Documents = []domain.DocumentKind{domain.DocPassport}
		case domain.CatCriminalRecord:
			pc.Documents = []domain.DocumentKind{domain.DocCriminalRecord}
		}
		d.Categories = append(d.Categories, pc)
	}
	return d
}

func (p *Portal) call(name string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.Calls[name]++
	return p.Fail[name]
}

func errLinkInvalid() error { return domain.Errorf(domain.ENotFound, "error.link_invalid") }

// byLink returns the open case behind link; the caller holds mu.
func (p *Portal) byLink(link string) (*portalCase, error) {
	c, ok := p.cases[link]
	if !ok || c.pc.Status.Closed() {
		return nil, errLinkInvalid()
	}
	return c, nil
}

// bySession returns the case of a live session; the caller holds mu.
func (p *Portal) bySession(token string) (*portalCase, error) {
	s, ok := p.sessions[token]
	if !ok {
		return nil, domain.Errorf(domain.EUnauthorized, "error.session_expired")
	}
	for _, c := range p.cases {
		if c.pc.CaseID == s.CaseID {
			return c, nil
		}
	}
	return nil, errLinkInvalid()
}

// Open implements domain.PortalService.
func (p *Portal) Open(ctx context.Context, link string) (*domain.PortalCase, error) {
	if err := p.call("Portal.Open"); err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	c, err := p.byLink(link)
	if err != nil {
		return nil, err
	}
	return c.view(), nil
}

// view copies the case as the portal sees it; the caller holds mu.
func (c *portalCase) view() *domain.PortalCase {
	pc := *c.pc
	pc.Definition.Categories = slices.Clone(pc.Definition.Categories)
	pc.Consents = map[domain.Category]*domain.Consent{}
	for k, v := range c.pc.Consents {
		cc := *v
		pc.Consents[k] = &cc
	}
	pc.ConsentDone = len(pc.Definition.Categories) > 0
	for _, cat := range pc.Definition.Categories {
		if pc.Consents[cat.Category] == nil {
			pc.ConsentDone = false
		}
	}
	return &pc
}

// GiveConsents implements domain.PortalService.
func (p *Portal) GiveConsents(ctx context.Context, link string, given map[domain.Category]bool, version string, meta domain.ClientMeta) error {
	if err := p.call("Portal.GiveConsents"); err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	c, err := p.byLink(link)
	if err != nil {
		return err
	}
	fields := map[string]string{}
	for _, cat := range c.pc.Definition.Categories {
		if _, ok := given[cat.Category]; !ok {
			fields["consent_"+string(cat.Category)] = "error.consent_answer"
		}
	}
	if version == "" {
		fields["version"] = "error.invalid"
	}
	if len(fields) > 0 {
		return domain.Invalid(fields)
	}
	p.LastTextVersion, p.LastGiven = version, maps.Clone(given)
	for cat, ok := range given {
		c.pc.Consents[cat] = &domain.Consent{CaseID: c.pc.CaseID, Category: cat, Given: ok, TextVersion: version, At: portalNow}
	}
	return nil
}

// Consent gives every category's consent to the case behind link, as if
// the subject had answered yes to all.
func (p *Portal) Consent(link string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := p.cases[link]
	for _, cat := range c.pc.Definition.Categories {
		c.pc.Consents[cat.Category] = &domain.Consent{CaseID: c.pc.CaseID, Category: cat.Category, Given: true, TextVersion: "v1-test", At: portalNow}
	}
}

// Status returns the status of the case behind link.
func (p *Portal) Status(link string) domain.CaseStatus {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cases[link].pc.Status
}

// Consents returns the consents of the case behind link.
func (p *Portal) Consents(link string) map[domain.Category]domain.Consent {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[domain.Category]domain.Consent{}
	for k, v := range p.cases[link].pc.Consents {
		out[k] = *v
	}
	return out
}

var _ domain.PortalService = (*Portal)(nil)
