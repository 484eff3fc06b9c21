package sandbox_test

import (
	"bytes"
	"io"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/sandbox"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// M is the first day of T's month; m(n) is M+n months, e(n) its last day.
var M = rules.MustDate("2026-11-01")

func m(n int) rules.Date      { return M.AddMonths(n) }
func e(n int) rules.Date      { return M.AddMonths(n + 1).AddDays(-1) }
func day(n, d int) rules.Date { return m(n).AddDays(d - 1) }

func job(id, name, cvr string, from, to rules.Date) rules.Activity {
	return rules.Activity{ID: id, Kind: rules.KindEmployment, Name: name, CVR: cvr, Country: "DK",
		Period: rules.Period{From: from, To: to}}
}

// declared is what each person tells in the portal when they tell it as
// docs/sandbox.md suggests.
func declared(s *sandbox.Sandbox, key string) rules.Declared {
	p, _ := s.Person(key)
	d := rules.Declared{Name: p.Name, Address: p.Address, Citizenships: []string{"DK"},
		Residences: []rules.Residence{{ID: "res-dk", Country: "DK", Period: rules.Period{From: rules.MustDate(p.BirthDate)}}}}
	var open rules.Date
	switch key {
	case "karen":
		d.Activities = []rules.Activity{job("job-1", "Nordlys Regnskab A/S", "41000011", m(-100), open)}
	case "lars":
		// Lars forgets both his company and his unpaid leave.
		d.Activities = []rules.Activity{job("job-1", "Kattegat Transport ApS", "41000028", m(-80), open)}
	case "mette":
		d.Activities = []rules.Activity{
			{ID: "edu-1", Kind: rules.KindEducation, Name: "Syddansk Universitet", Country: "DK", Period: rules.Period{From: m(-64)}},
			job("job-1", "Café Kringlen ApS", "41000067", m(-60), day(-30, 10)),
			job("job-2", "Boghandlen Nord ApS", "41000073", m(-29), day(-12, 15)),
			job("job-3", "Odense Scenekunst ApS", "41000111", day(-11, 5), open),
		}
	case "sofie":
		d.Residences = []rules.Residence{
			{ID: "res-dk1", Country: "DK", Period: rules.Period{From: rules.MustDate(p.BirthDate), To: e(-55)}},
			{ID: "res-no", Country: "NO", Period: rules.Period{From: m(-54), To: e(-31)}},
			{ID: "res-us", Country: "US", Period: rules.Period{From: m(-30), To: e(-24)}},
			{ID: "res-dk2", Country: "DK", Period: rules.Period{From: m(-23)}},
		}
		d.Activities = []rules.Activity{
			job("job-1", "Café Kringlen ApS", "41000067", m(-80), e(-55)),
			{ID: "job-2", Kind: rules.KindEmployment, Name: "Bergen Hotell AS", Country: "NO", Period: rules.Period{From: m(-54), To: e(-31)}},
			{ID: "job-3", Kind: rules.KindEmployment, Name: "Au pair, Boston", Country: "US", Period: rules.Period{From: m(-30), To: e(-24)}},
			job("job-4", "Fiktiv Rejser ApS", "41000097", m(-23), open),
		}
	}
	return d
}
