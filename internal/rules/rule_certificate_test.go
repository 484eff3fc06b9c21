package rules

import "testing"

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

// readCheck is a check with one Danish certificate whose PDF was read.
func readCheck(kind RecordKind, issued string, rd *CertificateReading) Input {
	in := base("2026-11-23")
	in.Package.Categories = append(in.Package.Categories, CategoryChildCert)
	r := record("c1", "DK", OutcomeClean, issued)
	r.Kind = kind
	r.Reading = rd
	in.Evidence.CriminalRecords = []CriminalRecord{r}
	return in
}

func TestRuleCertificateIdentityMismatch(t *testing.T) {
	tests := []struct {
		name string
		rd   *CertificateReading
		want []string
	}{
		{"typed in by hand: nothing to compare", nil, nil},
		{"name and CPR agree", &CertificateReading{NameMatches: yes(), CPRMatches: yes()}, nil},
		{"neither could be compared", &CertificateReading{}, nil},
		{"another person's name", &CertificateReading{NameMatches: no(), CPRMatches: yes()},
			[]string{"blocking Country=DK Mismatch=name"}},
		{"another person's CPR number, no CPR released", &CertificateReading{NameMatches: yes(), CPRMatches: no()},
			[]string{"blocking Mismatch=cpr"}},
		{"both differ", &CertificateReading{NameMatches: no(), CPRMatches: no()},
			[]string{"blocking Mismatch=name_cpr"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, findingsOf(t, readCheck(RecordCriminal, "2026-11-16", tt.rd), RuleCertificateIdentityMismatch), tt.want...)
		})
	}
}

func TestRuleCertificateIdentityMismatchChildCertificate(t *testing.T) {
	fs := findingsOf(t, readCheck(RecordChild, "2026-11-16", &CertificateReading{NameMatches: no()}), RuleCertificateIdentityMismatch)
	expect(t, fs, "blocking Mismatch=name")
	if fs[0].Category != CategoryChildCert || fs[0].Key != RuleCertificateIdentityMismatch+":c1" {
		t.Errorf("category %s, key %s", fs[0].Category, fs[0].Key)
	}
}

func TestRuleCertificateTamperingSigns(t *testing.T) {
	signs := func(ss ...CertificateSign) *CertificateReading { return &CertificateReading{Signs: ss} }
	tests := []struct {
		name   string
		issued string
		rd     *CertificateReading
		want   []string
	}{
		{"no signs", "2026-11-16", signs(), nil},
		{"only reasons it could not be read", "2026-11-16", signs(SignNoTextLayer, SignMissingCPR), nil},
		{"edited after issue", "2026-11-16", signs(SignModifiedAfterCreation, SignIncrementalUpdate),
			[]string{"action_required Country=DK Edited=yes Generator= HiddenText= Contradictory= FutureDate= Other="}},
		{"forger's update", "2026-11-16", signs(SignIncrementalUpdate, SignGeneratorUnexpected, SignTextCovered, SignOutcomeContradictory),
			[]string{"action_required Edited=yes Generator=yes HiddenText=yes Contradictory=yes FutureDate="}},
		{"hidden text only", "2026-11-16", signs(SignTextWhite, SignTextWhite),
			[]string{"action_required Edited= HiddenText=yes Signs=text_white"}},
		{"issued after the check date", "2026-11-24", signs(),
			[]string{"action_required FutureDate=yes Signs=issued_in_future"}},
		{"issued on the check date", "2026-11-23", signs(), nil},
		{"future date also reported by the reader", "2026-12-01", signs(SignIssuedInFuture),
			[]string{"action_required FutureDate=yes Signs=issued_in_future"}},
		{"unknown sign counts", "2026-11-16", signs("font_swapped"),
			[]string{"action_required Edited= Other=font_swapped Signs=font_swapped"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, findingsOf(t, readCheck(RecordCriminal, tt.issued, tt.rd), RuleCertificateTamperingSigns), tt.want...)
		})
	}
}

