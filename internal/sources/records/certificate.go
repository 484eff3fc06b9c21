package records

import (
	"regexp"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/rules"
)

// Orderer says who ordered a certificate.
type Orderer string

// Orderers. The subject orders a private criminal record certificate
// themself; the company orders one (and always a child certificate) with
// the subject's consent through the police.
const (
	OrderedBySubject Orderer = "subject"
	OrderedByCompany Orderer = "company"
)

// Certificate is what is kept of a criminal-record or child certificate:
// the outcome and dates, never the document once a decision is made.
type Certificate struct {
	Kind    rules.RecordKind `json:"kind"`
	Country string           `json:"country"` // ISO 3166-1 alpha-2
	Issued  rules.Date       `json:"issued"`
	Outcome rules.Outcome    `json:"outcome"`
	// OrderedBy and, for a company order, ConsentGiven (when the
	// subject approved the request) document how it was obtained.
	OrderedBy    Orderer    `json:"ordered_by"`
	ConsentGiven rules.Date `json:"consent_given,omitzero"`
}

var countryCode = regexp.MustCompile(`^[A-Z]{2}$`)

// Validate checks a recorded certificate. It returns a *domain.Error
// whose Fields name the wrong fields.
func (c Certificate) Validate() error {
	f := map[string]string{}
	if c.Kind != rules.RecordCriminal && c.Kind != rules.RecordChild {
		f["kind"] = "error.required"
	}
	if !countryCode.MatchString(strings.ToUpper(c.Country)) {
		f["country"] = "error.country"
	}
	if c.Issued.IsZero() {
		f["issued"] = "error.required"
	}
	switch c.Outcome {
	case rules.OutcomeClean, rules.OutcomeHasEntries, rules.OutcomeUnobtainable:
	default:
		f["outcome"] = "error.certificate_outcome"
	}
	switch {
	case c.OrderedBy == OrderedByCompany && c.ConsentGiven.IsZero():
		f["consent_given"] = "error.required"
	case c.OrderedBy != OrderedBySubject && c.OrderedBy != OrderedByCompany:
		f["ordered_by"] = "error.required"
	}
	if c.Kind == rules.RecordChild && c.OrderedBy == OrderedBySubject {
		// Only the employer can request a child certificate.
		f["ordered_by"] = "error.certificate_child_orderer"
	}
	if len(f) > 0 {
		return domain.Invalid(f)
	}
	return nil
}

// CriminalRecord returns the certificate as rules evidence.
func (c Certificate) CriminalRecord(id string) rules.CriminalRecord {
	return rules.CriminalRecord{ID: id, Kind: c.Kind, Country: strings.ToUpper(c.Country),
		Issued: c.Issued, Outcome: c.Outcome}
}
