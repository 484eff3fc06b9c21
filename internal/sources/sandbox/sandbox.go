// Package sandbox implements every register connector over a fixed set
// of fictitious people and companies, so the demo and tests produce
// realistic findings without reaching a real register. The people are the
// MitID test identities of the local broker; docs/sandbox.md tells each
// one's story and what the registers say about them.
//
// Dates are relative to a reference date T given to New (usually the day
// the demo starts): a job "since M−36" began on the first day of the
// month 36 months before T's month. So a gap meant to fall inside the
// five-year window always does, whatever the day.
package sandbox

import (
	"errors"
	"slices"
	"sync"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
	"github.com/bgcheck/bgcheck/internal/sources/cpr"
	"github.com/bgcheck/bgcheck/internal/sources/cvr"
	"github.com/bgcheck/bgcheck/internal/sources/income"
	"github.com/bgcheck/bgcheck/internal/sources/records"
)

// Person is a fictitious person of the sandbox.
type Person struct {
	Key       string // the MitID test identity's key, e.g. "karen"
	Name      string
	BirthDate string        // YYYY-MM-DD
	CPR       string        // "" when the broker does not release it
	Address   rules.Address // the current address in the CPR register
	Story     string        // what the person is for
}

// Sandbox is the fictitious world. It is safe for concurrent use.
type Sandbox struct {
	asOf   rules.Date
	people []Person

	cpr          map[string]rules.CPRRecord // by CPR number
	companies    []cvr.Vrvirksomhed
	participants []cvr.Vrdeltagerperson
	income       map[string]income.Extract  // by person key
	pension      map[string]income.Overview // by person key
	licences     map[string]records.Licence
	certificates map[string][]records.Certificate

	mu   sync.Mutex
	down map[rules.Source]bool
}

// New builds the sandbox with dates relative to asOf.
func New(asOf rules.Date) *Sandbox {
	s := &Sandbox{asOf: asOf, down: map[rules.Source]bool{}}
	w := world{s: s, m0: rules.NewDate(asOf.Year(), asOf.Month(), 1)}
	w.build()
	return s
}

// AsOf returns the reference date the sandbox was built for.
func (s *Sandbox) AsOf() rules.Date { return s.asOf }

// People returns the sandbox's people in the order of docs/sandbox.md.
func (s *Sandbox) People() []Person { return slices.Clone(s.people) }

// Person returns the person with the given key.
func (s *Sandbox) Person(key string) (Person, bool) {
	i := slices.IndexFunc(s.people, func(p Person) bool { return p.Key == key })
	if i < 0 {
		return Person{}, false
	}
	return s.people[i], true
}

// SetOutage makes the connector for src fail as unavailable until it is
// called again with down false, to show a register that is down.
func (s *Sandbox) SetOutage(src rules.Source, down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down[src] = down
}

var errOutage = errors.New("sandbox outage")

func (s *Sandbox) outage(src rules.Source) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down[src] {
		return sources.Unavailable(src, errOutage)
	}
	return nil
}

// CVR returns the sandbox business register.
func (s *Sandbox) CVR() cvr.Register { return cvrRegister{s} }

// CPR returns the sandbox CPR-office subscription.
func (s *Sandbox) CPR() cpr.Subscription { return cprSubscription{s} }

// Income returns the sandbox income register, as a customer with legal
// direct access would reach it.
func (s *Sandbox) Income() income.Register { return incomeRegister{s} }

// Pension returns the sandbox pension register.
func (s *Sandbox) Pension() income.PensionRegister { return pensionRegister{s} }

// Licence returns the driving licence the person would show, if they
// have one.
func (s *Sandbox) Licence(key string) (records.Licence, bool) {
	l, ok := s.licences[key]
	l.Categories = slices.Clone(l.Categories)
	return l, ok
}

// Certificates returns the criminal-record certificates the person would
// supply.
func (s *Sandbox) Certificates(key string) []records.Certificate {
	return slices.Clone(s.certificates[key])
}
