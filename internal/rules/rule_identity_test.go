package rules

import "testing"

func photoID(id string, kind DocumentKind, expiry string) Document {
	x := Document{ID: id, Kind: kind, HasPhoto: true, NationalAuthority: true}
	if expiry != "" {
		x.Expiry = d(expiry)
	}
	return x
}

func TestRuleIDDocumentPhotoFromNationalAuthority(t *testing.T) {
	tests := []struct {
		name string
		docs []Document
		want []string
	}{
		{"nothing", nil, []string{"action_required AlternativeKinds=0"}},
		{"valid passport", []Document{photoID("d1", DocPassport, "2030-01-01")}, nil},
		{"driving licence without expiry", []Document{photoID("d1", DocDrivingLicence, "")}, nil},
		{"passport expiring on the check date is valid", []Document{photoID("d1", DocPassport, "2022-07-01")}, nil},
		{"photo card not from a national authority", []Document{{ID: "d1", Kind: DocNationalIDCard, HasPhoto: true}},
			[]string{"action_required AlternativeKinds=0"}},
		{"document from an authority without photo", []Document{{ID: "d1", Kind: DocPassport, NationalAuthority: true}},
			[]string{"action_required AlternativeKinds=0"}},
		{"one alternative kind is not enough", []Document{doc("d1", DocBirthCertificate, "")},
			[]string{"action_required AlternativeKinds=1"}},
		{"two documents of the same kind are one kind", []Document{doc("d1", DocBirthCertificate, ""), doc("d2", DocBirthCertificate, "")},
			[]string{"action_required AlternativeKinds=1"}},
		{"two alternative kinds", []Document{doc("d1", DocBirthCertificate, ""), doc("d2", DocResidencePermit, "")}, nil},
		{"expired passport is reported by id_document_expired", []Document{photoID("d1", DocPassport, "2022-06-30")}, nil},
		{"payslips are no ID", []Document{doc("d1", DocPayslip, ""), doc("d2", DocReference, "")},
			[]string{"action_required AlternativeKinds=0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Evidence.Documents = tt.docs
			expect(t, findingsOf(t, in, RuleIDDocumentMissing), tt.want...)
		})
	}
	in := base("2022-07-01")
	in.Package.Categories = []Category{CategoryCV}
	expect(t, findingsOf(t, in, RuleIDDocumentMissing))
}

func TestRuleIDDocumentExpired(t *testing.T) {
	tests := []struct {
		name string
		docs []Document
		want []string
	}{
		{"expired the day before", []Document{photoID("d1", DocPassport, "2022-06-30")},
			[]string{"action_required Item=d1 Expiry=2022-06-30"}},
		{"latest of two expired reported", []Document{photoID("d1", DocPassport, "2020-01-01"), photoID("d2", DocDrivingLicence, "2021-05-05")},
			[]string{"action_required Item=d2 Expiry=2021-05-05"}},
		{"a valid one beside it", []Document{photoID("d1", DocPassport, "2020-01-01"), photoID("d2", DocNationalIDCard, "2025-01-01")}, nil},
		{"expired alternative documents are not photo ID", []Document{{ID: "d1", Kind: DocResidencePermit, Expiry: d("2020-01-01")}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Evidence.Documents = tt.docs
			expect(t, findingsOf(t, in, RuleIDDocumentExpired), tt.want...)
		})
	}
}

func TestRuleIDDocumentAlternative(t *testing.T) {
	tests := []struct {
		name string
		docs []Document
		want []string
	}{
		{"birth certificate and residence permit", []Document{doc("d1", DocBirthCertificate, ""), doc("d2", DocResidencePermit, "")},
			[]string{"warning AlternativeKinds=2"}},
		{"expired residence permit does not count", []Document{doc("d1", DocBirthCertificate, ""),
			{ID: "d2", Kind: DocResidencePermit, Expiry: d("2022-01-01")}}, nil},
		{"photo ID makes alternatives irrelevant", []Document{photoID("d0", DocPassport, ""),
			doc("d1", DocBirthCertificate, ""), doc("d2", DocBaptismCert, "")}, nil},
		{"three kinds", []Document{doc("d1", DocBirthCertificate, ""), doc("d2", DocBaptismCert, ""), doc("d3", DocCitizenshipCert, "")},
			[]string{"warning AlternativeKinds=3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Evidence.Documents = tt.docs
			expect(t, findingsOf(t, in, RuleIDDocumentAlternative), tt.want...)
		})
	}
}

