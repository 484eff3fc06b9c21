package income

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/rules"
)

func mustExtract(t *testing.T, in string) Extract {
	t.Helper()
	ex, err := ParseExtract(strings.NewReader(in))
	if err != nil {
		t.Fatalf("ParseExtract: %v", err)
	}
	return ex
}

// fileProblems returns the problems of a parser error, failing the test
// when err is not the documented *domain.Error with a *FileError cause.
func fileProblems(t *testing.T, err error, msg string) []Problem {
	t.Helper()
	var de *domain.Error
	var fe *FileError
	if !errors.As(err, &de) || de.Code != domain.EInvalid || de.Message != msg || !errors.As(err, &fe) {
		t.Fatalf("err = %#v, want *domain.Error %s with a *FileError", err, msg)
	}
	return fe.Problems
}

func TestParseExtractCSVTheDocumentedWay(t *testing.T) {
	ex := mustExtract(t, "employer_cvr,employer_se,employer_name,from,to,amount,atp\n"+
		"41000011,41000011,Nordlys Regnskab A/S,2026-09-01,2026-09-30,32500.00,99.00\n"+
		"41000011,41000011,\"Nordlys Regnskab, Aarhus\",2026-10-01,2026-10-31,32500.00,99.00\n")
	want := Payment{Row: 2, Employer: Employer{CVR: "41000011", SE: "41000011", Name: "Nordlys Regnskab A/S"},
		Period: rules.Period{From: rules.MustDate("2026-09-01"), To: rules.MustDate("2026-09-30")}, Amount: 3250000, ATP: 9900}
	if len(ex.Payments) != 2 || ex.Payments[0] != want || ex.Payments[1].Employer.Name != "Nordlys Regnskab, Aarhus" || ex.Payments[1].Row != 3 {
		t.Errorf("payments = %+v", ex.Payments)
	}
}

func TestParseExtractCSVAsADanishSpreadsheetSavesIt(t *testing.T) {
	in := "\ufeff# Udtræk fra eIndkomst\r\n" +
		"CVR-nr.;Arbejdsgiver;Periode fra;Periode til;Beløb;ATP-bidrag\r\n" +
		"DK 41 00 00 11;Nordlys Regnskab A/S;01-09-2026;30-09-2026;32.500,00;99,00\r\n" +
		";;;;;\r\n" +
		"41000011;Nordlys Regnskab A/S;1.10.2026;31.10.2026;32.500,00;\r\n"
	ex := mustExtract(t, in)
	if len(ex.Payments) != 2 || ex.Payments[0].Amount != 3250000 || ex.Payments[1].ATP != 0 ||
		ex.Payments[1].Period.From != rules.MustDate("2026-10-01") || ex.Payments[0].Employer.CVR != "41000011" {
		t.Errorf("payments = %+v", ex.Payments)
	}
}

func TestParseExtractCSVInLatin1WithTabs(t *testing.T) {
	in := "arbejdsgiver\tfra\ttil\tbel\xf8b\n" + "Caf\xe9 Kringlen ApS\t01/09/26\t30/09/26\t4.200,00\n"
	ex := mustExtract(t, in)
	if len(ex.Payments) != 1 || ex.Payments[0].Employer.Name != "Café Kringlen ApS" || ex.Payments[0].Amount != 420000 {
		t.Errorf("payments = %+v", ex.Payments)
	}
}

