// Package certificate reads a Danish criminal-record certificate
// (straffeattest) or child certificate (børneattest) PDF that a subject
// uploaded: who it is issued to (name and CPR number), when, by whom, and
// whether it states that there are no registrations or lists them. It
// also looks for signs that the file is not the one the police issued:
// saved again after it was written (a later modification date, appended
// revisions), written by other software than the issuer's, text a
// reader of the page does not see (invisible render mode, white, outside
// the page, clipped away, covered by a shape, an image or an annotation
// drawn later, in a switched-off layer, too small to read), both outcomes
// stated at once, expected fields missing, a password, or no text at all
// (a scan). Match then compares the reading with the identity verified
// by MitID and the check date, and Evidence hands the result to the
// rules engine. The handler confirms the outcome; only outcome and date
// are kept (records.Certificate), and the CPR number read is never
// printed, logged or stored.
//
// The PDF's structure is parsed with github.com/pdfcpu/pdfcpu: pure Go,
// actively maintained with tagged releases, it reads cross-reference
// tables and streams, object streams, every standard filter and the
// standard security handler, repairs common damage, and bounds what a
// hostile file can make it allocate. The smaller text extractors
// (ledongthuc/pdf and its rsc.io/pdf ancestors) are unmaintained forks
// that panic on malformed files, have no resource limits, and do not
// report how text is painted, which is what reveals hidden text; so the
// content streams, fonts and ToUnicode maps are interpreted here.
//
// What is not detected, and why, is listed in docs/sandbox.md
// ("Criminal-record certificates").
package certificate