func TestRuleIDDocumentNameMismatch(t *testing.T) {
	tests := []struct {
		name, mitid, holder string
		want                []string
	}{
		{"same name", "Søren Ågård", "SOEREN AAGAARD", nil},
		{"middle name on the passport", "Lars Nielsen", "Lars Peter Nielsen", nil},
		{"another person", "Lars Nielsen", "Hans Jensen", []string{"warning Item=d1"}},
		{"no holder name recorded", "Lars Nielsen", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Evidence.MitIDName = tt.mitid
			x := photoID("d1", DocPassport, "")
			x.HolderName = tt.holder
			in.Evidence.Documents = []Document{x, {ID: "d2", Kind: DocPayslip, HolderName: "Someone Else"}}
			expect(t, findingsOf(t, in, RuleIDDocumentNameMismatch), tt.want...)
		})
	}
}

func TestRuleNameMismatch(t *testing.T) {
	tests := []struct {
		name, declared, mitid, cpr string
		want                       []string
	}{
		{"all agree", "Søren Jørgensen", "Soeren Joergensen", "SØREN JØRGENSEN", nil},
		{"declared without middle name", "Lars Nielsen", "Lars Peter Nielsen", "Lars Peter Nielsen", nil},
		{"declared differs from both", "Lars Jensen", "Lars Nielsen", "Lars Nielsen",
			[]string{"warning Source=cpr", "warning Source=mitid"}},
		{"CPR has a new surname", "Mette Hansen", "Mette Hansen", "Mette Kristensen", []string{"warning Source=cpr"}},
		{"nothing declared: MitID against CPR", "", "Mette Hansen", "Mette Kristensen", []string{"warning Source=cpr"}},
		{"no register names", "Mette Hansen", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Declared.Name = tt.declared
			in.Evidence.MitIDName = tt.mitid
			if tt.cpr != "" {
				in.Evidence.CPR = &CPRRecord{Name: tt.cpr}
			}
			expect(t, findingsOf(t, in, RuleNameMismatch), tt.want...)
		})
	}
}

func TestRuleCPRAddressMismatch(t *testing.T) {
	reg := Address{Street: "Nørregade 12, 2. tv.", PostalCode: "1165", City: "København K", Country: "DK"}
	tests := []struct {
		name string
		decl Address
		want []string
	}{
		{"same address spelt differently", Address{Street: "Noerregade 12", PostalCode: "1165"}, nil},
		{"other house number", Address{Street: "Nørregade 21", PostalCode: "1165"}, []string{"warning"}},
		{"other town", Address{Street: "Nørregade 12", PostalCode: "8000"}, []string{"warning"}},
		{"no address declared", Address{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Declared.Address = tt.decl
			in.Evidence.CPR = &CPRRecord{Name: "X Y", Address: reg}
			expect(t, findingsOf(t, in, RuleCPRAddressMismatch), tt.want...)
		})
	}
}

func TestRuleCPRStatusNotActive(t *testing.T) {
	tests := []struct {
		status CPRStatus
		want   []string
	}{
		{CPRActive, nil},
		{"", nil},
		{CPREmigrated, []string{"warning Status=emigrated"}},
		{CPRDeceased, []string{"blocking Status=deceased"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.status), func(t *testing.T) {
			in := base("2022-07-01")
			in.Evidence.CPR = &CPRRecord{Name: "X Y", Status: tt.status}
			expect(t, findingsOf(t, in, RuleCPRStatusNotActive), tt.want...)
		})
	}
}

func TestRuleResidencePermitMissing(t *testing.T) {
	tests := []struct {
		name    string
		cit     []string
		permits []Permit
		want    []string
	}{
		{"Danish", []string{"DK"}, nil, nil},
		{"Swiss (EFTA)", []string{"CH"}, nil, nil},
		{"dual citizen with an EU passport", []string{"US", "se"}, nil, nil},
		{"unknown citizenship", nil, nil, nil},
		{"third-country national without permit", []string{"US", "IN"}, nil, []string{"action_required Citizenships=IN,US"}},
		{"British since Brexit", []string{"UK"}, nil, []string{"action_required Citizenships=GB"}},
		{"with a work permit", []string{"IN"}, []Permit{{ID: "p1", Kind: PermitWork, Expiry: d("2025-01-01")}}, nil},
		{"a driving licence is no permit", []string{"IN"}, []Permit{{ID: "p1", Kind: PermitDrivingLicence}},
			[]string{"action_required Citizenships=IN"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base("2022-07-01")
			in.Declared.Citizenships = tt.cit
			in.Evidence.Permits = tt.permits
			expect(t, findingsOf(t, in, RuleResidencePermitMissing), tt.want...)
		})
	}
}
