package attest

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// OutcomeApproved is the only outcome attested: a rejection is never
// something a subject shares with a partner.
const OutcomeApproved = "approved"

// maxText bounds each free-text field, in characters.
const maxText = 200

// ErrInvalid is returned (wrapped) when an attestation breaks the rules
// Validate enforces, whether being signed or read from a token.
var ErrInvalid = errors.New("attest: invalid attestation")

// Organisation is the company vouching for the check.
type Organisation struct {
	Name string `json:"name"`
	CVR  string `json:"cvr,omitempty"` // Danish business number, 8 digits
}

// Attestation is what a partner learns, and nothing more: no CPR number,
// no findings, no documents.
//
// Date and ValidUntil are calendar days: only the year, month and day in
// the time's own location count, and tokens give them back as midnight
// UTC. IssuedAt is kept to the second.
type Attestation struct {
	ID           string // the platform's id, used for revocation
	Organisation Organisation
	SubjectName  string // the person checked, as verified
	CheckType    string // e.g. the screening package's name
	Outcome      string // always OutcomeApproved
	Date         time.Time
	ValidUntil   time.Time // the last day the check is valid
	IssuedAt     time.Time
}

var (
	// An id is a UUID (what the store issues) or 32 hex digits.
	idPattern  = regexp.MustCompile(`^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$`)
	cvrPattern = regexp.MustCompile(`^[0-9]{8}$`)
	// cprLike finds a CPR number written with or without its dash.
	cprLike = regexp.MustCompile(`[0-9]{6}-?[0-9]{4}`)
)

// Validate checks a against the rules every signed attestation obeys.
func (a Attestation) Validate() error {
	if !idPattern.MatchString(a.ID) {
		return invalid("id is not an id")
	}
	if err := text("organisation name", a.Organisation.Name); err != nil {
		return err
	}
	if a.Organisation.CVR != "" && !cvrPattern.MatchString(a.Organisation.CVR) {
		return invalid("CVR number must be 8 digits")
	}
	if err := text("subject name", a.SubjectName); err != nil {
		return err
	}
	// A name has no digits; refusing them keeps a CPR number, an employee
	// number or any other identifier from being attested by mistake.
	if strings.ContainsFunc(a.SubjectName, unicode.IsDigit) {
		return invalid("subject name contains digits")
	}
	if err := text("check type", a.CheckType); err != nil {
		return err
	}
	if a.Outcome != OutcomeApproved {
		return invalid("outcome must be %q", OutcomeApproved)
	}
	for name, t := range map[string]time.Time{"date": a.Date, "valid until": a.ValidUntil, "issued at": a.IssuedAt} {
		if t.Year() < 2000 || t.Year() > 9999 {
			return invalid("%s missing or out of range", name)
		}
	}
	if day(a.ValidUntil).Before(day(a.Date)) {
		return invalid("valid until is before the date")
	}
	return nil
}

// text checks a free-text field: present, bounded, printable, and free of
// anything shaped like a CPR number.
func text(name, s string) error {
	switch {
	case strings.TrimSpace(s) == "":
		return invalid("%s missing", name)
	case !utf8.ValidString(s):
		return invalid("%s is not valid UTF-8", name)
	case utf8.RuneCountInString(s) > maxText:
		return invalid("%s longer than %d characters", name, maxText)
	case strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }):
		return invalid("%s contains control characters", name)
	case cprLike.MatchString(s):
		return invalid("%s contains a number shaped like a CPR number", name)
	}
	return nil
}

// day returns t's calendar day as midnight UTC.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}
