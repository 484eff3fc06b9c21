// Package income reads who paid the subject salary and pension
// contributions when, and turns it into employer/period rows for the
// rules engine and the pre-filled CV.
//
// A private screening company has no access to the income register
// (eIndkomst) or the pension registers: only authorities with a specific
// legal basis do. The realistic route is the subject's own data, which
// they download with MitID and upload (or share through a consent-based
// data service). The tax authority's own PDF layout cannot be verified
// from here, so bgcheck accepts the data in a simple, documented,
// machine-readable form instead (docs/sandbox.md, "Income and pension
// files"): ParseExtract reads an income extract as CSV or JSON and
// ParsePension a pension overview as JSON.
//
// Register and PensionRegister are the interfaces a customer with legal
// direct access (e.g. a municipality) would implement; bgcheck ships only
// the sandbox implementations.
package income

import (
	"context"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// Register is direct access to the income register for a customer with a
// legal basis for it: the payments reported for a person in a period.
// No real implementation exists; see the package documentation.
type Register interface {
	Income(ctx context.Context, cpr string, p rules.Period) (Extract, error)
}

// PensionRegister is direct access to a person's pension overview for a
// customer with a legal basis for it. No real implementation exists.
type PensionRegister interface {
	Pension(ctx context.Context, cpr string) (Overview, error)
}

// Employer identifies who paid. Danish employers report under an SE
// number, which is often but not always the CVR number, so the two are
// kept apart.
type Employer struct {
	CVR  string `json:"cvr,omitempty"`
	SE   string `json:"se,omitempty"`
	Name string `json:"name,omitempty"`
}

// Payment is one line of an income extract: pay for one period from one
// employer.
type Payment struct {
	// Row is the line of a CSV file or the item number of a JSON file
	// (1-based), so a finding can point back to it.
	Row      int          `json:"row,omitempty"`
	Employer Employer     `json:"employer"`
	Period   rules.Period `json:"period"`
	// Amount is the gross pay (A-income) and ATP the ATP contribution.
	// A negative amount corrects an earlier payment.
	Amount Amount `json:"amount"`
	ATP    Amount `json:"atp"`
}

// Extract is an income extract: every payment reported for the person.
type Extract struct {
	// Holder is the name the file gives for its owner, when it gives one.
	Holder   string    `json:"holder_name,omitempty"`
	Payments []Payment `json:"payments"`
}

// Employments returns the extract as employer/period rows.
func (e Extract) Employments() []Employment { return Employments(e.Payments) }

// Within returns the extract with only the payments that overlap p.
func (e Extract) Within(p rules.Period) Extract {
	out := Extract{Holder: e.Holder, Payments: []Payment{}}
	for _, x := range e.Payments {
		if x.Period.Overlaps(p.Close(x.Period.To)) {
			out.Payments = append(out.Payments, x)
		}
	}
	return out
}
