package certificate

// Phrases are the words the reader looks for on a certificate, in Danish
// and in English (the police issue both). They are compared as whole
// words in sequence after folding case, accents, the ASCII spellings of
// æ, ø and å, and punctuation, so "CPR-nr.:" and "cpr nr" are the same
// label and a phrase may run over a line break.
//
// The police's real layout is not public; docs/sandbox.md describes the
// layout these defaults assume. When a genuine certificate words
// something differently, add the wording here (or in Config.Phrases):
// nothing else in the reader depends on it.
type Phrases struct {
	// CriminalTitle and ChildTitle name the kind of certificate. The
	// first line naming either decides; a child certificate's title is
	// checked first, as its text may mention the criminal register.
	CriminalTitle []string
	ChildTitle    []string
	// Issuers are the printed names of the issuing authority.
	Issuers []string
	// Labels precede a field's value on its line (or stand on the line
	// above it).
	NameLabels   []string
	CPRLabels    []string
	IssuedLabels []string
	// NoEntries and Entries state the outcome. A certificate stating
	// both contradicts itself.
	NoEntries []string
	Entries   []string
}

// DefaultPhrases returns the phrases for the layout in docs/sandbox.md.
func DefaultPhrases() Phrases {
	return Phrases{
		CriminalTitle: []string{
			"privat straffeattest", "straffeattest",
			"criminal record certificate", "certificate of criminal record", "private criminal record",
		},
		ChildTitle: []string{
			"børneattest",
			"child certificate", "child protection certificate", "certificate for work with children",
		},
		Issuers: []string{
			"Rigspolitiet", "Det Centrale Kriminalregister", "Politiet",
			"Danish National Police", "National Police of Denmark",
		},
		NameLabels: []string{"navn", "fulde navn", "name", "full name"},
		CPRLabels: []string{
			"cpr-nr.", "cpr-nummer", "cpr", "personnummer",
			"cpr number", "cpr no.", "civil registration number", "personal identification number",
		},
		IssuedLabels: []string{
			"udstedt", "udstedt den", "udstedelsesdato", "dato for udstedelse", "attestdato",
			"date of issue", "issue date", "issued", "issued on",
		},
		NoEntries: []string{
			"ingen registreringer", "ingen anmærkninger", "uden anmærkninger", "intet registreret",
			"intet at bemærke",
			"no entries", "no registrations", "no records", "nothing recorded", "no convictions",
		},
		Entries: []string{
			"følgende registreringer", "følgende anmærkninger", "følgende afgørelser", "følgende domme",
			"med anmærkninger",
			"following entries", "following registrations", "following convictions", "following decisions",
		},
	}
}
