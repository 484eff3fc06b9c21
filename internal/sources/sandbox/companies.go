package sandbox

import (
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/cvr"
)

// company is a fictitious company; to is the day it was dissolved.
type company struct {
	cvr              int64
	name, form       string
	from, to         rules.Date
	street           string
	number, postcode int
	city             string
}

// participant is a fictitious person registered in CVR.
type participant struct {
	unit  int64
	name  string
	addrs []cvr.Adresse
}

// relation is a participant's membership of a company body. An empty
// function is an owner's membership, which the register records with a
// share instead.
type relation struct {
	unit, cvr int64
	body      body
	function  string
	from, to  rules.Date
}

// body is a company body: the register's main type and name.
type body struct{ hovedtype, name string }

var (
	management = body{"LEDELSESORGAN", "Direktion"}
	board      = body{"LEDELSESORGAN", "Bestyrelse"}
	founders   = body{"STIFTERE", "Stiftere"}
	owners     = body{"REGISTER", "Reelle ejere"}
	liable     = body{"FULDT_ANSVARLIG_DELTAGERE", "Fuldt ansvarlige deltagere"}
)

func (w world) cvr() {
	var none rules.Date
	companies := []company{
		{41000011, "Nordlys Regnskab A/S", "A/S", w.month(-180), none, "Strandvejen", 100, 2900, "Hellerup"},
		{41000028, "Kattegat Transport ApS", "ApS", w.month(-150), none, "Havnegade", 40, 8000, "Aarhus C"},
		{41000035, "LT Konsulent ApS", "ApS", w.month(-36), none, "Testgade", 12, 8000, "Aarhus C"},
		{41000042, "Fynsk Frugt A/S", "A/S", w.month(-200), none, "Frugtvej", 1, 5000, "Odense C"},
		{41000059, "Testesen Byg ApS", "ApS", w.month(-130), w.end(-90), "Skovvej", 3, 8200, "Aarhus N"},
		{41000067, "Café Kringlen ApS", "ApS", w.month(-120), none, "Kongensgade", 8, 5000, "Odense C"},
		{41000073, "Boghandlen Nord ApS", "ApS", w.month(-90), none, "Nørregade", 21, 5000, "Odense C"},
		{41000080, "Mette Eksempel Grafisk", "ENK", w.month(-24), none, "Vestergade", 20, 5000, "Odense C"},
		{41000097, "Fiktiv Rejser ApS", "ApS", w.month(-110), none, "Rejsegade", 5, 2200, "København N"},
		{41000111, "Odense Scenekunst ApS", "ApS", w.month(-140), none, "Teatergade", 2, 5000, "Odense C"},
	}
	people := []participant{
		{4000000002, "Lars Testesen", []cvr.Adresse{
			adresse("Skovvej", 3, 8200, "Aarhus N", w.month(-120), w.end(-73)),
			adresse("Testgade", 12, 8000, "Aarhus C", w.month(-72), none)}},
		{4000000003, "Mette Louise Eksempel", []cvr.Adresse{adresse("Vestergade", 20, 5000, "Odense C", w.month(-24), none)}},
		{4000000099, "Lars Testesen", []cvr.Adresse{adresse("Frugtvej", 9, 5000, "Odense C", w.month(-200), none)}},
		{4000000101, "Birgitte Nordlys", []cvr.Adresse{adresse("Kystvej", 4, 2900, "Hellerup", w.month(-180), none)}},
		{4000000103, "Henrik Havgaard", []cvr.Adresse{adresse("Molsvej", 18, 8400, "Ebeltoft", w.month(-150), none)}},
		{4000000104, "Pia Frugtmand", []cvr.Adresse{adresse("Æblevej", 2, 5200, "Odense V", w.month(-200), none)}},
		{4000000105, "Jens Murer", []cvr.Adresse{adresse("Murervej", 6, 8210, "Aarhus V", w.month(-130), none)}},
		{4000000106, "Ida Kringle", []cvr.Adresse{adresse("Bagervej", 9, 5000, "Odense C", w.month(-120), none)}},
		{4000000107, "Bo Bogholm", []cvr.Adresse{adresse("Bogvej", 11, 5210, "Odense NV", w.month(-90), none)}},
		{4000000108, "Rikke Rejse", []cvr.Adresse{adresse("Rejsevej", 3, 2400, "København NV", w.month(-110), none)}},
		{4000000109, "Tove Scene", []cvr.Adresse{adresse("Kulissevej", 5, 5000, "Odense C", w.month(-140), none)}},
	}
	relations := []relation{
		{4000000002, 41000035, management, "DIREKTØR", w.month(-36), none},
		{4000000002, 41000035, founders, "STIFTER", w.month(-36), w.month(-36)},
		{4000000002, 41000035, owners, "", w.month(-36), none},
		{4000000002, 41000059, board, "BESTYRELSESMEDLEM", w.month(-120), w.end(-91)},
		{4000000099, 41000042, board, "BESTYRELSESMEDLEM", w.month(-50), none},
		{4000000003, 41000080, liable, "FULDT ANSVARLIG DELTAGER", w.month(-24), none},
		{4000000101, 41000011, management, "ADM. DIR.", w.month(-180), none},
		{4000000103, 41000028, management, "DIREKTØR", w.month(-150), none},
		{4000000103, 41000028, owners, "", w.month(-150), none},
		{4000000104, 41000042, management, "DIREKTØR", w.month(-200), none},
		{4000000105, 41000059, management, "DIREKTØR", w.month(-130), w.end(-90)},
		{4000000106, 41000067, management, "DIREKTØR", w.month(-120), none},
		{4000000107, 41000073, management, "DIREKTØR", w.month(-90), none},
		{4000000108, 41000097, management, "DIREKTØR", w.month(-110), none},
		{4000000109, 41000111, management, "DIREKTØR", w.month(-140), none},
	}
	w.s.companies, w.s.participants = documents(companies, people, relations)
}

func adresse(street string, number, postcode int, city string, from, to rules.Date) cvr.Adresse {
	return cvr.Adresse{Vejnavn: street, HusnummerFra: number, Postnummer: postcode, Postdistrikt: city,
		Landekode: "DK", Periode: periode(from, to)}
}

func periode(from, to rules.Date) cvr.Periode {
	return cvr.Periode{GyldigFra: from.String(), GyldigTil: to.String()}
}
