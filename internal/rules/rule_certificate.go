package rules

import (
	"slices"
	"strings"
)

// CertificateReading is what bgcheck's automatic reading of a certificate
// PDF established, already compared with the verified identity. It holds
// the comparison's result, never the name or CPR number read: the rules
// need to know whether they agree, not what they are.
type CertificateReading struct {
	// NameMatches and CPRMatches say whether the name and CPR number on
	// the certificate are those of the person identified with MitID;
	// nil when they could not be compared (not found on the certificate,
	// or the broker released no CPR number).
	NameMatches *bool `json:"name_matches,omitempty"`
	CPRMatches  *bool `json:"cpr_matches,omitempty"`
	// Signs are what the reader noticed: signs that the file was altered
	// after it was issued, and reasons it could not be read completely.
	Signs []CertificateSign `json:"signs,omitempty"`
}

// CertificateSign is a stable code for something the reader of a
// certificate PDF noticed. The reader (internal/sources/certificate)
// produces them; the rules below sort them into alterations and reasons
// the file could not be read.
type CertificateSign string

// Signs that the file may not be the one the police issued.
const (
	// SignModifiedAfterCreation: the document's modification date is
	// later than its creation date.
	SignModifiedAfterCreation CertificateSign = "modified_after_creation"
	// SignIncrementalUpdate: changes were appended to the file after it
	// was first written (more than one revision).
	SignIncrementalUpdate CertificateSign = "incremental_update"
	// SignGeneratorUnexpected: the file was written by other software
	// than the issuer's.
	SignGeneratorUnexpected CertificateSign = "generator_unexpected"
	// Text in the file that a reader of the page does not see: invisible
	// (render mode), white, outside the page, covered by a shape or an
	// image drawn over it, or too small to read.
	SignTextInvisible CertificateSign = "text_invisible"
	SignTextWhite     CertificateSign = "text_white"
	SignTextOffPage   CertificateSign = "text_off_page"
	SignTextCovered   CertificateSign = "text_covered"
	SignTextTiny      CertificateSign = "text_tiny"
	// SignOutcomeContradictory: the text states both that there are no
	// registrations and that there are.
	SignOutcomeContradictory CertificateSign = "outcome_contradictory"
	// SignIssuedInFuture: the issue date lies after the check date.
	SignIssuedInFuture CertificateSign = "issued_in_future"
)

// Reasons a certificate could not be read, or not completely.
const (
	SignEncrypted   CertificateSign = "encrypted"     // needs a password to open
	SignUnreadable  CertificateSign = "unreadable"    // damaged or not a PDF the reader understands
	SignNoTextLayer CertificateSign = "no_text_layer" // a scan or photo: only a picture of text
	// Expected fields the reader did not find.
	SignMissingKind    CertificateSign = "missing_kind" // neither a criminal record nor a child certificate title
	SignMissingName    CertificateSign = "missing_name"
	SignMissingCPR     CertificateSign = "missing_cpr"
	SignMissingIssued  CertificateSign = "missing_issue_date"
	SignMissingOutcome CertificateSign = "missing_outcome"
)

// tamperingGroups sorts the alteration signs into the groups the help
// text explains, in the order it explains them.
var tamperingGroups = []struct {
	param string
	signs []CertificateSign
}{
	{"Edited", []CertificateSign{SignModifiedAfterCreation, SignIncrementalUpdate}},
	{"Generator", []CertificateSign{SignGeneratorUnexpected}},
	{"HiddenText", []CertificateSign{SignTextInvisible, SignTextWhite, SignTextOffPage, SignTextCovered, SignTextTiny}},
	{"Contradictory", []CertificateSign{SignOutcomeContradictory}},
	{"FutureDate", []CertificateSign{SignIssuedInFuture}},
}

// unreadableReasons are the reasons a certificate could not be read, most
// fundamental first; the finding names the first that applies.
var unreadableReasons = []CertificateSign{SignEncrypted, SignUnreadable, SignNoTextLayer}

var missingFields = []CertificateSign{SignMissingKind, SignMissingName, SignMissingCPR, SignMissingIssued, SignMissingOutcome}

