package sandbox

import (
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/income"
	"github.com/bgcheck/bgcheck/internal/sources/records"
)

// Employers as their payslips name them.
var (
	nordlys   = income.Employer{CVR: "41000011", SE: "41000011", Name: "Nordlys Regnskab A/S"}
	kattegat  = income.Employer{CVR: "41000028", SE: "41000028", Name: "Kattegat Transport ApS"}
	kringlen  = income.Employer{CVR: "41000067", SE: "41000067", Name: "Café Kringlen ApS"}
	boghandel = income.Employer{CVR: "41000073", SE: "41000073", Name: "Boghandlen Nord ApS"}
	scene     = income.Employer{CVR: "41000111", SE: "41000111", Name: "Odense Scenekunst ApS"}
	rejser    = income.Employer{CVR: "41000097", SE: "41000097", Name: "Fiktiv Rejser ApS"}
)

// monthly pays a full month's salary from M+from to M+to, except in the
// months listed in skip.
func (w world) monthly(e income.Employer, from, to int, pay, atp income.Amount, skip ...int) []income.Payment {
	var out []income.Payment
	for n := from; n <= to; n++ {
		if !contains(skip, n) {
			out = append(out, w.paid(e, w.month(n), w.end(n), pay, atp))
		}
	}
	return out
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func (w world) paid(e income.Employer, from, to rules.Date, pay, atp income.Amount) income.Payment {
	return income.Payment{Employer: e, Period: rules.Period{From: from, To: to}, Amount: pay, ATP: atp}
}

func scheme(provider string, kind income.SchemeKind, e income.Employer, spans ...income.Contribution) income.Scheme {
	return income.Scheme{Provider: provider, Kind: kind, Employer: e, Contributions: spans}
}

func (w world) paidIn(from, to rules.Date, amount income.Amount) income.Contribution {
	return income.Contribution{Period: rules.Period{From: from, To: to}, Amount: amount}
}

func (w world) criminal(country string, daysAgo int) records.Certificate {
	return records.Certificate{Kind: rules.RecordCriminal, Country: country, Issued: w.s.asOf.AddDays(-daysAgo),
		Outcome: rules.OutcomeClean, OrderedBy: records.OrderedBySubject}
}

// karen: employed at Nordlys Regnskab since M−100, nothing else.
func (w world) karen() {
	w.s.income["karen"] = income.Extract{Holder: "Karen Prøvesen",
		Payments: w.monthly(nordlys, extractFrom, -1, 3800000, 9900)}
	w.s.pension["karen"] = income.Overview{Holder: "Karen Prøvesen", Generated: w.s.asOf, Schemes: []income.Scheme{
		scheme("ATP", income.SchemeATP, nordlys, w.paidIn(w.month(-100), w.end(-1), 990000)),
		scheme("Pensionskassen Prøve", income.SchemeLabourMarket, nordlys, w.paidIn(w.month(-100), w.end(-1), 45600000)),
	}}
	issued := w.s.asOf.AddYears(-5)
	w.s.licences["karen"] = records.Licence{Number: "30110001", Issued: issued, Expiry: issued.AddYears(15),
		Categories: []records.LicenceCategory{{Code: "B"}}, Source: records.FromCard, Recorded: w.s.asOf}
	w.s.certificates["karen"] = []records.Certificate{w.criminal("DK", 7)}
}

// lars: at Kattegat Transport since M−80, unpaid in M−20…M−18.
func (w world) lars() {
	gap := []int{-20, -19, -18}
	w.s.income["lars"] = income.Extract{Holder: "Lars Testesen",
		Payments: w.monthly(kattegat, extractFrom, -1, 4150000, 9900, gap...)}
	w.s.pension["lars"] = income.Overview{Holder: "Lars Testesen", Generated: w.s.asOf, Schemes: []income.Scheme{
		scheme("ATP", income.SchemeATP, kattegat,
			w.paidIn(w.month(-80), w.end(-21), 594000), w.paidIn(w.month(-17), w.end(-1), 168300)),
		scheme("Pensionskassen Prøve", income.SchemeLabourMarket, kattegat,
			w.paidIn(w.month(-80), w.end(-21), 29880000), w.paidIn(w.month(-17), w.end(-1), 8466000)),
	}}
	issued := w.s.asOf.AddYears(-8)
	w.s.licences["lars"] = records.Licence{Number: "30110002", Issued: issued, Expiry: issued.AddYears(15),
		Categories: []records.LicenceCategory{{Code: "B"}, {Code: "C", Expiry: w.s.asOf.AddDays(60)}, {Code: "CE", Expiry: w.s.asOf.AddDays(60)}},
		Source:     records.FromApp, Recorded: w.s.asOf}
	w.s.certificates["lars"] = []records.Certificate{w.criminal("DK", 20)}
}

// mette: three part-time jobs during her studies, each about three weeks
// after the last.
func (w world) mette() {
	ps := w.monthly(kringlen, -60, -31, 420000, 3330)
	ps = append(ps, w.paid(kringlen, w.month(-30), w.day(-30, 10), 140000, 1110))
	ps = append(ps, w.monthly(boghandel, -29, -13, 380000, 3330)...)
	ps = append(ps, w.paid(boghandel, w.month(-12), w.day(-12, 15), 190000, 1665))
	ps = append(ps, w.paid(scene, w.day(-11, 5), w.end(-11), 300000, 2500))
	ps = append(ps, w.monthly(scene, -10, -1, 390000, 3330)...)
	w.s.income["mette"] = income.Extract{Holder: "Mette Eksempel", Payments: ps}
	w.s.pension["mette"] = income.Overview{Holder: "Mette Eksempel", Generated: w.s.asOf, Schemes: []income.Scheme{
		scheme("ATP", income.SchemeATP, kringlen, w.paidIn(w.month(-60), w.day(-30, 10), 97680)),
		scheme("ATP", income.SchemeATP, boghandel, w.paidIn(w.month(-29), w.day(-12, 15), 58275)),
		scheme("ATP", income.SchemeATP, scene, w.paidIn(w.day(-11, 5), w.end(-1), 35800)),
	}}
	w.s.certificates["mette"] = []records.Certificate{w.criminal("DK", 3)}
}

// sofie: in Denmark, then Norway (M−54…M−31) and the United States
// (M−30…M−24), back since M−23. Danish income only while in Denmark.
func (w world) sofie() {
	ps := w.monthly(kringlen, extractFrom, -55, 2950000, 9900)
	ps = append(ps, w.monthly(rejser, -23, -1, 3500000, 9900)...)
	w.s.income["sofie"] = income.Extract{Holder: "Sofie Fiktivsen", Payments: ps}
	w.s.pension["sofie"] = income.Overview{Holder: "Sofie Fiktivsen", Generated: w.s.asOf, Schemes: []income.Scheme{
		scheme("ATP", income.SchemeATP, kringlen, w.paidIn(w.month(-80), w.end(-55), 257400)),
		scheme("ATP", income.SchemeATP, rejser, w.paidIn(w.month(-23), w.end(-1), 227700)),
		scheme("Fiktiv Bank", income.SchemePrivate, income.Employer{}, w.paidIn(w.month(-60), w.end(-1), 3000000)),
	}}
	issued := w.s.asOf.AddYears(-3)
	w.s.licences["sofie"] = records.Licence{Number: "30110004", Issued: issued, Expiry: issued.AddYears(15),
		Categories: []records.LicenceCategory{{Code: "B"}}, Source: records.FromCard, Recorded: w.s.asOf}
	w.s.certificates["sofie"] = []records.Certificate{w.criminal("DK", 10)}
}
