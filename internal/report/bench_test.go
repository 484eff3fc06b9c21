package report

import (
	"io"
	"testing"
)

// BenchmarkPDF renders the realistic report (twenty findings, seven
// pages) to PDF, fonts parsed and subset on every call as in production.
func BenchmarkPDF(b *testing.B) {
	r := realisticReport()
	t := translator(b, r.Lang)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PDF(r, t); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHTML renders the same report as an HTML page.
func BenchmarkHTML(b *testing.B) {
	r := realisticReport()
	t := translator(b, r.Lang)
	b.ReportAllocs()
	for b.Loop() {
		if err := HTML(io.Discard, r, t); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerify reads the id from and hashes a report file.
func BenchmarkVerify(b *testing.B) {
	file := mustPDF(b, realisticReport())
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Verify(file); err != nil {
			b.Fatal(err)
		}
	}
}
