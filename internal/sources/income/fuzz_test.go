package income

import (
	"bytes"
	"errors"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// FuzzParseExtract: any upload gives either payments with whole periods or
// the documented user-facing error, never a panic.
func FuzzParseExtract(f *testing.F) {
	for _, s := range []string{
		"employer_cvr;employer_name;from;to;amount\n41000011;Nordlys;01-09-2026;30-09-2026;32.500,00\n",
		`{"rows":[{"employer_name":"A","from":"2026-01-01","to":"2026-01-31","amount":1}]}`,
		"arbejdsgiver\tfra\ttil\nX\t1/1/26\t31/1/26\n",
		"\"a\nb", "{", "#\n#\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ex, err := ParseExtract(bytes.NewReader(b))
		if err != nil {
			var de *domain.Error
			if !errors.As(err, &de) || de.Code != domain.EInvalid {
				t.Fatalf("error %v is not a domain invalid error", err)
			}
			return
		}
		for _, p := range ex.Payments {
			if !p.Period.Valid() || p.Period.IsOpen() {
				t.Fatalf("payment %+v has no whole period", p)
			}
		}
		_ = ex.Employments()
	})
}
