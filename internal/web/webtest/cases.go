package webtest

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Case ids the fakes know.
const (
	CaseID       = "case-1"         // an invited case with a timeline and consents
	ClosedCaseID = "case-cancelled" // a cancelled case
	CaseEmail    = "mette.hansen@example.dk"
)

// caseEntry is one case with its timeline and consents.
type caseEntry struct {
	c         domain.Case
	events    []*domain.CaseEvent
	consents  []*domain.Consent
	decisions []*domain.Decision
}

// seedCases makes an invited case handled by the case handler, with
// consents, and a cancelled one.
func (f *Fakes) seedCases() {
	open := f.addCase(domain.NewCase{PackageID: PackageID, SubjectName: "Mette Hansen", SubjectEmail: CaseEmail,
		Phone: "+45 20 30 40 50", Position: "Bogholder", Department: "Økonomi", EmployeeNumber: "1042", Language: "da"}, "user-owner")
	open.c.ID, open.c.HandlerID = CaseID, "user-"+string(domain.RoleCaseHandler)
	open.consents = []*domain.Consent{
		{CaseID: CaseID, Category: domain.CatIdentity, Given: true, TextVersion: "consent-identity-da-1", At: f.clock, IdentityRef: "mitid-ref"},
		{CaseID: CaseID, Category: domain.CatCV, Given: true, TextVersion: "consent-cv-da-1", At: f.clock, WithdrawnAt: f.clock.Add(time.Hour)},
	}
	closed := f.addCase(domain.NewCase{PackageID: PackageID, SubjectName: "Peter Jensen", SubjectEmail: "peter.jensen@example.dk", Language: "en"}, "user-owner")
	closed.c.ID, closed.c.Status, closed.c.ClosedAt = ClosedCaseID, domain.CaseCancelled, f.clock
	for _, e := range []*caseEntry{open, closed} {
		for _, ev := range e.events {
			ev.CaseID = e.c.ID
		}
	}
}

// addCase records a new invited case with its first events. Callers hold
// f.mu or run before the fakes are shared.
func (f *Fakes) addCase(n domain.NewCase, by string) *caseEntry {
	f.clock = f.clock.Add(time.Minute)
	pkg := f.packages[n.PackageID]
	cur := pkg[len(pkg)-1]
	e := &caseEntry{c: domain.Case{
		ID: "case-" + randomHex()[:8], OrgID: OrgID, SubjectID: "subject-" + randomHex()[:8], PackageID: n.PackageID,
		PackageVersion: cur.Version, PackageName: cur.Definition.Name, Status: domain.CaseInvited,
		SubjectName: n.SubjectName, SubjectEmail: n.SubjectEmail, Phone: n.Phone, Position: n.Position,
		Department: n.Department, EmployeeNumber: n.EmployeeNumber, Language: n.Language, CreatedBy: by,
		CreatedAt: f.clock, UpdatedAt: f.clock, InvitedAt: f.clock, LinkExpiresAt: f.clock.AddDate(0, 0, 30),
	}}
	actor := domain.Actor{Type: domain.ActorUser, ID: by, Label: strings.TrimPrefix(by, "user-") + "@example.com"}
	e.event(f.clock, actor, "case.created", nil)
	e.event(f.clock, domain.Actor{Type: domain.ActorSystem}, "case.invitation_sent", nil)
	f.cases = append(f.cases, e)
	return e
}

func (e *caseEntry) event(at time.Time, a domain.Actor, action string, details map[string]string) {
	e.events = append(e.events, &domain.CaseEvent{CaseID: e.c.ID, At: at, ActorType: a.Type, ActorLabel: a.Label, Action: action, Details: details})
}

// AddCases adds n invited cases of the standard package, for tests that
// need more than one page.
func (f *Fakes) AddCases(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range n {
		f.addCase(domain.NewCase{PackageID: PackageID, SubjectName: "Person " + strconv.Itoa(i),
			SubjectEmail: "person" + strconv.Itoa(i) + "@example.dk", Language: "da"}, "user-owner")
	}
}

// Case returns a copy of case id, or nil.
func (f *Fakes) Case(id string) *domain.Case {
	f.mu.Lock()
	defer f.mu.Unlock()
	if e := f.caseByID(id); e != nil {
		c := e.c
		return &c
	}
	return nil
}

func (f *Fakes) caseByID(id string) *caseEntry {
	for _, e := range f.cases {
		if e.c.ID == id {
			return e
		}
	}
	return nil
}

// Cases returns the fake domain.CaseService.
func (f *Fakes) Cases() domain.CaseService { return casesFake{f} }

type casesFake struct{ *Fakes }

