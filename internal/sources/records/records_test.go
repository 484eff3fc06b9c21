package records

import (
	"errors"
	"maps"
	"slices"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/rules"
)

func d(s string) rules.Date { return rules.MustDate(s) }

func fields(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.EInvalid {
		t.Fatalf("err = %v, want a domain invalid error", err)
	}
	return slices.Sorted(maps.Keys(de.Fields))
}

func TestNormaliseCategory(t *testing.T) {
	for in, want := range map[string]string{"b": "B", " C1+E ": "C1E", "c1 e": "C1E", "am": "AM", "D/E": "DE"} {
		if got, ok := NormaliseCategory(in); !ok || got != want {
			t.Errorf("NormaliseCategory(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "X", "B2", "CEE"} {
		if _, ok := NormaliseCategory(in); ok {
			t.Errorf("NormaliseCategory(%q) accepted", in)
		}
	}
}

var lars = Licence{
	Number: "12345678", Issued: d("2018-05-01"), Expiry: d("2033-05-01"), Source: FromCard, Recorded: d("2026-11-23"),
	Categories: []LicenceCategory{{Code: "B"}, {Code: "c", Expiry: d("2027-01-15")}, {Code: "BE"}, {Code: "CE", Expiry: d("2027-01-15")}},
}

func TestLicenceValidate(t *testing.T) {
	if err := lars.Validate(); err != nil {
		t.Errorf("valid licence refused: %v", err)
	}
	bad := Licence{Issued: d("2020-01-01"), Expiry: d("2019-01-01"), Categories: []LicenceCategory{{Code: "Q"}}}
	want := []string{"categories[0]", "expiry", "recorded", "source"}
	if got := fields(t, bad.Validate()); !slices.Equal(got, want) {
		t.Errorf("fields = %v, want %v", got, want)
	}
	if got := fields(t, (Licence{}).Validate()); !slices.Contains(got, "categories") || !slices.Contains(got, "expiry") {
		t.Errorf("empty licence fields = %v", got)
	}
}

func TestLicencePermitsSplitByExpiry(t *testing.T) {
	got := lars.Permits("licence")
	want := []rules.Permit{
		{ID: "licence-1", Kind: rules.PermitDrivingLicence, Categories: []string{"C", "CE"}, Issued: d("2018-05-01"), Expiry: d("2027-01-15")},
		{ID: "licence-2", Kind: rules.PermitDrivingLicence, Categories: []string{"B", "BE"}, Issued: d("2018-05-01"), Expiry: d("2033-05-01")},
	}
	if len(got) != len(want) {
		t.Fatalf("permits = %+v", got)
	}
	for i := range want {
		if got[i].ID != want[i].ID || !slices.Equal(got[i].Categories, want[i].Categories) || got[i].Expiry != want[i].Expiry || got[i].Issued != want[i].Issued {
			t.Errorf("permit %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestLicenceNextCheck(t *testing.T) {
	if got := lars.NextCheck(12); got != d("2027-01-15") {
		t.Errorf("NextCheck = %s, want the C expiry 2027-01-15", got)
	}
	l := lars
	l.Categories = []LicenceCategory{{Code: "B"}}
	if got := l.NextCheck(12); got != d("2027-11-23") {
		t.Errorf("NextCheck = %s, want a year after recording", got)
	}
}

func TestCertificateValidate(t *testing.T) {
	ok := []Certificate{
		{Kind: rules.RecordCriminal, Country: "dk", Issued: d("2026-11-20"), Outcome: rules.OutcomeClean, OrderedBy: OrderedBySubject},
		{Kind: rules.RecordChild, Country: "DK", Issued: d("2026-11-20"), Outcome: rules.OutcomeHasEntries, OrderedBy: OrderedByCompany, ConsentGiven: d("2026-11-18")},
	}
	for _, c := range ok {
		if err := c.Validate(); err != nil {
			t.Errorf("%+v refused: %v", c, err)
		}
	}
	for _, tc := range []struct {
		c    Certificate
		want []string
	}{
		{Certificate{}, []string{"country", "issued", "kind", "ordered_by", "outcome"}},
		{Certificate{Kind: rules.RecordCriminal, Country: "DNK", Issued: d("2026-11-20"), Outcome: "maybe", OrderedBy: OrderedByCompany},
			[]string{"consent_given", "country", "outcome"}},
		{Certificate{Kind: rules.RecordChild, Country: "DK", Issued: d("2026-11-20"), Outcome: rules.OutcomeClean, OrderedBy: OrderedBySubject},
			[]string{"ordered_by"}},
	} {
		if got := fields(t, tc.c.Validate()); !slices.Equal(got, tc.want) {
			t.Errorf("%+v: fields = %v, want %v", tc.c, got, tc.want)
		}
	}
}

func TestCertificateAsEvidence(t *testing.T) {
	c := Certificate{Kind: rules.RecordCriminal, Country: "no", Issued: d("2026-11-01"), Outcome: rules.OutcomeClean, OrderedBy: OrderedBySubject}
	got := c.CriminalRecord("cr-1")
	if got != (rules.CriminalRecord{ID: "cr-1", Kind: rules.RecordCriminal, Country: "NO", Issued: d("2026-11-01"), Outcome: rules.OutcomeClean}) {
		t.Errorf("CriminalRecord = %+v", got)
	}
}

func TestGuidesLinkToThePolice(t *testing.T) {
	for _, g := range []Guide{CriminalRecordGuide(), ChildCertificateGuide()} {
		if g.Link != PoliceCertificateURL || len(g.Steps) < 3 {
			t.Errorf("guide = %+v", g)
		}
	}
	if len(LicenceGuide().Steps) != 5 {
		t.Errorf("licence guide = %+v", LicenceGuide())
	}
}
