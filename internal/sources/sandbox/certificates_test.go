package sandbox_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/certificate"
	"github.com/bgcheck/bgcheck/internal/sources/sandbox"
)

// readCertificate reads a sandbox certificate the way bgcheck reads an
// upload, knowing the sandbox's generator as the issuer's.
func readCertificate(t *testing.T, s *sandbox.Sandbox, key, variant string) certificate.Reading {
	t.Helper()
	b, err := s.CertificatePDF(key, variant)
	if err != nil {
		t.Fatal(err)
	}
	c := certificate.DefaultConfig()
	c.Generators = []string{sandbox.CertificateGenerator}
	rd, err := c.Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return rd
}

func TestCertificatesReadBack(t *testing.T) {
	s := newSandbox()
	tests := []struct {
		key, variant string
		kind         rules.RecordKind
		name         string
		cpr          string
		daysAgo      int
		outcome      rules.Outcome
		issuer       string
		signs        []certificate.Sign
	}{
		{"karen", sandbox.CertificateCriminal, rules.RecordCriminal, "Karen Prøvesen", "0101901234", 7, rules.OutcomeClean, "Rigspolitiet", nil},
		{"karen", sandbox.CertificateChild, rules.RecordChild, "Karen Prøvesen", "0101901234", 7, rules.OutcomeClean, "Rigspolitiet", nil},
		{"lars", sandbox.CertificateCriminal, rules.RecordCriminal, "Lars Testesen", "0202851235", 20, rules.OutcomeClean, "Rigspolitiet", nil},
		{"lars", sandbox.CertificateEntries, rules.RecordCriminal, "Lars Testesen", "0202851235", 20, rules.OutcomeHasEntries, "Rigspolitiet", nil},
		{"lars", sandbox.CertificateTampered, rules.RecordCriminal, "Lars Testesen", "0202851235", 20, certificate.OutcomeUnknown, "Rigspolitiet",
			[]certificate.Sign{rules.SignModifiedAfterCreation, rules.SignIncrementalUpdate, rules.SignGeneratorUnexpected,
				rules.SignTextCovered, rules.SignOutcomeContradictory}},
		{"mette", sandbox.CertificateCriminal, rules.RecordCriminal, "Mette Eksempel", "0303014236", 3, rules.OutcomeClean, "Rigspolitiet", nil},
		{"mette", sandbox.CertificateScanned, "", "", "", -1, certificate.OutcomeUnknown, "",
			[]certificate.Sign{rules.SignNoTextLayer, rules.SignGeneratorUnexpected}},
		{"sofie", sandbox.CertificateCriminal, rules.RecordCriminal, "Sofie Fiktivsen", "0505951238", 10, rules.OutcomeClean, "Danish National Police", nil},
		{"ole", sandbox.CertificateCriminal, rules.RecordCriminal, "Ole Lavsen", "0404751237", 5, rules.OutcomeClean, "Rigspolitiet", nil},
	}
	for _, tt := range tests {
		t.Run(tt.key+"/"+tt.variant, func(t *testing.T) {
			rd := readCertificate(t, s, tt.key, tt.variant)
			issued := rules.Date{}
			if tt.daysAgo >= 0 {
				issued = T.AddDays(-tt.daysAgo)
			}
			if rd.Kind != tt.kind || rd.Name != tt.name || rd.Issued != issued || rd.Outcome != tt.outcome || rd.Issuer != tt.issuer {
				t.Errorf("reading %+v", rd)
			}
			if tt.cpr != "" && !rd.CPR.Matches(tt.cpr) || tt.cpr == "" && !rd.CPR.IsZero() {
				t.Errorf("CPR %s, want %s", rd.CPR, tt.cpr)
			}
			if !slices.Equal(rd.Signs, tt.signs) {
				t.Errorf("signs %v, want %v", rd.Signs, tt.signs)
			}
		})
	}
}

// Every person's plain certificate says what the sandbox's recorded
// certificate says, so uploading it and typing it in agree.
func TestCertificatePDFsAgreeWithRecords(t *testing.T) {
	s := newSandbox()
	for _, p := range s.People() {
		recs := s.Certificates(p.Key)
		if len(recs) == 0 {
			continue
		}
		rd := readCertificate(t, s, p.Key, sandbox.CertificateCriminal)
		cert, ok := certificate.Proposal(rd)
		if !ok {
			t.Errorf("%s: no proposal from %+v", p.Key, rd)
			continue
		}
		r := recs[0]
		if cert.Kind != r.Kind || cert.Country != r.Country || cert.Issued != r.Issued || cert.Outcome != r.Outcome {
			t.Errorf("%s: certificate says %+v, record %+v", p.Key, cert, r)
		}
	}
}

