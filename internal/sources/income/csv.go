package income

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/bgcheck/bgcheck/internal/sources/internal/norm"
)

// Columns of the CSV extract. Headers are matched case-insensitively,
// ignoring diacritics and punctuation, in English or Danish.
const (
	colCVR    = "employer_cvr"
	colSE     = "employer_se"
	colName   = "employer_name"
	colFrom   = "from"
	colTo     = "to"
	colAmount = "amount"
	colATP    = "atp"
)

var headerAliases = map[string][]string{
	colCVR:    {"employer_cvr", "cvr", "cvr_nr", "cvrnr", "cvr_nummer", "arbejdsgiver_cvr"},
	colSE:     {"employer_se", "se", "se_nr", "senr", "se_nummer", "arbejdsgiver_se"},
	colName:   {"employer_name", "employer", "arbejdsgiver", "arbejdsgiver_navn", "virksomhed", "navn"},
	colFrom:   {"from", "period_from", "fra", "periode_fra", "fra_dato", "start"},
	colTo:     {"to", "period_to", "til", "periode_til", "til_dato", "slut"},
	colAmount: {"amount", "gross", "gross_pay", "beløb", "a_indkomst", "løn", "bruttoløn", "lønbeløb"},
	colATP:    {"atp", "atp_bidrag", "atp_contribution"},
}

// headerIndex maps a normalised header to its column.
var headerIndex = func() map[string]string {
	m := map[string]string{}
	for col, names := range headerAliases {
		for _, n := range names {
			m[headerKey(n)] = col
		}
	}
	return m
}()

func headerKey(h string) string { return strings.Join(norm.Tokens(h), "_") }

// parseCSV reads the CSV form of an extract: a header line, then one row
// per payment; comma, semicolon or tab separated; lines starting with #
// are comments.
func parseCSV(b []byte) (Extract, error) {
	if !utf8.Valid(b) {
		b = latin1(b) // spreadsheets on Windows still save Latin-1
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = delimiter(b)
	r.Comment = '#'
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return Extract{}, fileErr(msgExtract, ReasonFormat)
	}
	cols, err := columns(header)
	if err != nil {
		return Extract{}, err
	}
	return csvRows(r, cols)
}

// columns maps each known column to its index in the header.
func columns(header []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, h := range header {
		if col, ok := headerIndex[headerKey(h)]; ok {
			if _, dup := cols[col]; !dup {
				cols[col] = i
			}
		}
	}
	var ps problems
	for _, need := range []string{colFrom, colTo} {
		if _, ok := cols[need]; !ok {
			ps.add(0, need, ReasonColumns)
		}
	}
	_, cvr := cols[colCVR]
	_, se := cols[colSE]
	_, name := cols[colName]
	if !cvr && !se && !name {
		ps.add(0, colName, ReasonColumns)
	}
	return cols, ps.err(msgExtract)
}

func csvRows(r *csv.Reader, cols map[string]int) (Extract, error) {
	ex := Extract{Payments: []Payment{}}
	var ps problems
	for n := 0; ; n++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil || n == MaxRows {
			reason := ReasonFormat
			if n == MaxRows {
				reason = ReasonTooLarge
			}
			return Extract{}, fileErr(msgExtract, reason)
		}
		if blank(rec) {
			continue
		}
		line, _ := r.FieldPos(0)
		field := func(col string) string {
			if i, ok := cols[col]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		p, ok := parseRow(rawRow{row: line, cvr: field(colCVR), se: field(colSE), name: field(colName),
			from: field(colFrom), to: field(colTo), amount: field(colAmount), atp: field(colATP)}, &ps)
		if ok {
			ex.Payments = append(ex.Payments, p)
		}
	}
	if len(ps) == 0 && len(ex.Payments) == 0 {
		ps.add(0, "", ReasonNoRows)
	}
	return ex, ps.err(msgExtract)
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// delimiter picks the separator the header line uses most.
func delimiter(b []byte) rune {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	for bytes.HasPrefix(bytes.TrimSpace(line), []byte("#")) {
		b = b[len(line)+min(1, len(b)-len(line)):]
		line, _, _ = bytes.Cut(b, []byte("\n"))
	}
	best, n := ',', bytes.Count(line, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if k := bytes.Count(line, []byte(string(c))); k > n {
			best, n = c, k
		}
	}
	return best
}

// latin1 converts ISO 8859-1 text to UTF-8.
func latin1(b []byte) []byte {
	out := make([]rune, len(b))
	for i, c := range b {
		out[i] = rune(c)
	}
	return []byte(string(out))
}
