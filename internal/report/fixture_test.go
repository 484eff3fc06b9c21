package report

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/i18n"
)

// fullCPR is the subject's real-looking CPR number; no output may contain
// its last four digits next to the birth date.
const fullCPR = "0101902837"

var fixtureTitles = []string{
	"Ansættelse ikke verificeret",
	"Hul i CV'et på mere end 28 dage",
	"Straffeattest mangler fra bopælsland",
	"Uoverensstemmelse i ansættelsesperiode",
	"Rolle i virksomhed under konkurs",
	"Opholdstilladelse udløber inden for et år",
	"Uddannelse uden eksamensbevis",
	"Kørekort udløber snart",
	"Navneændring i perioden",
	"Indkomst fra ukendt arbejdsgiver",
}

var fixtureCategories = []string{"CV og beskæftigelse", "Straffeattest", "Roller i virksomheder", "Identitet, adresse og opholdstilladelse", "Uddannelse"}

var fixtureSeverities = []string{SeverityBlocking, SeverityActionRequired, SeverityWarning, SeverityInfo}

// realisticReport is a report as a real aviation case produces it: twenty
// findings with long Danish notes, several sources and a four-eyes
// decision.
func realisticReport() Report {
	at := func(day, hour, minute int) time.Time {
		return time.Date(2026, time.November, day, hour, minute, 7, 123456789, time.UTC)
	}
	r := Report{
		DocumentID:   "BGC-7K3M-9QX2-AB4D-HT6R",
		GeneratedAt:  at(3, 13, 5),
		Lang:         "da",
		CaseRef:      "c-01JC8ZQ4V7R2M5X9W3T6Y8B1N0",
		Organisation: Organisation{Name: "Københavns Lufthavne Ø-Drift A/S", CVR: "12345674"},
		Subject:      Subject{Name: "Søren Ærø Åberg", MaskedCPR: fullCPR, BirthDate: "1990-01-01"},
		Package: Package{
			Name:     "Luftfart – udvidet baggrundskontrol",
			Version:  3,
			Template: "Luftfart, udvidet",
			Categories: []Category{
				{"Identitet, adresse og opholdstilladelse", "Kræves af luftfartsreglerne for alle med adgang til sikkerhedsbegrænsede områder."},
				{"CV og beskæftigelse", "Fem års beskæftigelse skal verificeres, jf. vejledningens afsnit 2.3; huller over 28 dage skal forklares og dokumenteres."},
				{"Straffeattest", "Straffeattest fra alle lande, hvor personen har boet i mindst seks måneder i de seneste fem år."},
				{"Roller i virksomheder", "Økonomiske interesser kan udgøre en afpresningsrisiko i en betroet stilling."},
				{"Uddannelse", "Stillingen forudsætter en flyteknisk uddannelse."},
			},
		},
		Sources: []Source{
			{"MitID", "Identitet og CPR-match via MitID-broker", at(1, 9, 12), "Bekræftet, sikringsniveau Betydelig"},
			{"CVR", "Roller i virksomheder (navn og adresse)", at(1, 9, 40), "2 roller fundet, sikkerhed 0,92"},
			{"eIndkomst", "Personens eget udtræk, uploadet", at(1, 10, 2), "60 måneder indlæst, 3 arbejdsgivere"},
			{"Rigspolitiet", "Privat straffeattest, læst fra PDF", at(2, 8, 30), "Ingen registreringer"},
			{"Arbejdsgiver", "Telefonisk bekræftelse hos Ærøskøbing Værft ApS", at(2, 14, 45), "Periode 2021-03-01 – 2023-01-31 bekræftet"},
		},
		Analysis: &Analysis{
			RuleVersion:    "aviation-2026.2",
			Recommendation: RecommendAttention,
			CoverageFrom:   "2021-11-03",
			CoverageTo:     "2026-11-02",
			AnalysedAt:     at(2, 15, 0),
		},
		Decision: &Decision{
			Outcome:        OutcomeApproved,
			Reason:         "Alle blokerende fund er afklaret med dokumentation; de resterende er til orientering. Personen opfylder kravene til stillingen som flytekniker.",
			DecidedBy:      "Mette Kjærgaard (sagsbehandler)",
			DecidedAt:      at(3, 12, 1),
			SecondReviewer: "Jørgen Bæk (sikkerhedschef)",
			ConfirmedAt:    at(3, 12, 48),
		},
		ValidUntil:  "2027-11-03",
		NextRecheck: "2027-09-08",
	}
	for i := range 20 {
		f := Finding{
			Category:    fixtureCategories[i%len(fixtureCategories)],
			Severity:    fixtureSeverities[i%len(fixtureSeverities)],
			Title:       fmt.Sprintf("%s (nr. %d)", fixtureTitles[i%len(fixtureTitles)], i+1),
			Description: "Luftfartsreglerne kræver, at hver ansættelse i de seneste fem år er bekræftet af en uafhængig kilde, fx indkomstoplysninger, en reference eller kontakt med arbejdsgiveren.",
			Evidence:    fmt.Sprintf("CV-linje %d, eIndkomst-udtræk", i+1),
		}
		if i%5 != 4 { // every fifth finding is left unresolved
			f.ResolutionNote = fmt.Sprintf("Fund %d: Vi har ringet til lønkontoret hos Ærøskøbing Værft ApS og talt med bogholder Åse Grønbæk, som bekræftede ansættelsen fra 1. marts 2021 til 31. januar 2023 som flytekniker. Hun sendte samme dag lønsedler for første og sidste måned, som er lagt på sagen. Forskellen på 12 dage i forhold til CV'et skyldes, at ansættelsen formelt begyndte på en fridag; det er i overensstemmelse med kontrakten.", i+1)
			f.ResolvedBy = "Mette Kjærgaard"
			f.ResolvedAt = at(2, 16, i)
		}
		r.Findings = append(r.Findings, f)
	}
	return r
}

// translator returns the real catalogue's translator for lang, so the
// tests also prove that every "report." key the package uses exists.
func translator(t testing.TB, lang string) Translator {
	t.Helper()
	cat, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	return func(id string, data map[string]any) string {
		s := cat.T(lang, id, data)
		if strings.HasPrefix(s, i18n.MissingPrefix) {
			t.Errorf("message %q is not in the catalogue", id)
		}
		return s
	}
}

func mustPDF(t testing.TB, r Report) []byte {
	t.Helper()
	b, err := PDF(r, translator(t, r.Lang))
	if err != nil {
		t.Fatalf("PDF: %v", err)
	}
	return b
}
