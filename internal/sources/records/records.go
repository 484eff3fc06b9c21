// Package records holds the evidence no register gives an employer: the
// driving licence as read from the card or the official licence app, and
// the outcome of a criminal-record or child certificate. The portal and
// the company record them; this package checks them and turns them into
// rules evidence.
//
// No employer lookup of driving licences exists, and the police offer no
// ordering API for certificates: the subject orders their own (or the
// company orders one with the subject's consent), uploads it, and only
// the outcome and date are kept once a decision is made.
package records

// PoliceCertificateURL is where a subject orders their own criminal
// record certificate with MitID, and reads about child certificates.
const PoliceCertificateURL = "https://politi.dk/straffeattest"

// Guide is what the portal shows a subject for one kind of evidence:
// message-catalogue ids in the order shown, and a link when there is one.
type Guide struct {
	Steps []string
	Link  string
}

// CriminalRecordGuide guides a subject to order their own criminal record
// certificate and upload it.
func CriminalRecordGuide() Guide {
	return Guide{Link: PoliceCertificateURL, Steps: []string{
		"help.portal.criminal_order", "help.portal.criminal_arrives", "help.portal.criminal_upload",
		"help.portal.criminal_abroad", "help.portal.criminal_kept",
	}}
}

// ChildCertificateGuide explains a child certificate, which the company
// requests and the subject approves.
func ChildCertificateGuide() Guide {
	return Guide{Link: PoliceCertificateURL, Steps: []string{
		"help.portal.child_request", "help.portal.child_consent", "help.portal.child_sent", "help.portal.child_upload",
	}}
}

// LicenceGuide explains which fields of the card to copy and what to
// upload.
func LicenceGuide() Guide {
	return Guide{Steps: []string{
		"help.portal.licence_number", "help.portal.licence_issued", "help.portal.licence_expires",
		"help.portal.licence_categories", "help.portal.licence_photo",
	}}
}
