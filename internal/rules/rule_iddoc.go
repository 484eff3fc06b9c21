package rules

import "slices"

var (
	// photoIDKinds can be photo ID issued by a national authority
	// (guidance §2.3: driving licence, passport, national ID card; a
	// residence card carries a photo too).
	photoIDKinds = []DocumentKind{DocPassport, DocNationalIDCard, DocDrivingLicence, DocResidenceCard}
	// alternativeIDKinds are accepted, at least two kinds of them, only
	// when photo ID cannot be obtained for a plausible reason.
	alternativeIDKinds = []DocumentKind{DocBirthCertificate, DocBaptismCert, DocResidencePermit, DocCitizenshipCert}
)

// idDocs sorts the identity documents into valid photo IDs, expired photo
// IDs and the distinct kinds of valid alternative documents.
type idDocs struct {
	valid, expired []Document
	altKinds       []DocumentKind
}

func (c *checkCtx) idDocuments() idDocs {
	var r idDocs
	for _, d := range c.in.Evidence.Documents {
		unexpired := d.Expiry.IsZero() || !d.Expiry.Before(c.check)
		switch {
		case slices.Contains(photoIDKinds, d.Kind) && d.HasPhoto && d.NationalAuthority:
			if unexpired {
				r.valid = append(r.valid, d)
			} else {
				r.expired = append(r.expired, d)
			}
		case slices.Contains(alternativeIDKinds, d.Kind) && unexpired && !slices.Contains(r.altKinds, d.Kind):
			r.altKinds = append(r.altKinds, d.Kind)
		}
	}
	return r
}

// ruleIDDocumentMissing: the ID check needs a copy of photo ID issued by a
// national authority, or failing that at least two kinds of alternative
// documents (guidance §2.3).
func ruleIDDocumentMissing(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryIDDocument) {
		return nil
	}
	ids := c.idDocuments()
	if len(ids.valid) > 0 || len(ids.expired) > 0 || len(ids.altKinds) >= 2 {
		return nil
	}
	return []Finding{mk(RuleIDDocumentMissing, CategoryIDDocument, ActionRequired, "", nil,
		"AlternativeKinds", itoa(len(ids.altKinds)))}
}

// ruleIDDocumentExpired: photo ID that expired before the check date does
// not establish identity; a valid one is needed.
func ruleIDDocumentExpired(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryIDDocument) {
		return nil
	}
	ids := c.idDocuments()
	if len(ids.valid) > 0 || len(ids.expired) == 0 {
		return nil
	}
	latest := slices.MaxFunc(ids.expired, func(a, b Document) int { return a.Expiry.Compare(b.Expiry) })
	return []Finding{mk(RuleIDDocumentExpired, CategoryIDDocument, ActionRequired, latest.ID,
		[]EvidenceRef{ref(SourceDocument, latest.ID)}, "Item", latest.ID, "Expiry", latest.Expiry.String())}
}

// ruleIDDocumentAlternative: identity rests on alternative documents,
// which the guidance accepts only when photo ID cannot be obtained for a
// plausible reason; the company must record that reason.
func ruleIDDocumentAlternative(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryIDDocument) {
		return nil
	}
	ids := c.idDocuments()
	if len(ids.valid) > 0 || len(ids.altKinds) < 2 {
		return nil
	}
	var ev []EvidenceRef
	for _, d := range c.in.Evidence.Documents {
		if slices.Contains(ids.altKinds, d.Kind) {
			ev = append(ev, ref(SourceDocument, d.ID))
		}
	}
	return []Finding{mk(RuleIDDocumentAlternative, CategoryIDDocument, Warning, "", ev,
		"AlternativeKinds", itoa(len(ids.altKinds)))}
}

// ruleIDDocumentNameMismatch: the name on an identity document must be the
// person's verified name (MitID, else CPR, else as declared).
func ruleIDDocumentNameMismatch(c *checkCtx) []Finding {
	if !c.pkg.Has(CategoryIDDocument) {
		return nil
	}
	name := c.verifiedName()
	if isBlank(name) {
		return nil
	}
	var out []Finding
	for _, d := range c.in.Evidence.Documents {
		isID := slices.Contains(photoIDKinds, d.Kind) || slices.Contains(alternativeIDKinds, d.Kind)
		if isID && !isBlank(d.HolderName) && !namesMatch(d.HolderName, name) {
			out = append(out, mk(RuleIDDocumentNameMismatch, CategoryIDDocument, Warning, d.ID,
				[]EvidenceRef{ref(SourceDocument, d.ID)}, "Item", d.ID))
		}
	}
	return out
}

func (c *checkCtx) verifiedName() string {
	e := c.in.Evidence
	switch {
	case !isBlank(e.MitIDName):
		return e.MitIDName
	case e.CPR != nil && !isBlank(e.CPR.Name):
		return e.CPR.Name
	}
	return c.in.Declared.Name
}
