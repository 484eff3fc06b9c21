package sandbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/bgcheck/bgcheck/internal/mitid/devprovider"
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
	"github.com/bgcheck/bgcheck/internal/sources/cvr"
	"github.com/bgcheck/bgcheck/internal/sources/income"
	"github.com/bgcheck/bgcheck/internal/sources/sandbox"
)

// T is the reference date of these tests: M is 1 November 2026.
var T = rules.MustDate("2026-11-23")

func newSandbox() *sandbox.Sandbox { return sandbox.New(T) }

func TestPeopleAreTheMitIDTestIdentities(t *testing.T) {
	s := newSandbox()
	ids := devprovider.Identities()
	if len(s.People()) != len(ids) {
		t.Fatalf("%d people, %d MitID identities", len(s.People()), len(ids))
	}
	for i, id := range ids {
		p := s.People()[i]
		if p.Key != id.Key || p.Name != id.Name || p.BirthDate != id.BirthDate || p.CPR != id.CPR {
			t.Errorf("person %d = %+v, MitID identity %s %s %s %s", i, p, id.Key, id.Name, id.BirthDate, id.CPR)
		}
	}
	if _, ok := s.Person("nobody"); ok {
		t.Error("unknown key found")
	}
}

func TestCPRSubscription(t *testing.T) {
	s := newSandbox()
	ctx := context.Background()
	rec, err := s.CPR().Person(ctx, "0101901234")
	if err != nil || rec.Name != "Karen Prøvesen" || rec.Status != rules.CPRActive || rec.Address.PostalCode != "2100" {
		t.Errorf("Karen = %+v, %v", rec, err)
	}
	if _, err := s.CPR().Person(ctx, "0101901299"); !sources.IsNotFound(err) {
		t.Errorf("unknown person: %v", err)
	}
	if _, err := s.CPR().Person(ctx, "3102901234"); !sources.IsInvalid(err) {
		t.Errorf("31 February: %v", err)
	}
	s.SetOutage(rules.SourceCPR, true)
	if _, err := s.CPR().Person(ctx, "0101901234"); !sources.IsUnavailable(err) {
		t.Errorf("during an outage: %v", err)
	}
	s.SetOutage(rules.SourceCPR, false)
	if _, err := s.CPR().Person(ctx, "0101901234"); err != nil {
		t.Errorf("after the outage: %v", err)
	}
}

