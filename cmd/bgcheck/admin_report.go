package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/report"
)

// errReportAltered makes verify-report exit non-zero for a copy that is
// not the issued file.
var errReportAltered = errors.New("the file is NOT the report that was issued: it has been changed")

// verifyReport checks a report file against the record made when it was
// issued: the document id it carries must be known and the file's SHA-256
// must match.
func (e env) verifyReport(ctx context.Context, s *system, args []string) error {
	if len(args) != 1 {
		fmt.Fprintln(e.stderr, "usage: bgcheck admin verify-report FILE")
		return errUsage
	}
	b, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	row, ok, err := s.app.Operator().VerifyReport(ctx, b)
	switch {
	case errors.Is(err, report.ErrNotPDF), errors.Is(err, report.ErrNoDocumentID):
		return fmt.Errorf("%s is not a bgcheck report: %w", args[0], err)
	case domain.IsNotFound(err):
		return fmt.Errorf("%s carries a document id bgcheck never issued", args[0])
	case err != nil:
		return err
	case !ok:
		fmt.Fprintf(e.stdout, "document %s was issued on %s for case %s, but this copy differs from it\n",
			row.DocumentID, row.CreatedAt.Format("2006-01-02 15:04 MST"), row.CaseID)
		return errReportAltered
	}
	fmt.Fprintf(e.stdout, "authentic: document %s, issued %s by %s for case %s (organisation %s), SHA-256 %s\n",
		row.DocumentID, row.CreatedAt.Format("2006-01-02 15:04 MST"), row.CreatedBy, row.CaseID, row.OrgID, row.FileSHA256)
	return nil
}
