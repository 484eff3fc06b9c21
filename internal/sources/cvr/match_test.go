package cvr

import (
	"slices"
	"testing"

	"github.com/bgcheck/bgcheck/internal/rules"
)

func TestMatchPerson(t *testing.T) {
	home := rules.Address{Street: "Nørregade 12, 2. tv.", PostalCode: "8000"}
	reg := func(names ...string) Vrdeltagerperson {
		d := Vrdeltagerperson{}
		for _, n := range names {
			d.Navne = append(d.Navne, Navn{Navn: n})
		}
		return d
	}
	at := func(d Vrdeltagerperson, street string, number, postcode int) Vrdeltagerperson {
		d.Beliggenhedsadresse = append(d.Beliggenhedsadresse, Adresse{Vejnavn: street, HusnummerFra: number, Postnummer: postcode})
		return d
	}
	for _, tc := range []struct {
		name    string
		doc     Vrdeltagerperson
		subject Person
		conf    float64
		reasons []Reason
	}{
		{"exact name, same street", at(reg("Søren Ærø"), "Nørregade", 12, 8000), Person{"Soeren Aeroe", []rules.Address{home}},
			0.95, []Reason{ReasonNameExact, ReasonAddressStreet}},
		{"exact name, same postcode", at(reg("Søren Ærø"), "Vestergade", 3, 8000), Person{"Søren Ærø", []rules.Address{home}},
			0.85, []Reason{ReasonNameExact, ReasonAddressPostcode}},
		{"exact name, no registered address", reg("Søren Ærø"), Person{"Søren Ærø", []rules.Address{home}},
			0.5, []Reason{ReasonNameExact, ReasonAddressUnknown}},
		{"exact name, no known address", at(reg("Søren Ærø"), "Nørregade", 12, 8000), Person{"Søren Ærø", nil},
			0.5, []Reason{ReasonNameExact, ReasonAddressUnknown}},
		{"exact name, elsewhere", at(reg("Søren Ærø"), "Nørregade", 12, 5000), Person{"Søren Ærø", []rules.Address{home}},
			0.3, []Reason{ReasonNameExact, ReasonAddressDifferent}},
		{"house number differs", at(reg("Søren Ærø"), "Nørregade", 14, 8000), Person{"Søren Ærø", []rules.Address{home}},
			0.85, []Reason{ReasonNameExact, ReasonAddressPostcode}},
		{"middle name in register", at(reg("Søren Peter Ærø"), "Nørregade", 12, 8000), Person{"Søren Ærø", []rules.Address{home}},
			0.8, []Reason{ReasonNameMiddle, ReasonAddressStreet}},
		{"middle name typed only", at(reg("Søren Ærø"), "Vestergade", 1, 8000), Person{"Søren Peter Ærø", []rules.Address{home}},
			0.7, []Reason{ReasonNameMiddle, ReasonAddressPostcode}},
		{"initial for a middle name", reg("Søren Peter Ærø"), Person{"Søren P. Ærø", nil},
			0.35, []Reason{ReasonNameMiddle, ReasonAddressUnknown}},
		{"middle name, elsewhere", at(reg("Søren Peter Ærø"), "Torvet", 1, 9000), Person{"Søren Ærø", []rules.Address{home}},
			0.15, []Reason{ReasonNameMiddle, ReasonAddressDifferent}},
		{"former name matched", at(Vrdeltagerperson{Navne: []Navn{
			{Navn: "Mette Eksempel", Periode: Periode{GyldigFra: "2001-03-03", GyldigTil: "2024-05-31"}},
			{Navn: "Mette Nygaard", Periode: Periode{GyldigFra: "2024-06-01"}}}}, "Nørregade", 12, 8000),
			Person{"Mette Eksempel", []rules.Address{home}},
			0.95, []Reason{ReasonNameExact, ReasonAddressStreet, ReasonNameFormer}},
		{"floor and letter written differently", at(reg("Søren Ærø"), "Nørregade", 12, 8000),
			Person{"Søren Ærø", []rules.Address{{Street: "Noerregade 12 st.", PostalCode: "8000"}}},
			0.95, []Reason{ReasonNameExact, ReasonAddressStreet}},
	} {
		m, ok := MatchPerson(tc.doc, tc.subject)
		if !ok || m.Confidence != tc.conf || !slices.Equal(m.Reasons, tc.reasons) {
			t.Errorf("%s: MatchPerson = %+v, %v; want %v %v", tc.name, m, ok, tc.conf, tc.reasons)
		}
	}
}

func TestMatchPersonRejectsOtherNames(t *testing.T) {
	for _, pair := range [][2]string{
		{"Lars Testesen", "Lars Hansen"},
		{"Lars Testesen", "Lene Testesen"},
		{"Lars", "Lars"},
		{"Lars Peter Testesen", "Lars Erik Testesen"},
	} {
		d := Vrdeltagerperson{Navne: []Navn{{Navn: pair[1]}}}
		if m, ok := MatchPerson(d, Person{Name: pair[0]}); ok {
			t.Errorf("%q matched %q: %+v", pair[0], pair[1], m)
		}
	}
}

func TestTypedStreet(t *testing.T) {
	for in, want := range map[string]street{
		"Testgade 12, 2. tv.":  {name: "testgade", number: "12"},
		"Testgade 12 A":        {name: "testgade", number: "12a"},
		"Testgade 12B, 1.":     {name: "testgade", number: "12b"},
		"H.C. Andersens Vej 5": {name: "h c andersens vej", number: "5"},
		"Postboks":             {name: "postboks"},
	} {
		if got := typed(rules.Address{Street: in}); got != want {
			t.Errorf("typed(%q) = %+v, want %+v", in, got, want)
		}
	}
}