func TestParseExtractSaysWhichRowsAndFieldsAreWrong(t *testing.T) {
	in := "employer_cvr;employer_name;from;to;amount\n" +
		"41000011;Nordlys;2026-09-01;2026-09-30;100\n" +
		"4100001;Nordlys;2026-09-01;2026-09-30;100\n" +
		"41000011;Nordlys;2026-02-30;2026-09-30;100\n" +
		"41000011;Nordlys;2026-09-30;2026-09-01;100\n" +
		";;2026-09-01;2026-09-30;100\n" +
		"41000011;Nordlys;2026-09-01;;lots\n"
	_, err := ParseExtract(strings.NewReader(in))
	got := fileProblems(t, err, "error.income_extract")
	want := []Problem{
		{Row: 3, Field: "employer_cvr", Reason: ReasonCVR},
		{Row: 4, Field: "from", Reason: ReasonDate},
		{Row: 5, Field: "to", Reason: ReasonDateRange},
		{Row: 6, Field: "employer", Reason: ReasonEmployer},
		{Row: 7, Field: "to", Reason: ReasonMissing},
		{Row: 7, Field: "amount", Reason: ReasonAmount},
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems = %+v\nwant %+v", got, want)
	}
	if !strings.Contains(err.Error(), "row 4: from: date") {
		t.Errorf("error text %q does not name the row", err)
	}
}

func TestParseExtractRefusesFilesItCannotRead(t *testing.T) {
	for name, tc := range map[string]struct {
		in     string
		reason string
	}{
		"empty":             {"", ReasonFormat},
		"no dates":          {"employer_name;amount\nNordlys;100\n", ReasonColumns},
		"header only":       {"employer_name;from;to\n", ReasonNoRows},
		"pension as income": {`{"format":"bgcheck-pension-overview/1","schemes":[]}`, ReasonFormat},
		"broken JSON":       {`{"rows":[`, ReasonFormat},
		"empty JSON":        {`{"rows":[]}`, ReasonNoRows},
		"too large":         {strings.Repeat("x", MaxFileBytes+1), ReasonTooLarge},
	} {
		_, err := ParseExtract(strings.NewReader(tc.in))
		ps := fileProblems(t, err, "error.income_extract")
		if len(ps) == 0 || ps[0].Reason != tc.reason {
			t.Errorf("%s: problems = %+v, want %s", name, ps, tc.reason)
		}
	}
}

func TestParseExtractCapsTheProblemList(t *testing.T) {
	in := "employer_name;from;to\n" + strings.Repeat("X;bad;bad\n", 50)
	_, err := ParseExtract(strings.NewReader(in))
	if ps := fileProblems(t, err, "error.income_extract"); len(ps) != maxProblems {
		t.Errorf("%d problems, want %d", len(ps), maxProblems)
	}
}

func TestParseExtractJSON(t *testing.T) {
	ex := mustExtract(t, ` {"format":"bgcheck-income-extract/1","holder_name":" Karen Prøvesen ","rows":[
		{"employer_cvr":"41000011","employer_name":"Nordlys Regnskab A/S","from":"2026-09-01","to":"2026-09-30","amount":"32.500,00","atp":99},
		{"employer_se":"41000011","from":"01/10/26","to":"31/10/26","amount":32500.5}]}`)
	if ex.Holder != "Karen Prøvesen" || len(ex.Payments) != 2 {
		t.Fatalf("extract = %+v", ex)
	}
	if p := ex.Payments[0]; p.Amount != 3250000 || p.ATP != 9900 || p.Row != 1 {
		t.Errorf("first = %+v", p)
	}
	if p := ex.Payments[1]; p.Amount != 3250050 || p.Employer.SE != "41000011" || p.Period.To != rules.MustDate("2026-10-31") {
		t.Errorf("second = %+v", p)
	}
	_, err := ParseExtract(strings.NewReader(`{"rows":[{"employer_name":"X","from":"2026-01-01","to":"2026-01-31","amount":true}]}`))
	if ps := fileProblems(t, err, "error.income_extract"); ps[0] != (Problem{Row: 1, Field: "amount", Reason: ReasonAmount}) {
		t.Errorf("problems = %+v", ps)
	}
}

func TestExtractWithin(t *testing.T) {
	ex := mustExtract(t, "employer_name;from;to\nA;2020-01-01;2020-01-31\nA;2021-01-01;2021-01-31\nA;2022-01-01;2022-01-31\n")
	got := ex.Within(rules.Period{From: rules.MustDate("2021-01-31")})
	if len(got.Payments) != 2 || got.Payments[0].Period.From != rules.MustDate("2021-01-01") {
		t.Errorf("Within = %+v", got.Payments)
	}
}
