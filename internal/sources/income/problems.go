package income

import (
	"fmt"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Reasons a file or one of its rows is refused.
const (
	ReasonFormat      = "format"        // neither the documented CSV nor JSON, or another file's format
	ReasonTooLarge    = "too_large"     // larger than MaxFileBytes or more than MaxRows rows
	ReasonColumns     = "columns"       // a required column is missing
	ReasonMissing     = "missing"       // a required field is empty
	ReasonDate        = "date"          // not a date
	ReasonDateRange   = "date_range"    // ends before it starts
	ReasonCVR         = "cvr"           // a CVR or SE number that is not eight digits
	ReasonAmount      = "amount"        // not an amount
	ReasonEmployer    = "employer"      // no CVR number, SE number or name
	ReasonSchemeKind  = "scheme_kind"   // an unknown pension scheme kind
	ReasonNoRows      = "no_rows"       // nothing to read
	ReasonNameTooLong = "name_too_long" // longer than 200 characters
)

// Limits on uploaded files.
const (
	MaxFileBytes = 8 << 20
	MaxRows      = 20000
	maxProblems  = 20
)

// Problem is one thing wrong in an uploaded file.
type Problem struct {
	// Row is the CSV line or the JSON item number (1-based); 0 for the
	// file as a whole.
	Row    int    `json:"row,omitempty"`
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
}

// String describes the problem, e.g. "row 4: from: date".
func (p Problem) String() string {
	var b strings.Builder
	if p.Row > 0 {
		fmt.Fprintf(&b, "row %d: ", p.Row)
	}
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	b.WriteString(p.Reason)
	return b.String()
}

// FileError lists what is wrong with an uploaded file, at most 20 things.
// It is the cause of the *domain.Error the parsers return, so the portal
// can show the subject which rows to correct.
type FileError struct {
	Problems []Problem
}

// Error lists the problems.
func (e *FileError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return strings.Join(parts, "; ")
}

// problems collects row problems up to maxProblems.
type problems []Problem

func (ps *problems) add(row int, field, reason string) {
	if len(*ps) < maxProblems {
		*ps = append(*ps, Problem{Row: row, Field: field, Reason: reason})
	}
}

// err returns the problems as the user-facing error, or nil.
func (ps problems) err(message string) error {
	if len(ps) == 0 {
		return nil
	}
	return &domain.Error{Code: domain.EInvalid, Message: message, Err: &FileError{Problems: ps}}
}

// fileErr is a single whole-file problem.
func fileErr(message, reason string) error {
	return problems{{Reason: reason}}.err(message)
}

// Message ids of the parsers' errors.
const (
	msgExtract = "error.income_extract"
	msgPension = "error.pension_overview"
)
