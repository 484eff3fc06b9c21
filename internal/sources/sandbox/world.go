package sandbox

import (
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/income"
	"github.com/bgcheck/bgcheck/internal/sources/records"
)

// world builds the sandbox's data relative to m0, the first day of the
// reference date's month (M in docs/sandbox.md).
type world struct {
	s  *Sandbox
	m0 rules.Date
}

// month is the first day of month M+n.
func (w world) month(n int) rules.Date { return w.m0.AddMonths(n) }

// end is the last day of month M+n.
func (w world) end(n int) rules.Date { return w.m0.AddMonths(n + 1).AddDays(-1) }

// day is day d of month M+n.
func (w world) day(n, d int) rules.Date { return w.month(n).AddDays(d - 1) }

// extractFrom is where the income extracts begin: M−66, a little more
// than the five years a check looks back.
const extractFrom = -66

func (w world) build() {
	w.people()
	w.cvr()
	w.s.income = map[string]income.Extract{}
	w.s.pension = map[string]income.Overview{}
	w.s.licences = map[string]records.Licence{}
	w.s.certificates = map[string][]records.Certificate{}
	w.karen()
	w.lars()
	w.mette()
	w.sofie()
}

func (w world) people() {
	w.s.people = []Person{
		{Key: "karen", Name: "Karen Prøvesen", BirthDate: "1990-01-01", CPR: "0101901234",
			Address: rules.Address{Street: "Prøvevej 1, 2. tv.", PostalCode: "2100", City: "København Ø", Country: "DK"},
			Story:   "clean: every register agrees with what she declares"},
		{Key: "lars", Name: "Lars Testesen", BirthDate: "1985-02-02", CPR: "0202851235",
			Address: rules.Address{Street: "Testgade 12, 2. tv.", PostalCode: "8000", City: "Aarhus C", Country: "DK"},
			Story:   "director and founder of a company he may forget to declare; three unpaid months at his employer; a C licence about to expire"},
		{Key: "mette", Name: "Mette Eksempel", BirthDate: "2001-03-03", CPR: "0303014236",
			Address: rules.Address{Street: "Eksempelstræde 3, 1. th.", PostalCode: "5000", City: "Odense C", Country: "DK"},
			Story:   "student with part-time jobs and short gaps between them; a possible CVR match under her middle name"},
		{Key: "sofie", Name: "Sofie Fiktivsen", BirthDate: "1995-05-05",
			Address: rules.Address{Street: "Fiktivvej 7, 3. th.", PostalCode: "2200", City: "København N", Country: "DK"},
			Story:   "lived in Norway and the United States; no Danish income while abroad; CPR number not released"},
		{Key: "ole", Name: "Ole Lavsen", BirthDate: "1975-04-04", CPR: "0404751237",
			Address: rules.Address{Street: "Lavsvej 4", PostalCode: "9000", City: "Aalborg", Country: "DK"},
			Story:   "known to CPR only: refused at MitID (level low), so no case reaches analysis"},
	}
	w.s.cpr = map[string]rules.CPRRecord{}
	for _, p := range w.s.people {
		if p.CPR != "" {
			w.s.cpr[p.CPR] = rules.CPRRecord{Name: p.Name, Address: p.Address, Status: rules.CPRActive}
		}
	}
}
