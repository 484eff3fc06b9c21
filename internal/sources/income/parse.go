package income

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
)

// Format names a JSON file's "format" field carries. A file without the
// field is read as the kind its parser expects.
const (
	FormatExtract = "bgcheck-income-extract/1"
	FormatPension = "bgcheck-pension-overview/1"
)

// ParseExtract reads an income extract the subject uploaded, as JSON
// (starting with "{") or CSV. A file that cannot be read gives a
// *domain.Error with message "error.income_extract" whose cause is a
// *FileError listing the rows and fields to correct.
func ParseExtract(r io.Reader) (Extract, error) {
	b, err := readAll(r, msgExtract)
	if err != nil {
		return Extract{}, err
	}
	if bytes.HasPrefix(b, []byte("{")) {
		return parseExtractJSON(b)
	}
	return parseCSV(b)
}

// readAll reads at most MaxFileBytes and strips a byte-order mark and
// leading space.
func readAll(r io.Reader, msg string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, fileErr(msg, ReasonFormat)
	}
	if len(b) > MaxFileBytes {
		return nil, fileErr(msg, ReasonTooLarge)
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	return bytes.TrimSpace(b), nil
}

// flexAmount is an amount in JSON, written as a number or a string.
type flexAmount string

func (f *flexAmount) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*f = flexAmount(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		*f = "?" // kept so the row reports a bad amount
		return nil
	}
	*f = flexAmount(n.String())
	return nil
}

type extractFile struct {
	Format string       `json:"format"`
	Holder string       `json:"holder_name"`
	Rows   []extractRow `json:"rows"`
}

type extractRow struct {
	EmployerCVR  string     `json:"employer_cvr"`
	EmployerSE   string     `json:"employer_se"`
	EmployerName string     `json:"employer_name"`
	From         string     `json:"from"`
	To           string     `json:"to"`
	Amount       flexAmount `json:"amount"`
	ATP          flexAmount `json:"atp"`
}

func parseExtractJSON(b []byte) (Extract, error) {
	var f extractFile
	if json.Unmarshal(b, &f) != nil || (f.Format != "" && f.Format != FormatExtract) {
		return Extract{}, fileErr(msgExtract, ReasonFormat)
	}
	if len(f.Rows) > MaxRows {
		return Extract{}, fileErr(msgExtract, ReasonTooLarge)
	}
	ex := Extract{Holder: strings.TrimSpace(f.Holder), Payments: []Payment{}}
	var ps problems
	for i, r := range f.Rows {
		p, ok := parseRow(rawRow{row: i + 1, cvr: r.EmployerCVR, se: r.EmployerSE, name: r.EmployerName,
			from: r.From, to: r.To, amount: string(r.Amount), atp: string(r.ATP)}, &ps)
		if ok {
			ex.Payments = append(ex.Payments, p)
		}
	}
	if len(ps) == 0 && len(ex.Payments) == 0 {
		ps.add(0, "rows", ReasonNoRows)
	}
	return ex, ps.err(msgExtract)
}
