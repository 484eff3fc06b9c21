package webhook

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

const (
	evID   = "0190a0b0-0000-7000-8000-000000000001"
	orgID  = "0190a0b0-0000-7000-8000-0000000000aa"
	caseID = "0190a0b0-0000-7000-8000-0000000000cc"
	empID  = "0190a0b0000070008000000000000ee0"
)

var created = time.Date(2026, 3, 2, 10, 15, 0, 0, time.UTC)

func decided() Event {
	return Event{ID: evID, Type: CaseDecided, CreatedAt: created, OrganisationID: orgID,
		Data: Data{CaseID: caseID, Status: "approved", Outcome: OutcomeApproved}}
}

func TestPayloadEnvelope(t *testing.T) {
	ev := decided()
	ev.CreatedAt = created.In(time.FixedZone("CET", 3600))
	got, err := Payload(ev)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"` + evID + `","type":"case.decided","created_at":"2026-03-02T10:15:00Z","organisation_id":"` + orgID +
		`","data":{"case_id":"` + caseID + `","status":"approved","outcome":"approved"}}`
	if string(got) != want {
		t.Errorf("Payload() =\n%s\nwant\n%s", got, want)
	}
	back, err := ParseEvent(got)
	if err != nil {
		t.Fatalf("ParseEvent(Payload()) = %v", err)
	}
	if again, _ := Payload(back); string(again) != want {
		t.Errorf("Payload(ParseEvent()) = %s", again)
	}
}

func TestPayloadAcceptsEveryTypeWithItsFields(t *testing.T) {
	due := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	data := map[Type]Data{
		CaseCreated:           {CaseID: caseID, PackageID: empID, Status: "invited"},
		CaseInvitationSent:    {CaseID: caseID, Status: "invited"},
		CaseSubmitted:         {CaseID: caseID, Status: "submitted"},
		CaseAnalysisCompleted: {CaseID: caseID, Status: "ready_for_review"},
		CaseDecided:           {CaseID: caseID, Status: "rejected", Outcome: OutcomeRejected},
		CaseCancelled:         {CaseID: caseID, Status: "cancelled"},
		ConsentWithdrawn:      {CaseID: caseID, Status: "consent_withdrawn", Category: "criminal_record"},
		EmployeeRecheckDue:    {EmployeeID: empID, CaseID: caseID, DueAt: due},
		Ping:                  {},
	}
	for _, typ := range Types {
		d, ok := data[typ]
		if !ok {
			t.Fatalf("no example for %s", typ)
		}
		ev := Event{ID: evID, Type: typ, CreatedAt: created, OrganisationID: orgID, Data: d}
		b, err := Payload(ev)
		if err != nil {
			t.Errorf("Payload(%s) = %v", typ, err)
			continue
		}
		if typ == EmployeeRecheckDue && !strings.Contains(string(b), `"due_at":"2027-03-01T00:00:00Z"`) {
			t.Errorf("Payload(%s) = %s, want due_at", typ, b)
		}
		if typ != EmployeeRecheckDue && strings.Contains(string(b), "due_at") {
			t.Errorf("Payload(%s) = %s, carries an unset due_at", typ, b)
		}
	}
}

