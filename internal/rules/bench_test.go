package rules

import (
	"fmt"
	"testing"
)

// realistic is a case as it typically arrives: ten jobs, three residence
// periods (one in a third country) and twenty evidence rows.
func realistic() Input {
	in := base("2026-11-15")
	in.Package.Categories = append(in.Package.Categories, CategoryBusinessRoles)
	in.Declared.Name = "Mette Kristensen"
	in.Declared.Address = Address{Street: "Vestergade 3", PostalCode: "8000", City: "Aarhus C"}
	in.Declared.Citizenships = []string{"DK"}
	employers := []string{"Alfa", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa"}
	from := d("2020-01-01")
	for i, name := range employers {
		to := from.AddMonths(8).AddDays(-1)
		p := Period{From: from, To: to}
		if i == len(employers)-1 {
			p.To = Date{}
		}
		in.Declared.Activities = append(in.Declared.Activities, Activity{ID: fmt.Sprintf("j%02d", i), Kind: KindEmployment,
			Period: p, Name: name + " ApS", CVR: fmt.Sprintf("%08d", 10000000+i), Country: "DK"})
		from = to.AddDays(1)
		if i == 3 {
			from = from.AddDays(40) // a break
		}
	}
	in.Declared.GapExplanations = []GapExplanation{gap("g1", ReasonTravel, "2022-09-01", "2022-10-10")}
	in.Declared.Residences = []Residence{res("r1", "DK", "1990-01-01", "2019-05-31"),
		res("r2", "US", "2019-06-01", "2020-02-29"), res("r3", "DK", "2020-03-01", "")}
	for i := 0; i < 12; i++ {
		a := in.Declared.Activities[i%8]
		in.Evidence.Income = append(in.Evidence.Income, IncomeRow{ID: fmt.Sprintf("i%02d", i), Source: SourceIncomeRegister,
			EmployerName: a.Name, CVR: a.CVR, Period: a.Period.Close(in.CheckDate)})
	}
	in.Evidence.Documents = []Document{photoID("d1", DocPassport, "2030-01-01"), doc("d2", DocPayslip, "j00"), doc("d3", DocReference, "j05")}
	in.Evidence.EmployerContacts = []EmployerContact{contact("c1", "j01"), {ID: "c2", For: "j02", Company: "Gamma"}}
	in.Evidence.RegisterRoles = []RegisterRole{
		{ID: "cvr1", Company: "Kristensen Holding ApS", CVR: "77777777", Role: RoleDirector, Period: p("2021-01-01", ""), Confidence: 0.92},
		{ID: "cvr2", Company: "Andet ApS", CVR: "88888888", Role: RoleBoardMember, Period: p("2015-01-01", "2018-01-01"), Confidence: 0.55}}
	in.Evidence.CriminalRecords = []CriminalRecord{record("cr1", "US", OutcomeClean, "2026-10-01")}
	in.Evidence.MitIDName = "Mette Kristensen"
	return in
}

// issueTarget is the size the performance target is set for: 15 CV
// entries and five years of monthly income data.
func issueTarget() Input {
	in := base("2026-11-15")
	from := d("2021-11-01")
	for i := 0; i < 15; i++ {
		to := from.AddMonths(4).AddDays(-1)
		in.Declared.Activities = append(in.Declared.Activities, Activity{ID: fmt.Sprintf("j%02d", i), Kind: KindEmployment,
			Period: Period{From: from, To: to}, Name: fmt.Sprintf("Firma %d A/S", i), CVR: fmt.Sprintf("%08d", 20000000+i)})
		in.Evidence.Income = append(in.Evidence.Income,
			monthly(fmt.Sprintf("i%02d", i), fmt.Sprintf("Firma %d", i), fmt.Sprintf("%08d", 20000000+i), from.String(), to.String())...)
		from = to.AddDays(1)
	}
	in.Declared.Residences = []Residence{res("r1", "DK", "1990-01-01", "")}
	in.Evidence.Documents = []Document{photoID("d1", DocPassport, "2030-01-01")}
	return in
}

func BenchmarkEvaluate(b *testing.B) {
	in := realistic()
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(in)
	}
}

func BenchmarkEvaluateFifteenEntriesMonthlyIncome(b *testing.B) {
	in := issueTarget()
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(in)
	}
}
