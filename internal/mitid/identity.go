package mitid

import (
	"fmt"
	"log/slog"
)

// Identity is a person as a MitID broker vouched for them.
type Identity struct {
	Subject   string // the broker's persistent pseudonym for the person
	UUID      string // the MitID person UUID, the same across brokers
	Name      string
	BirthDate string // YYYY-MM-DD
	CPR       string // ten digits; "" when the broker did not release it
	LoA       string // LoALow, LoASubstantial or LoAHigh
	Issuer    string
	Broker    string // ShapeIdura or ShapeSignicat
}

// String describes the login without any personal data, so an Identity
// that ends up in an error message or a log line leaks nothing.
func (id Identity) String() string {
	return fmt.Sprintf("mitid.Identity{broker=%s loa=%s cpr_released=%t}", id.Broker, id.LoA, id.CPR != "")
}

// GoString keeps %#v as discreet as %v.
func (id Identity) GoString() string { return id.String() }

// LogValue implements slog.LogValuer. It leaves out the name, birth date
// and CPR number; the subject is a broker pseudonym and is kept so a
// login can be traced with the broker.
func (id Identity) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("broker", id.Broker),
		slog.String("issuer", id.Issuer),
		slog.String("subject", id.Subject),
		slog.String("loa", id.LoA),
		slog.Bool("cpr_released", id.CPR != ""),
	)
}