// readRecords returns the criminal records whose PDF bgcheck read.
func (c *checkCtx) readRecords() []CriminalRecord {
	if !c.checksRecords() {
		return nil
	}
	var out []CriminalRecord
	for _, r := range c.in.Evidence.CriminalRecords {
		if r.Reading != nil {
			out = append(out, r)
		}
	}
	return out
}

// ruleCertificateIdentityMismatch: a certificate with another person's
// name or CPR number says nothing about the subject, whatever it states.
func ruleCertificateIdentityMismatch(c *checkCtx) []Finding {
	var out []Finding
	for _, r := range c.readRecords() {
		var which []string
		if m := r.Reading.NameMatches; m != nil && !*m {
			which = append(which, "name")
		}
		if m := r.Reading.CPRMatches; m != nil && !*m {
			which = append(which, "cpr")
		}
		if len(which) == 0 {
			continue
		}
		out = append(out, mk(RuleCertificateIdentityMismatch, recordCategory(r), Blocking, r.ID,
			[]EvidenceRef{ref(SourceCriminalRecord, r.ID), ref(SourceMitID, "")},
			"Country", normCountry(r.Country), "Mismatch", strings.Join(which, "_")))
	}
	return out
}

// ruleCertificateTamperingSigns: a file showing signs of alteration cannot
// be relied on, however genuine it looks; the company must get the
// certificate by a route the subject cannot touch. Codes the rules do not
// know count here too: an unknown sign is no reason to trust a file.
func ruleCertificateTamperingSigns(c *checkCtx) []Finding {
	var out []Finding
	for _, r := range c.readRecords() {
		signs := slices.Clone(r.Reading.Signs)
		if !r.Issued.IsZero() && r.Issued.After(c.check) {
			signs = append(signs, SignIssuedInFuture)
		}
		kv := []string{"Country", normCountry(r.Country)}
		var found, other []string
		for _, g := range tamperingGroups {
			hit := ""
			for _, s := range g.signs {
				if slices.Contains(signs, s) {
					hit = "yes"
					found = appendOnce(found, string(s))
				}
			}
			kv = append(kv, g.param, hit)
		}
		for _, s := range signs {
			if !knownSign(s) {
				other = appendOnce(other, string(s))
			}
		}
		if len(found)+len(other) == 0 {
			continue
		}
		found = append(found, other...)
		kv = append(kv, "Other", strings.Join(other, ", "), "Signs", strings.Join(found, ", "))
		out = append(out, mk(RuleCertificateTamperingSigns, recordCategory(r), ActionRequired, r.ID,
			[]EvidenceRef{ref(SourceCriminalRecord, r.ID)}, kv...))
	}
	return out
}

// ruleCertificateUnreadable: what bgcheck could not read, the handler must
// read on the certificate; a genuine certificate always states the person,
// the date and the outcome.
func ruleCertificateUnreadable(c *checkCtx) []Finding {
	var out []Finding
	for _, r := range c.readRecords() {
		reason := ""
		for _, s := range unreadableReasons {
			if slices.Contains(r.Reading.Signs, s) {
				reason = string(s)
				break
			}
		}
		var missing []string
		for _, s := range missingFields {
			if slices.Contains(r.Reading.Signs, s) {
				missing = append(missing, strings.TrimPrefix(string(s), "missing_"))
			}
		}
		if reason == "" && len(missing) == 0 {
			continue
		}
		if reason == "" {
			reason = "fields_missing"
		}
		out = append(out, mk(RuleCertificateUnreadable, recordCategory(r), Warning, r.ID,
			[]EvidenceRef{ref(SourceCriminalRecord, r.ID)},
			"Country", normCountry(r.Country), "Reason", reason, "Missing", strings.Join(missing, ", ")))
	}
	return out
}

func knownSign(s CertificateSign) bool {
	if slices.Contains(unreadableReasons, s) || slices.Contains(missingFields, s) {
		return true
	}
	for _, g := range tamperingGroups {
		if slices.Contains(g.signs, s) {
			return true
		}
	}
	return false
}

func appendOnce(xs []string, x string) []string {
	if slices.Contains(xs, x) {
		return xs
	}
	return append(xs, x)
}