// List filters and sorts the cases; the cursor is the offset of the next
// page, which is enough to prove that the web layer passes it on.
func (cs casesFake) List(ctx context.Context, flt domain.CaseFilter) (*domain.CasePage, error) {
	if err := cs.call("Cases.List"); err != nil {
		return nil, err
	}
	if err := cs.require(ctx, domain.PermCasesRead); err != nil {
		return nil, err
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.LastCaseFilter = flt
	var out []*domain.Case
	for _, e := range cs.cases {
		if matches(e.c, flt) {
			c := e.c
			out = append(out, &c)
		}
	}
	slices.SortStableFunc(out, func(a, b *domain.Case) int {
		var d int
		switch flt.Sort {
		case "status":
			d = strings.Compare(string(a.Status), string(b.Status))
		case "updated":
			d = a.UpdatedAt.Compare(b.UpdatedAt)
		case "submitted":
			d = a.SubmittedAt.Compare(b.SubmittedAt)
		default:
			d = a.CreatedAt.Compare(b.CreatedAt)
		}
		if flt.Desc {
			d = -d
		}
		return d
	})
	from, _ := strconv.Atoi(flt.After)
	out = out[min(max(from, 0), len(out)):]
	page := &domain.CasePage{Cases: out}
	if flt.Limit > 0 && len(out) > flt.Limit {
		page.Cases, page.Next = out[:flt.Limit], strconv.Itoa(max(from, 0)+flt.Limit)
	}
	return page, nil
}

func matches(c domain.Case, f domain.CaseFilter) bool {
	switch {
	case len(f.Status) > 0 && !slices.Contains(f.Status, c.Status),
		f.PackageID != "" && c.PackageID != f.PackageID,
		f.HandlerID != "" && c.HandlerID != f.HandlerID,
		!f.CreatedFrom.IsZero() && c.CreatedAt.Before(f.CreatedFrom),
		!f.CreatedTo.IsZero() && c.CreatedAt.After(f.CreatedTo),
		!f.SubmittedFrom.IsZero() && (c.SubmittedAt.IsZero() || c.SubmittedAt.Before(f.SubmittedFrom)),
		!f.SubmittedTo.IsZero() && (c.SubmittedAt.IsZero() || c.SubmittedAt.After(f.SubmittedTo)):
		return false
	}
	words := searchWords(c.SubjectName + " " + c.EmployeeNumber)
	words = append(words, c.SubjectEmail)
	for _, q := range strings.Fields(strings.ToLower(f.Query)) {
		if !slices.Contains(words, q) {
			return false
		}
	}
	return true
}

func searchWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func (cs casesFake) Get(ctx context.Context, id string) (*domain.Case, error) {
	if err := cs.call("Cases.Get"); err != nil {
		return nil, err
	}
	e, err := cs.entry(ctx, domain.PermCasesRead, id)
	if err != nil {
		return nil, err
	}
	defer cs.mu.Unlock()
	c := e.c
	return &c, nil
}

func (cs casesFake) Timeline(ctx context.Context, id string) ([]*domain.CaseEvent, error) {
	if err := cs.call("Cases.Timeline"); err != nil {
		return nil, err
	}
	e, err := cs.entry(ctx, domain.PermCasesRead, id)
	if err != nil {
		return nil, err
	}
	defer cs.mu.Unlock()
	return slices.Clone(e.events), nil
}

func (cs casesFake) Consents(ctx context.Context, id string) ([]*domain.Consent, error) {
	if err := cs.call("Cases.Consents"); err != nil {
		return nil, err
	}
	e, err := cs.entry(ctx, domain.PermCasesRead, id)
	if err != nil {
		return nil, err
	}
	defer cs.mu.Unlock()
	return slices.Clone(e.consents), nil
}

// entry checks the permission and returns case id with f.mu held; the
// caller unlocks. On error the lock is not held.
func (cs casesFake) entry(ctx context.Context, p domain.Permission, id string) (*caseEntry, error) {
	if err := cs.require(ctx, p); err != nil {
		return nil, err
	}
	cs.mu.Lock()
	e := cs.caseByID(id)
	if e == nil {
		cs.mu.Unlock()
		return nil, notFound()
	}
	return e, nil
}

func (cs casesFake) Counts(ctx context.Context) (map[domain.CaseStatus]int, error) {
	if err := cs.call("Cases.Counts"); err != nil {
		return nil, err
	}
	if err := cs.require(ctx, domain.PermCasesRead); err != nil {
		return nil, err
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	out := map[domain.CaseStatus]int{}
	for _, e := range cs.cases {
		out[e.c.Status]++
	}
	return out, nil
}
