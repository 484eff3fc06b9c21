package certificate

import (
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/internal/norm"
	"github.com/bgcheck/bgcheck/internal/sources/records"
)

// Identity is the person the check is about, as MitID verified them.
type Identity struct {
	Name string
	// CPR is the verified CPR number, "" when the broker did not
	// release it.
	CPR string
}

// Check is a reading compared with the verified identity and the check
// date: what the handler is shown next to the certificate, and what goes
// into the rules' evidence.
type Check struct {
	// NameMatches and CPRMatches say whether the certificate's name and
	// CPR number are the verified person's; nil when either side is
	// missing.
	NameMatches *bool
	CPRMatches  *bool
	// Signs are the reading's signs and the date's: issued after the
	// check date (rules.SignIssuedInFuture) or older than the accepted
	// age (SignIssuedTooOld).
	Signs []Sign
}

// Match compares a reading with the verified identity. A certificate
// older than maxAgeDays on checkDate is too old (0 means the rules'
// default, rules.DefaultCertificateMaxAgeDays).
func Match(rd Reading, id Identity, checkDate rules.Date, maxAgeDays int) Check {
	var c Check
	if rd.Name != "" && id.Name != "" {
		ok := namesMatch(rd.Name, id.Name)
		c.NameMatches = &ok
	}
	if !rd.CPR.IsZero() && len(norm.Digits(id.CPR)) == 10 {
		ok := rd.CPR.Matches(id.CPR)
		c.CPRMatches = &ok
	}
	signs := signSet{}
	for _, s := range rd.Signs {
		signs.add(s)
	}
	if maxAgeDays <= 0 {
		maxAgeDays = rules.DefaultCertificateMaxAgeDays
	}
	if !rd.Issued.IsZero() && !checkDate.IsZero() {
		switch {
		case rd.Issued.After(checkDate):
			signs.add(rules.SignIssuedInFuture)
		case rd.Issued.DaysUntil(checkDate) > maxAgeDays:
			signs.add(SignIssuedTooOld)
		}
	}
	c.Signs = signs.list()
	return c
}

// namesMatch compares names the way the rules compare a document's
// holder with the MitID name: case, accents, the æ/ae, ø/oe and å/aa
// spellings and punctuation are ignored, and a name that leaves out
// middle names still matches, as long as the shorter name's words appear
// in order in the longer one.
func namesMatch(a, b string) bool {
	ta, tb := norm.Tokens(a), norm.Tokens(b)
	if len(ta) > len(tb) {
		ta, tb = tb, ta
	}
	if len(ta) == 0 || (len(ta) == 1 && len(tb) > 1) {
		return false
	}
	i := 0
	for _, w := range tb {
		if i < len(ta) && ta[i] == w {
			i++
		}
	}
	return i == len(ta)
}

// Proposal returns what the reading suggests the handler records: a
// Danish certificate ordered by the subject, with the kind, issue date
// and outcome read. ok is false unless all three were read and the
// reading noticed nothing at all: then the handler fills in what the
// certificate says themselves.
func Proposal(rd Reading) (records.Certificate, bool) {
	cert := records.Certificate{Kind: rd.Kind, Country: "DK", Issued: rd.Issued, Outcome: rd.Outcome,
		OrderedBy: records.OrderedBySubject}
	ok := rd.Kind != "" && !rd.Issued.IsZero() && rd.Outcome != OutcomeUnknown && len(rd.Signs) == 0
	return cert, ok
}

// Evidence returns the rules evidence for a certificate that was read
// automatically: kind, country, issue date and outcome are cert's — what
// the handler confirmed (see Proposal) — and the comparison travels with
// it. Only whether name and CPR number matched is passed on, never what
// they were.
func Evidence(id string, cert records.Certificate, c Check) rules.CriminalRecord {
	r := cert.CriminalRecord(id)
	rd := &rules.CertificateReading{NameMatches: c.NameMatches, CPRMatches: c.CPRMatches}
	for _, s := range c.Signs {
		if s != SignIssuedTooOld {
			rd.Signs = append(rd.Signs, s)
		}
	}
	r.Reading = rd
	return r
}