func TestRuleCertificateTamperingSignsListsEverySign(t *testing.T) {
	in := readCheck(RecordCriminal, "2026-11-16", &CertificateReading{Signs: []CertificateSign{SignOutcomeContradictory, SignModifiedAfterCreation, "x"}})
	fs := findingsOf(t, in, RuleCertificateTamperingSigns)
	if len(fs) != 1 || fs[0].Params["Signs"] != "modified_after_creation, outcome_contradictory, x" {
		t.Errorf("findings %s", describe(fs))
	}
}

// A future date on a certificate typed in by hand is left to the handler:
// only a read certificate's date is the reader's evidence.
func TestRuleCertificateTamperingSignsNeedsAReading(t *testing.T) {
	expect(t, findingsOf(t, readCheck(RecordCriminal, "2027-01-01", nil), RuleCertificateTamperingSigns))
}

func TestRuleCertificateUnreadable(t *testing.T) {
	signs := func(ss ...CertificateSign) *CertificateReading { return &CertificateReading{Signs: ss} }
	tests := []struct {
		name string
		rd   *CertificateReading
		want []string
	}{
		{"read completely", signs(SignModifiedAfterCreation), nil},
		{"scanned", signs(SignNoTextLayer, SignMissingKind, SignMissingName, SignMissingCPR, SignMissingIssued, SignMissingOutcome),
			[]string{"warning Country=DK Reason=no_text_layer"}},
		{"password protected", signs(SignEncrypted, SignMissingOutcome), []string{"warning Reason=encrypted"}},
		{"damaged beats scanned", signs(SignNoTextLayer, SignUnreadable), []string{"warning Reason=unreadable"}},
		{"CPR number not found", signs(SignMissingCPR), []string{"warning Reason=fields_missing Missing=cpr"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, findingsOf(t, readCheck(RecordCriminal, "2026-11-16", tt.rd), RuleCertificateUnreadable), tt.want...)
		})
	}
	fs := findingsOf(t, readCheck(RecordCriminal, "2026-11-16", signs(SignMissingIssued, SignMissingName)), RuleCertificateUnreadable)
	if len(fs) != 1 || fs[0].Params["Missing"] != "name, issue_date" {
		t.Errorf("findings %s", describe(fs))
	}
}

// The certificate rules belong to the criminal-record categories: a
// package without them ignores a stray reading.
func TestRuleCertificateOnlyWhenPackageChecksRecords(t *testing.T) {
	in := readCheck(RecordCriminal, "2027-01-01", &CertificateReading{NameMatches: no(), Signs: []CertificateSign{SignNoTextLayer}})
	in.Package.Categories = []Category{CategoryIdentity}
	for _, id := range []string{RuleCertificateIdentityMismatch, RuleCertificateTamperingSigns, RuleCertificateUnreadable} {
		expect(t, findingsOf(t, in, id))
	}
}

// A mismatched certificate makes the whole check fail until it is
// replaced; alteration signs and unreadable files need attention.
func TestCertificateFindingsDriveTheRecommendation(t *testing.T) {
	tests := []struct {
		rd   *CertificateReading
		want Recommendation
	}{
		{nil, MeetsRequirements},
		{&CertificateReading{NameMatches: yes(), CPRMatches: yes()}, MeetsRequirements},
		{&CertificateReading{NameMatches: no()}, DoesNotMeet},
		{&CertificateReading{Signs: []CertificateSign{SignIncrementalUpdate}}, NeedsAttention},
		{&CertificateReading{Signs: []CertificateSign{SignMissingOutcome}}, NeedsAttention},
	}
	for _, tt := range tests {
		in := readCheck(RecordCriminal, "2026-11-16", tt.rd)
		in.Package = PackageRules{Categories: []Category{CategoryCriminalRecord}}
		in.Declared.Residences = []Residence{res("r1", "DK", "1990-01-01", "")}
		r := Evaluate(in)
		if r.Recommendation != tt.want {
			t.Errorf("%+v: recommendation %s, want %s; findings:\n%s", tt.rd, r.Recommendation, tt.want, describe(r.Findings))
		}
	}
}