func TestPayloadRefuses(t *testing.T) {
	const cpr = "0101901234"
	tests := []struct {
		name   string
		mutate func(*Event)
	}{
		{"a CPR number as case id", func(e *Event) { e.Data.CaseID = cpr }},
		{"a dashed CPR number as case id", func(e *Event) { e.Data.CaseID = "010190-1234" }},
		{"a name as status", func(e *Event) { e.Data.Status = "Karen Prøvesen" }},
		{"an e-mail address as employee id", func(e *Event) { e.Data.EmployeeID = "karen@example.dk" }},
		{"a CPR number as status", func(e *Event) { e.Data.Status = cpr }},
		{"document text as category", func(e *Event) { e.Data.Category = "Straffeattest: ingen anmærkninger" }},
		{"an id with upper-case letters", func(e *Event) { e.Data.PackageID = strings.ToUpper(caseID) }},
		{"an outcome that is not a decision", func(e *Event) { e.Data.Outcome = "maybe" }},
		{"an unknown type", func(e *Event) { e.Type = "case.read" }},
		{"an event id that is not an id", func(e *Event) { e.ID = "1" }},
		{"an organisation that is not an id", func(e *Event) { e.OrganisationID = "Lufthavn A/S" }},
		{"no creation time", func(e *Event) { e.CreatedAt = time.Time{} }},
		{"a case event without a case", func(e *Event) { e.Data.CaseID = "" }},
		{"a case event without a status", func(e *Event) { e.Data.Status = "" }},
		{"a decision without an outcome", func(e *Event) { e.Data.Outcome = "" }},
		{"a consent withdrawal without a category", func(e *Event) { e.Type = ConsentWithdrawn }},
		{"a recheck without an employee", func(e *Event) { e.Type = EmployeeRecheckDue; e.Data.DueAt = created }},
		{"a recheck without a due date", func(e *Event) { e.Type = EmployeeRecheckDue; e.Data.EmployeeID = empID }},
		{"a ping with data", func(e *Event) { e.Type = Ping }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := decided()
			tt.mutate(&ev)
			b, err := Payload(ev)
			if !errors.Is(err, ErrInvalidEvent) {
				t.Errorf("Payload() = %s, %v; want ErrInvalidEvent", b, err)
			}
		})
	}
}

func TestParseEventRefuses(t *testing.T) {
	good, err := Payload(decided())
	if err != nil {
		t.Fatal(err)
	}
	s := string(good)
	tests := map[string]string{
		"an unknown envelope field": strings.Replace(s, `"type"`, `"name":"Karen","type"`, 1),
		"an unknown data field":     strings.Replace(s, `"data":{`, `"data":{"cpr":"0101901234",`, 1),
		"a second value":            s + `{}`,
		"a stray closing bracket":   s + `]`,
		"a CPR number in an id":     strings.Replace(s, caseID, "0101901234", 1),
		"not JSON":                  "case.decided",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseEvent([]byte(in)); !errors.Is(err, ErrInvalidEvent) {
				t.Errorf("ParseEvent(%s) = %v, want ErrInvalidEvent", in, err)
			}
		})
	}
}

// The Data type itself is the first line of defence: a struct of fixed
// scalar fields. This catches someone adding a map, a slice or any field
// that validFields does not vet.
func TestDataHasOnlyVettedFields(t *testing.T) {
	vetted := map[string]reflect.Type{
		"case_id": reflect.TypeFor[string](), "package_id": reflect.TypeFor[string](), "employee_id": reflect.TypeFor[string](),
		"status": reflect.TypeFor[string](), "outcome": reflect.TypeFor[string](), "category": reflect.TypeFor[string](),
		"due_at": reflect.TypeFor[time.Time](),
	}
	for f := range reflect.TypeFor[Data]().Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if want, ok := vetted[name]; !ok || f.Type != want {
			t.Errorf("Data.%s (json %q, %s) is not a field validFields vets", f.Name, name, f.Type)
		}
	}
}

func FuzzParseEvent(f *testing.F) {
	good, _ := Payload(decided())
	f.Add(string(good))
	f.Add(`{"id":"` + evID + `","type":"ping","created_at":"2026-03-02T10:15:00Z","organisation_id":"` + orgID + `","data":{}}`)
	f.Add(`{"data":{"due_at":"x"}}`)
	f.Fuzz(func(t *testing.T, in string) {
		ev, err := ParseEvent([]byte(in))
		if err != nil {
			return
		}
		// Whatever is accepted is an event Payload would send, and reads
		// back the same.
		out, err := Payload(ev)
		if err != nil {
			t.Fatalf("ParseEvent accepted %q, which Payload refuses: %v", in, err)
		}
		again, err := ParseEvent(out)
		if err != nil || !again.CreatedAt.Equal(ev.CreatedAt) || again.ID != ev.ID || again.Data.CaseID != ev.Data.CaseID {
			t.Fatalf("ParseEvent(Payload(%q)) = %+v, %v", in, again, err)
		}
	})
}
