// Package cvr reads the Danish business register (CVR) through the
// Business Authority's system-to-system distribution service: an
// Elasticsearch 1.7-style search over cvr-permanent/virksomhed (companies)
// and cvr-permanent/deltager (participants), with HTTP Basic auth.
//
// The feed holds no CPR numbers. A person's roles are therefore found by
// searching participants by name and comparing their registered names and
// addresses with what bgcheck knows about the subject; every role carries
// a Match whose confidence and reasons say how sure that is. Candidates
// too weak to be the subject are discarded, not returned, so bgcheck does
// not keep other people's data.
package cvr

import (
	"context"
	"fmt"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// Register answers bgcheck's questions to CVR. Client is the real one;
// package sandbox has a fictitious one; Guarded adds resilience and audit.
type Register interface {
	// CompanyByNumber returns the company with CVR number cvr:
	// sources.KindNotFound when there is none, KindInvalid when cvr is
	// not eight digits.
	CompanyByNumber(ctx context.Context, cvr string) (Company, error)
	// CompaniesByName returns companies whose name contains every word of
	// name, best first; none is an empty list, not an error.
	CompaniesByName(ctx context.Context, name string) ([]Company, error)
	// PersonRoles returns the roles in companies of participants who may
	// be p, each with its match.
	PersonRoles(ctx context.Context, p Person) (RoleResult, error)
}

// Person is what bgcheck knows about a subject to find them in CVR: the
// verified name and the addresses known for them (from CPR and as
// declared), newest first.
type Person struct {
	Name      string
	Addresses []rules.Address
}

// Company is a company as CVR describes it.
type Company struct {
	CVR  string `json:"cvr"`
	Name string `json:"name"` // the current name, else the latest
	// Names lists every name with its period, oldest first.
	Names   []NameSpan    `json:"names,omitempty"`
	Form    string        `json:"form,omitempty"`   // e.g. ApS, A/S, ENK
	Status  string        `json:"status,omitempty"` // the register's current status, e.g. NORMAL
	Active  bool          `json:"active"`
	Period  rules.Period  `json:"period,omitzero"` // the company's life, open while it exists
	Address rules.Address `json:"address,omitzero"`
	// Participants are the people and companies in its bodies.
	Participants []Participant `json:"participants,omitempty"`
	// Problems lists parts of the register's answer that could not be
	// read and were left out; a non-empty list deserves a finding.
	Problems []string `json:"problems,omitempty"`
}

// NameSpan is a name valid in a period.
type NameSpan struct {
	Name   string       `json:"name"`
	Period rules.Period `json:"period,omitzero"`
}

// Participant is someone with a role in a company.
type Participant struct {
	Unit  int64      `json:"unit"` // the register's enhedsNummer
	Name  string     `json:"name"`
	Roles []RoleSpan `json:"roles,omitempty"`
}

// RoleSpan is one role held in a period, with the register's own words
// for it.
type RoleSpan struct {
	Role      rules.RoleKind `json:"role"`
	Functions []string       `json:"functions,omitempty"` // e.g. DIREKTØR
	Period    rules.Period   `json:"period"`
}

// Role is a role in a company held by a participant who may be the
// subject.
type Role struct {
	Company string `json:"company"`
	CVR     string `json:"cvr"`
	RoleSpan
	// Participant is the register's enhedsNummer of the matched person,
	// and RegisteredName their name there.
	Participant    int64  `json:"participant"`
	RegisteredName string `json:"registered_name"`
	Match          Match  `json:"match"`
}

// ID is the role's stable identifier in a rules.Input.
func (r Role) ID() string {
	return fmt.Sprintf("cvr-%s-%s-%s", r.CVR, r.Role, r.Period.From)
}

// RegisterRole returns the role as evidence for the rules engine.
func (r Role) RegisterRole() rules.RegisterRole {
	return rules.RegisterRole{ID: r.ID(), Company: r.Company, CVR: r.CVR, Role: r.Role,
		Period: r.Period, Confidence: r.Match.Confidence}
}

// RoleResult is the answer to PersonRoles.
type RoleResult struct {
	Roles []Role `json:"roles"`
	// Candidates is how many participants the name search returned, and
	// Discarded how many of them matched too weakly to be kept.
	Candidates int  `json:"candidates"`
	Discarded  int  `json:"discarded"`
	Truncated  bool `json:"truncated,omitempty"` // more candidates than MaxCandidates
	// Problems lists parts of the answer that could not be read.
	Problems []string `json:"problems,omitempty"`
}

// RegisterRoles returns the roles as evidence for the rules engine.
func (r RoleResult) RegisterRoles() []rules.RegisterRole {
	out := make([]rules.RegisterRole, len(r.Roles))
	for i, x := range r.Roles {
		out[i] = x.RegisterRole()
	}
	return out
}
