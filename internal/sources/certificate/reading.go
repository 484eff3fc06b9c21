package certificate

import (
	"fmt"
	"log/slog"
	"slices"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/rules"
)

// Sign is a stable code for something the reader noticed: a sign of
// alteration, or a reason the certificate could not be read completely.
// The codes are rules.CertificateSign's (rules.SignModifiedAfterCreation
// and the rest), so the rules can weigh them.
type Sign = rules.CertificateSign

// SignIssuedTooOld is Match's: the certificate is older than the package
// accepts. Evidence leaves it out, because the rules judge a
// certificate's age themselves (criminal_record_outdated).
const SignIssuedTooOld Sign = "issued_too_old"

// OutcomeUnknown is the Outcome of a reading that did not find the
// outcome, or found it stated both ways.
const OutcomeUnknown rules.Outcome = ""

// Reading is what was read from an uploaded certificate. It lives in
// memory only, for as long as the handler needs it: what is kept after
// the decision is the outcome and date (records.Certificate).
type Reading struct {
	// Kind is rules.RecordCriminal or rules.RecordChild, "" when the
	// title was not recognised.
	Kind rules.RecordKind
	// Name is the name the certificate is issued to, as printed.
	Name string
	// CPR is the certificate's CPR number; it never prints unmasked.
	CPR CPR
	// Issued is the issue date; zero when not found.
	Issued rules.Date
	// Outcome is rules.OutcomeClean, rules.OutcomeHasEntries or
	// OutcomeUnknown.
	Outcome rules.Outcome
	// Issuer is the issuing authority as the certificate names it, e.g.
	// "Rigspolitiet".
	Issuer string
	// Generator is the software the file says wrote it (producer and
	// creator), for the handler to see.
	Generator string
	// Pages is the number of pages.
	Pages int
	// Signs are what the reader noticed, in a fixed order.
	Signs []Sign
}

// Has reports whether the reading carries sign s.
func (r Reading) Has(s Sign) bool { return slices.Contains(r.Signs, s) }

// LogValue logs what the reading found without the name or CPR number.
func (r Reading) LogValue() slog.Value {
	signs := make([]string, len(r.Signs))
	for i, s := range r.Signs {
		signs[i] = string(s)
	}
	return slog.GroupValue(
		slog.String("kind", string(r.Kind)),
		slog.String("outcome", string(r.Outcome)),
		slog.String("issued", r.Issued.String()),
		slog.Any("signs", signs),
	)
}

// CPR is a CPR number read from a certificate. Printed with any verb,
// logged or marshalled it shows only its masked form ("010190-****"), so
// it cannot end up in a log, an error or a stored document; Matches
// compares it with the verified number.
type CPR struct{ digits string }

// IsZero reports whether no CPR number was read.
func (c CPR) IsZero() bool { return c.digits == "" }

// Matches reports whether c is the CPR number cpr (written with or
// without a hyphen).
func (c CPR) Matches(cpr string) bool {
	var d []byte
	for i := 0; i < len(cpr); i++ {
		if cpr[i] >= '0' && cpr[i] <= '9' {
			d = append(d, cpr[i])
		}
	}
	return len(d) == 10 && c.digits == string(d)
}

// String returns the masked number, or "" when none was read.
func (c CPR) String() string {
	if c.IsZero() {
		return ""
	}
	return domain.MaskCPR(c.digits)
}

// Format prints the masked number whatever the verb, so that %d or %#v
// cannot print the digits.
func (c CPR) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

// LogValue logs the masked number.
func (c CPR) LogValue() slog.Value { return slog.StringValue(c.String()) }

// MarshalText writes the masked number.
func (c CPR) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// signOrder is the order signs are reported in.
var signOrder = []Sign{
	rules.SignEncrypted, rules.SignUnreadable, rules.SignNoTextLayer,
	rules.SignModifiedAfterCreation, rules.SignIncrementalUpdate, rules.SignGeneratorUnexpected,
	rules.SignTextInvisible, rules.SignTextWhite, rules.SignTextOffPage, rules.SignTextCovered, rules.SignTextTiny,
	rules.SignOutcomeContradictory,
	rules.SignMissingKind, rules.SignMissingName, rules.SignMissingCPR, rules.SignMissingIssued, rules.SignMissingOutcome,
	rules.SignIssuedInFuture, SignIssuedTooOld,
}

// signSet collects signs once each, in signOrder.
type signSet map[Sign]bool

func (s signSet) add(x Sign) { s[x] = true }

func (s signSet) list() []Sign {
	var out []Sign
	for _, x := range signOrder {
		if s[x] {
			out = append(out, x)
		}
	}
	return out
}