func roles(t *testing.T, s *sandbox.Sandbox, key string) cvr.RoleResult {
	t.Helper()
	p, _ := s.Person(key)
	res, err := s.CVR().PersonRoles(context.Background(), cvr.Person{Name: p.Name, Addresses: []rules.Address{p.Address}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestCVRRolesOfThePeople(t *testing.T) {
	s := newSandbox()
	lars := roles(t, s, "lars")
	want := map[string]float64{
		"cvr-41000035-director-2023-11-01":     0.95,
		"cvr-41000035-founder-2023-11-01":      0.95,
		"cvr-41000035-owner-2023-11-01":        0.95,
		"cvr-41000059-board_member-2016-11-01": 0.95,
	}
	if len(lars.Roles) != len(want) || lars.Candidates != 2 || lars.Discarded != 1 {
		t.Errorf("Lars = %+v", lars)
	}
	for _, r := range lars.Roles {
		if c, ok := want[r.ID()]; !ok || c != r.Match.Confidence {
			t.Errorf("Lars role %s at %.2f", r.ID(), r.Match.Confidence)
		}
	}
	mette := roles(t, s, "mette")
	if len(mette.Roles) != 1 || mette.Roles[0].Role != rules.RoleSoleProprietor || mette.Roles[0].Match.Confidence != 0.7 {
		t.Errorf("Mette = %+v", mette)
	}
	for _, key := range []string{"karen", "sofie"} {
		if r := roles(t, s, key); len(r.Roles) != 0 || r.Candidates != 0 {
			t.Errorf("%s = %+v", key, r)
		}
	}
}

func TestCVRCompanies(t *testing.T) {
	s := newSandbox()
	ctx := context.Background()
	byg, err := s.CVR().CompanyByNumber(ctx, "41000059")
	if err != nil || byg.Active || byg.Status != "OPLØST EFTER FRIVILLIG LIKVIDATION" || byg.Period.To != rules.MustDate("2019-05-31") {
		t.Errorf("Testesen Byg = %+v, %v", byg, err)
	}
	if len(byg.Participants) != 2 {
		t.Errorf("participants = %+v", byg.Participants)
	}
	if _, err := s.CVR().CompanyByNumber(ctx, "41000000"); !sources.IsNotFound(err) {
		t.Errorf("unknown company: %v", err)
	}
	cos, err := s.CVR().CompaniesByName(ctx, "kattegat")
	if err != nil || len(cos) != 1 || cos[0].Name != "Kattegat Transport ApS" || !cos[0].Active {
		t.Errorf("by name = %+v, %v", cos, err)
	}
}

func TestIncomeRegisterByCPR(t *testing.T) {
	s := newSandbox()
	window := rules.Period{From: T.AddYears(-5), To: T.AddDays(-1)}
	ex, err := s.Income().Income(context.Background(), "0202851235", window)
	if err != nil {
		t.Fatal(err)
	}
	es := ex.Employments()
	if len(es) != 2 || es[0].Period.To != rules.MustDate("2025-02-28") || es[1].Period.From != rules.MustDate("2025-06-01") {
		t.Errorf("Lars's employments = %+v; want a gap March–May 2025", es)
	}
	if _, err := s.Income().Income(context.Background(), "0404751237", window); !sources.IsNotFound(err) {
		t.Errorf("Ole: %v", err)
	}
	o, err := s.Pension().Pension(context.Background(), "0303014236")
	if err != nil || len(o.Employments()) != 3 {
		t.Errorf("Mette's pension = %+v, %v", o, err)
	}
}

// TestUploadedFilesMatchTheRegisters: the files a person would upload
// parse into the same employments the registers hold.
func TestUploadedFilesMatchTheRegisters(t *testing.T) {
	s := newSandbox()
	for _, p := range s.People() {
		csv, ok := s.IncomeExtractCSV(p.Key)
		if p.Key == "ole" {
			if ok {
				t.Error("Ole has an extract")
			}
			continue
		}
		ex, err := income.ParseExtract(bytes.NewReader(csv))
		if err != nil {
			t.Fatalf("%s: %v", p.Key, err)
		}
		js, _ := s.PensionOverviewJSON(p.Key)
		o, err := income.ParsePension(bytes.NewReader(js))
		if err != nil {
			t.Fatalf("%s: %v", p.Key, err)
		}
		if p.CPR == "" {
			continue // Sofie: no register lookup to compare with
		}
		reg, _ := s.Income().Income(context.Background(), p.CPR, rules.Period{From: rules.MustDate("2000-01-01")})
		regP, _ := s.Pension().Pension(context.Background(), p.CPR)
		if !sameJSON(ex.Employments(), reg.Employments()) || !sameJSON(o.Employments(), regP.Employments()) {
			t.Errorf("%s: uploaded files and registers disagree", p.Key)
		}
	}
}

func sameJSON(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func TestLicencesAndCertificates(t *testing.T) {
	s := newSandbox()
	l, ok := s.Licence("lars")
	if !ok || l.Validate() != nil {
		t.Fatalf("Lars's licence = %+v", l)
	}
	ps := l.Permits("licence")
	if len(ps) != 2 || ps[0].Expiry != T.AddDays(60) {
		t.Errorf("Lars's permits = %+v; want C and CE expiring in 60 days first", ps)
	}
	if _, ok := s.Licence("mette"); ok {
		t.Error("Mette has no licence")
	}
	for _, p := range s.People()[:4] {
		cs := s.Certificates(p.Key)
		if len(cs) != 1 || cs[0].Validate() != nil || cs[0].Country != "DK" {
			t.Errorf("%s: certificates = %+v", p.Key, cs)
		}
	}
}

// TestCVRNumbersCannotBeReal: every sandbox CVR number fails the
// register's modulus-11 check, so none can belong to a real company.
func TestCVRNumbersCannotBeReal(t *testing.T) {
	s := newSandbox()
	cos, _ := s.CVR().CompaniesByName(context.Background(), "a")
	all := []string{}
	for _, p := range s.People() {
		for _, r := range roles(t, s, p.Key).Roles {
			all = append(all, r.CVR)
		}
	}
	for _, c := range cos {
		all = append(all, c.CVR)
	}
	for _, n := range []string{"41000011", "41000028", "41000035", "41000042", "41000059", "41000067", "41000073", "41000080", "41000097", "41000111"} {
		all = append(all, n)
		if _, err := s.CVR().CompanyByNumber(context.Background(), n); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
	weights := []int{2, 7, 6, 5, 4, 3, 2, 1}
	for _, n := range all {
		sum := 0
		for i, w := range weights {
			sum += int(n[i]-'0') * w
		}
		if sum%11 == 0 {
			t.Errorf("CVR %s passes the modulus-11 check and could be a real company", n)
		}
	}
}
