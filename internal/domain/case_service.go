package domain

import (
	"context"
	"io"
	"time"
)

// PackageService manages the acting user's organisation's screening
// packages. Changing a package makes a new version; cases keep theirs.
type PackageService interface {
	List(ctx context.Context, includeArchived bool) ([]*Package, error)
	Get(ctx context.Context, id string) (*Package, error)
	// GetVersion returns an older version, as a case created with it saw it.
	GetVersion(ctx context.Context, id string, version int) (*Package, error)
	Create(ctx context.Context, d PackageDefinition) (*Package, error)
	Update(ctx context.Context, id string, d PackageDefinition) (*Package, error)
	Archive(ctx context.Context, id string) error
}

// CaseService is the company side of screening cases.
type CaseService interface {
	// Create makes a case and queues the invitation e-mail in the same
	// transaction. Warnings (e.g. an open case for the same e-mail) do not
	// stop it; they are message ids to show.
	Create(ctx context.Context, n NewCase) (*Case, []string, error)
	// CreateBulk creates one case per valid CSV row and reports every row.
	CreateBulk(ctx context.Context, packageID string, csv io.Reader) (*BulkReport, error)
	List(ctx context.Context, f CaseFilter) (*CasePage, error)
	// Counts returns the number of cases per status, for the dashboard.
	Counts(ctx context.Context) (map[CaseStatus]int, error)
	// Get returns a case with the subject's name and e-mail; the read is
	// audited.
	Get(ctx context.Context, id string) (*Case, error)
	Timeline(ctx context.Context, id string) ([]*CaseEvent, error)
	Consents(ctx context.Context, id string) ([]*Consent, error)
	ResendInvitation(ctx context.Context, id string) error
	ChangeEmail(ctx context.Context, id, email string) error
	Cancel(ctx context.Context, id, reason string) error
	Assign(ctx context.Context, id, handlerID string) error
	// Analysis returns the newest analysis of a case with its findings and
	// the company's resolutions; ENotFound before the first analysis.
	Analysis(ctx context.Context, id string) (*Analysis, error)
	// ResolveFinding records a note on a finding (audited).
	ResolveFinding(ctx context.Context, caseID, key, note string) error
	// Reanalyse queues a new analysis of a submitted case.
	Reanalyse(ctx context.Context, id string) error
	// VerifyIdentity records that a handler has checked the ID document of a
	// subject who signed in without MitID, raising the case's assurance.
	VerifyIdentity(ctx context.Context, caseID, docID, note string) error
	// AddEmployerContact records a contact with an employer and queues a
	// re-analysis; EmployerContacts lists a case's records.
	AddEmployerContact(ctx context.Context, caseID string, c EmployerContact) error
	EmployerContacts(ctx context.Context, caseID string) ([]*EmployerContact, error)
	// Handlers lists the organisation's active users who may be assigned a
	// case, for anyone who may read cases (names and roles only).
	Handlers(ctx context.Context) ([]*User, error)
	// Decide records a reviewer's decision (approved or rejected) with a
	// mandatory reason. With four-eyes review it waits for ConfirmDecision
	// by another reviewer; otherwise it takes effect at once. Approval is
	// refused while a blocking finding is unresolved.
	Decide(ctx context.Context, caseID, outcome, reason string) (*Decision, error)
	ConfirmDecision(ctx context.Context, caseID string) error
	// ReopenDecision withdraws the current decision with a reason; the
	// case is ready for review again.
	ReopenDecision(ctx context.Context, caseID, reason string) error
	// Decisions lists a case's decisions, oldest first.
	Decisions(ctx context.Context, caseID string) ([]*Decision, error)
	// Report issues the case's report as a PDF in lang and returns it with
	// its document id; the issue is recorded and audited.
	Report(ctx context.Context, caseID, lang string) (pdf []byte, documentID string, err error)
	// Submission returns what the subject declared and uploaded; the read is
	// audited.
	Submission(ctx context.Context, id string) (*Submission, error)
	// OpenDocument returns one of the case's documents, decrypted while
	// read; every opening is audited.
	OpenDocument(ctx context.Context, caseID, docID string) (io.ReadCloser, *Document, error)
}

// Submission is the subject's side of a case as the company sees it.
type Submission struct {
	Data      WizardData
	Steps     []WizardStep
	Documents []*Document
	UpdatedAt time.Time
	CPRMasked string // e.g. "010190-****" once MitID released it
}

// BulkReport tells, row by row, what a CSV import did.
type BulkReport struct {
	Rows    []BulkRow
	Created int
}

// BulkRow is the outcome of one CSV row (Line counts from 1, the header
// being line 1).
type BulkRow struct {
	Line     int
	CaseID   string            // set when a case was created
	Errors   map[string]string // field → message id
	Warnings []string
}
