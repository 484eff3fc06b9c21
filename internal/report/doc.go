// Package report renders a case report fit to show an inspector — who
// checked whom, under which package version, against which sources and
// when, what was found and done about it, the decision and its validity —
// as a printable HTML page (HTML) and an A4 PDF (PDF), and verifies a copy
// of a PDF later (Verify).
//
// The application fills a Report, a plain data model; the package imports
// nothing of the rest of bgcheck. Labels come from the "report." keys of
// the message catalogue through a Translator.
//
// # Checksums and verification
//
// A document cannot contain the hash of its own bytes, so a report has two
// checksums:
//
//  1. The content checksum, ContentChecksum: SHA-256 over a canonical JSON
//     encoding of the Report (see canonicalJSON and docs/reports.md). It is
//     printed in the report (a section and every PDF page's footer) and
//     written into the PDF's Keywords. It identifies the facts stated,
//     independent of language and layout.
//  2. The file hash: SHA-256 of the PDF file's bytes, computed by the
//     caller after PDF returns.
//
// When issuing a report the application records the document id, both
// checksums and who issued it. To verify a copy, Verify reads the document
// id from the file's Keywords and hashes the file; `bgcheck admin
// verify-report FILE` then compares that hash with the one recorded for
// the id. PDF output is deterministic (fixed dates, sorted resources), so
// rendering the same Report again reproduces the recorded file hash too.
//
// CPR numbers are only ever printed and hashed masked (MaskCPR).
package report
