package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"time"
)

// Type names what happened. Receivers switch on it and ignore types they
// do not know, so new types can be added.
type Type string

// The event types bgcheck sends.
const (
	CaseCreated           Type = "case.created"
	CaseInvitationSent    Type = "case.invitation_sent"
	CaseSubmitted         Type = "case.submitted"
	CaseAnalysisCompleted Type = "case.analysis_completed"
	CaseDecided           Type = "case.decided"
	CaseCancelled         Type = "case.cancelled"
	ConsentWithdrawn      Type = "consent.withdrawn"
	EmployeeRecheckDue    Type = "employee.recheck_due"
	// Ping is sent only by the "test ping" action, to check an endpoint
	// and its secret; it carries no data.
	Ping Type = "ping"
)

// Types lists every event type, for subscription choices and validation.
var Types = []Type{CaseCreated, CaseInvitationSent, CaseSubmitted, CaseAnalysisCompleted, CaseDecided, CaseCancelled, ConsentWithdrawn, EmployeeRecheckDue, Ping}

// Valid reports whether t is a known event type.
func (t Type) Valid() bool { return slices.Contains(Types, t) }

// Outcomes of a decision, carried by case.decided.
const (
	OutcomeApproved = "approved"
	OutcomeRejected = "rejected"
)

// ErrInvalidEvent is returned when an event breaks the payload rules. It
// is a programming error on the sending side: retrying will not help.
var ErrInvalidEvent = errors.New("webhook: invalid event")

// Event is the envelope every webhook and every entry of the event log
// carries. It holds identifiers, statuses and times only: a receiver
// fetches anything else through the API, with its own key's scopes.
type Event struct {
	ID             string    `json:"id"`
	Type           Type      `json:"type"`
	CreatedAt      time.Time `json:"created_at"`
	OrganisationID string    `json:"organisation_id"`
	Data           Data      `json:"data"`
}

// Data is an event's subject. Its fields are fixed on purpose — there is
// no map or free text — so no name, CPR number, e-mail address, finding
// or document content can travel in a webhook, and Payload checks that
// every value has the shape of an id, a status word or a time.
type Data struct {
	CaseID     string `json:"case_id,omitempty"`
	PackageID  string `json:"package_id,omitempty"`
	EmployeeID string `json:"employee_id,omitempty"`
	// Status is the case's status after the event (domain case statuses).
	Status string `json:"status,omitempty"`
	// Outcome is approved or rejected, on case.decided.
	Outcome string `json:"outcome,omitempty"`
	// Category is the consent category withdrawn, on consent.withdrawn.
	Category string `json:"category,omitempty"`
	// DueAt is when a re-check falls due, on employee.recheck_due.
	DueAt time.Time `json:"due_at,omitzero"`
}

var (
	// An id is a UUID (what the store issues) or 32 hex digits (its
	// fallback). Neither shape can hold a CPR number (10 digits) or a name.
	idPattern = regexp.MustCompile(`^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$`)
	// A status word is lower-case letters and underscores.
	wordPattern = regexp.MustCompile(`^[a-z][a-z_]{0,39}$`)
)

// Payload validates ev and returns its JSON encoding, the exact bytes to
// sign and send. It refuses an event whose values are not ids, status
// words or times, or that lacks what its type requires.
func Payload(ev Event) ([]byte, error) {
	if err := ev.Validate(); err != nil {
		return nil, err
	}
	ev.CreatedAt = ev.CreatedAt.UTC()
	ev.Data.DueAt = ev.Data.DueAt.UTC()
	return json.Marshal(ev)
}

// ParseEvent decodes a payload, refusing unknown fields and anything
// Payload would refuse; the event log uses it to serve stored payloads.
func ParseEvent(payload []byte) (Event, error) {
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.DisallowUnknownFields()
	var ev Event
	if err := dec.Decode(&ev); err != nil {
		return Event{}, fmt.Errorf("%w: %w", ErrInvalidEvent, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Event{}, fmt.Errorf("%w: data after the event", ErrInvalidEvent)
	}
	return ev, ev.Validate()
}

// Validate checks ev against the payload rules.
func (ev Event) Validate() error {
	if !ev.Type.Valid() {
		return invalid("unknown type %q", ev.Type)
	}
	if !idPattern.MatchString(ev.ID) {
		return invalid("id is not an id")
	}
	if !idPattern.MatchString(ev.OrganisationID) {
		return invalid("organisation_id is not an id")
	}
	if ev.CreatedAt.IsZero() {
		return invalid("created_at missing")
	}
	if err := ev.Data.validFields(); err != nil {
		return err
	}
	return ev.Data.required(ev.Type)
}

// validFields checks the shape of every field that is set.
func (d Data) validFields() error {
	for name, v := range map[string]string{"case_id": d.CaseID, "package_id": d.PackageID, "employee_id": d.EmployeeID} {
		if v != "" && !idPattern.MatchString(v) {
			return invalid("data.%s is not an id", name)
		}
	}
	for name, v := range map[string]string{"status": d.Status, "category": d.Category} {
		if v != "" && !wordPattern.MatchString(v) {
			return invalid("data.%s is not a status word", name)
		}
	}
	if d.Outcome != "" && d.Outcome != OutcomeApproved && d.Outcome != OutcomeRejected {
		return invalid("data.outcome must be %s or %s", OutcomeApproved, OutcomeRejected)
	}
	return nil
}

// required checks that the fields a receiver relies on for t are set.
func (d Data) required(t Type) error {
	switch t {
	case Ping:
		if d != (Data{}) {
			return invalid("ping carries no data")
		}
	case EmployeeRecheckDue:
		if d.EmployeeID == "" || d.DueAt.IsZero() {
			return invalid("%s needs data.employee_id and data.due_at", t)
		}
	default:
		if d.CaseID == "" || d.Status == "" {
			return invalid("%s needs data.case_id and data.status", t)
		}
	}
	switch {
	case t == CaseDecided && d.Outcome == "":
		return invalid("%s needs data.outcome", t)
	case t == ConsentWithdrawn && d.Category == "":
		return invalid("%s needs data.category", t)
	}
	return nil
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidEvent}, args...)...)
}
