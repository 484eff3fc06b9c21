package sandbox

import (
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/cvr"
)

// documents builds the register's documents from the sandbox's
// companies, people and relations, so a company's participants and a
// person's companies always agree.
func documents(cs []company, ps []participant, rs []relation) ([]cvr.Vrvirksomhed, []cvr.Vrdeltagerperson) {
	var companies []cvr.Vrvirksomhed
	for _, c := range cs {
		doc := companyDoc(c)
		for _, p := range ps {
			if orgs := organisations(rs, p.unit, c); len(orgs) > 0 {
				doc.DeltagerRelation = append(doc.DeltagerRelation, cvr.DeltagerRelation{
					Deltager:       cvr.Deltager{EnhedsNummer: p.unit, Enhedstype: "PERSON", Navne: []cvr.Navn{{Navn: p.name}}},
					Organisationer: orgs,
				})
			}
		}
		companies = append(companies, doc)
	}
	var people []cvr.Vrdeltagerperson
	for _, p := range ps {
		doc := cvr.Vrdeltagerperson{EnhedsNummer: p.unit, Enhedstype: "PERSON",
			Navne: []cvr.Navn{{Navn: p.name}}, Beliggenhedsadresse: p.addrs}
		for _, c := range cs {
			if orgs := organisations(rs, p.unit, c); len(orgs) > 0 {
				doc.VirksomhedSummariskRelation = append(doc.VirksomhedSummariskRelation, cvr.SummariskRelation{
					Virksomhed: cvr.RelationVirksomhed{CVRNummer: c.cvr,
						Navne:       []cvr.Navn{{Navn: c.name, Periode: periode(c.from, rules.Date{})}},
						Livsforloeb: []cvr.Livsforloeb{{Periode: periode(c.from, c.to)}}},
					Organisationer: orgs,
				})
			}
		}
		people = append(people, doc)
	}
	return companies, people
}

func companyDoc(c company) cvr.Vrvirksomhed {
	status := []cvr.Status{{Status: "NORMAL", Periode: periode(c.from, c.to)}}
	if !c.to.IsZero() {
		status = append(status, cvr.Status{Status: "OPLØST EFTER FRIVILLIG LIKVIDATION", Periode: periode(c.to.AddDays(1), rules.Date{})})
	}
	return cvr.Vrvirksomhed{
		CVRNummer:           c.cvr,
		Navne:               []cvr.Navn{{Navn: c.name, Periode: periode(c.from, rules.Date{})}},
		Virksomhedsstatus:   status,
		Virksomhedsform:     []cvr.Virksomhedsform{{KortBeskrivelse: c.form, Periode: periode(c.from, rules.Date{})}},
		Livsforloeb:         []cvr.Livsforloeb{{Periode: periode(c.from, c.to)}},
		Beliggenhedsadresse: []cvr.Adresse{adresse(c.street, c.number, c.postcode, c.city, c.from, rules.Date{})},
	}
}

// organisations returns the bodies of company c that participant unit is
// a member of, with the membership.
func organisations(rs []relation, unit int64, c company) []cvr.Organisation {
	var out []cvr.Organisation
	for _, r := range rs {
		if r.unit != unit || r.cvr != c.cvr {
			continue
		}
		attr := cvr.Attribut{Type: "FUNKTION", Vaerdier: []cvr.Vaerdi{{Vaerdi: r.function, Periode: periode(r.from, r.to)}}}
		if r.function == "" {
			attr = cvr.Attribut{Type: "EJERANDEL_PROCENT", Vaerdier: []cvr.Vaerdi{{Vaerdi: "1.0", Periode: periode(r.from, r.to)}}}
		}
		out = append(out, cvr.Organisation{
			Hovedtype:         r.body.hovedtype,
			OrganisationsNavn: []cvr.Navn{{Navn: r.body.name, Periode: periode(c.from, rules.Date{})}},
			MedlemsData:       []cvr.MedlemsData{{Attributter: []cvr.Attribut{attr}}},
		})
	}
	return out
}