func TestCertificatesMatchTheirPeople(t *testing.T) {
	s := newSandbox()
	id := func(key string) certificate.Identity {
		p, _ := s.Person(key)
		return certificate.Identity{Name: p.Name, CPR: p.CPR}
	}
	tests := []struct {
		cert, person string
		name, cpr    string // "yes", "no", "" (not compared)
	}{
		{"karen", "karen", "yes", "yes"},
		{"lars", "lars", "yes", "yes"},
		{"mette", "mette", "yes", "yes"},
		{"sofie", "sofie", "yes", ""}, // the broker does not release her CPR number
		{"ole", "karen", "no", "no"},  // someone else's certificate
	}
	for _, tt := range tests {
		rd := readCertificate(t, s, tt.cert, sandbox.CertificateCriminal)
		c := certificate.Match(rd, id(tt.person), T, 90)
		if tri(c.NameMatches) != tt.name || tri(c.CPRMatches) != tt.cpr {
			t.Errorf("%s's certificate for %s: name %s, cpr %s", tt.cert, tt.person, tri(c.NameMatches), tri(c.CPRMatches))
		}
		if len(c.Signs) != 0 {
			t.Errorf("%s: signs %v", tt.cert, c.Signs)
		}
	}
}

func tri(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "yes"
	}
	return "no"
}

// The doctored copy, read and handed to the rules, asks the company to
// get the certificate another way.
func TestTamperedCertificateFinding(t *testing.T) {
	s := newSandbox()
	rd := readCertificate(t, s, "lars", sandbox.CertificateTampered)
	p, _ := s.Person("lars")
	c := certificate.Match(rd, certificate.Identity{Name: p.Name, CPR: p.CPR}, T, 90)
	cert, ok := certificate.Proposal(rd)
	if ok {
		t.Fatalf("proposed %+v from a doctored file", cert)
	}
	cert.Outcome = rules.OutcomeClean // what the handler would see on the page
	in := rules.Input{CheckDate: T, Package: rules.PackageRules{Categories: []rules.Category{rules.CategoryCriminalRecord}}}
	in.Evidence.CriminalRecords = []rules.CriminalRecord{certificate.Evidence("c1", cert, c)}
	var found *rules.Finding
	res := rules.Evaluate(in)
	for i, f := range res.Findings {
		if f.Rule == rules.RuleCertificateTamperingSigns {
			found = &res.Findings[i]
		}
	}
	if found == nil || found.Severity != rules.ActionRequired || found.Params["Edited"] != "yes" ||
		found.Params["HiddenText"] != "yes" || found.Params["Contradictory"] != "yes" || found.Params["Generator"] != "yes" {
		t.Errorf("finding %+v in %+v", found, res.Findings)
	}
}

func TestCertificatesAreDeterministic(t *testing.T) {
	a, b := newSandbox(), newSandbox()
	for _, p := range a.People() {
		for _, v := range a.CertificateVariants(p.Key) {
			x, err1 := a.CertificatePDF(p.Key, v)
			y, err2 := b.CertificatePDF(p.Key, v)
			if err1 != nil || err2 != nil || !bytes.Equal(x, y) {
				t.Errorf("%s/%s differs between runs (%v, %v)", p.Key, v, err1, err2)
			}
		}
	}
}

func TestCertificateVariants(t *testing.T) {
	s := newSandbox()
	if got := s.CertificateVariants("lars"); !slices.Equal(got, []string{sandbox.CertificateCriminal, sandbox.CertificateEntries, sandbox.CertificateTampered}) {
		t.Errorf("lars: %v", got)
	}
	for _, p := range s.People() {
		if !slices.Contains(s.CertificateVariants(p.Key), sandbox.CertificateCriminal) {
			t.Errorf("%s has no criminal record certificate", p.Key)
		}
	}
	if _, err := s.CertificatePDF("nobody", sandbox.CertificateCriminal); err == nil {
		t.Error("certificate for an unknown person")
	}
	if _, err := s.CertificatePDF("karen", sandbox.CertificateTampered); err == nil {
		t.Error("variant karen does not have")
	}
}
