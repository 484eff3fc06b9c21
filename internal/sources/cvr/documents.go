package cvr

// The types below mirror the documents of the distribution service's
// cvr-permanent index, as far as bgcheck reads them. Field names are the
// register's own; dates are "YYYY-MM-DD" strings, null meaning open.

// Periode is a validity period.
type Periode struct {
	GyldigFra string `json:"gyldigFra"`
	GyldigTil string `json:"gyldigTil"`
}

// Navn is a name valid in a period.
type Navn struct {
	Navn    string  `json:"navn"`
	Periode Periode `json:"periode"`
}

// Adresse is an address valid in a period.
type Adresse struct {
	Vejnavn      string  `json:"vejnavn"`
	HusnummerFra int     `json:"husnummerFra"`
	BogstavFra   string  `json:"bogstavFra"`
	Etage        string  `json:"etage"`
	Sidedoer     string  `json:"sidedoer"`
	Postnummer   int     `json:"postnummer"`
	Postdistrikt string  `json:"postdistrikt"`
	Landekode    string  `json:"landekode"`
	Fritekst     string  `json:"fritekst"`
	Periode      Periode `json:"periode"`
}

// Status is a company status (e.g. NORMAL, OPLØST EFTER ERKLÆRING) valid
// in a period.
type Status struct {
	Status  string  `json:"status"`
	Periode Periode `json:"periode"`
}

// Virksomhedsform is a company's legal form, e.g. ApS.
type Virksomhedsform struct {
	KortBeskrivelse string  `json:"kortBeskrivelse"`
	LangBeskrivelse string  `json:"langBeskrivelse"`
	Periode         Periode `json:"periode"`
}

// Livsforloeb is a period in which the company existed.
type Livsforloeb struct {
	Periode Periode `json:"periode"`
}

// Vaerdi is one value of an attribute, valid in a period.
type Vaerdi struct {
	Vaerdi  string  `json:"vaerdi"`
	Periode Periode `json:"periode"`
}

// Attribut is a typed attribute; type FUNKTION holds a participant's
// function, e.g. DIREKTØR.
type Attribut struct {
	Type     string   `json:"type"`
	Vaerdier []Vaerdi `json:"vaerdier"`
}

// MedlemsData is a participant's membership of an organisation.
type MedlemsData struct {
	Attributter []Attribut `json:"attributter"`
}

// Organisation is a body of a company — management, board, founders,
// owners — and the participant's membership of it.
type Organisation struct {
	Hovedtype         string        `json:"hovedtype"`
	OrganisationsNavn []Navn        `json:"organisationsNavn"`
	MedlemsData       []MedlemsData `json:"medlemsData"`
}

// Deltager is a participant as a company document names it.
type Deltager struct {
	EnhedsNummer int64  `json:"enhedsNummer"`
	Enhedstype   string `json:"enhedstype"`
	Navne        []Navn `json:"navne"`
}

// DeltagerRelation is a participant's relation to a company.
type DeltagerRelation struct {
	Deltager       Deltager       `json:"deltager"`
	Organisationer []Organisation `json:"organisationer"`
}

// Vrvirksomhed is a company document.
type Vrvirksomhed struct {
	CVRNummer           int64              `json:"cvrNummer"`
	Navne               []Navn             `json:"navne"`
	Virksomhedsstatus   []Status           `json:"virksomhedsstatus"`
	Virksomhedsform     []Virksomhedsform  `json:"virksomhedsform"`
	Livsforloeb         []Livsforloeb      `json:"livsforloeb"`
	Beliggenhedsadresse []Adresse          `json:"beliggenhedsadresse"`
	DeltagerRelation    []DeltagerRelation `json:"deltagerRelation"`
}

// RelationVirksomhed is the company end of a participant's relation.
type RelationVirksomhed struct {
	CVRNummer   int64         `json:"cvrNummer"`
	Navne       []Navn        `json:"navne"`
	Livsforloeb []Livsforloeb `json:"livsforloeb"`
}

// SummariskRelation is a participant's relation to one company.
type SummariskRelation struct {
	Virksomhed     RelationVirksomhed `json:"virksomhed"`
	Organisationer []Organisation     `json:"organisationer"`
}

// Vrdeltagerperson is a participant document. Persons have Enhedstype
// PERSON; the feed holds no CPR number.
type Vrdeltagerperson struct {
	EnhedsNummer                int64               `json:"enhedsNummer"`
	Enhedstype                  string              `json:"enhedstype"`
	Navne                       []Navn              `json:"navne"`
	Beliggenhedsadresse         []Adresse           `json:"beliggenhedsadresse"`
	VirksomhedSummariskRelation []SummariskRelation `json:"virksomhedSummariskRelation"`
}
