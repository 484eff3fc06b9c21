package domain

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// CaseStatus is where a screening case is in its life (issue process §7).
type CaseStatus string

// Case statuses.
const (
	CaseDraft            CaseStatus = "draft"
	CaseInvited          CaseStatus = "invited"
	CaseInProgress       CaseStatus = "in_progress"
	CaseSubmitted        CaseStatus = "submitted"
	CaseAnalysing        CaseStatus = "analysing"
	CaseReadyForReview   CaseStatus = "ready_for_review"
	CaseApproved         CaseStatus = "approved"
	CaseRejected         CaseStatus = "rejected"
	CaseArchived         CaseStatus = "archived"
	CaseExported         CaseStatus = "exported"
	CaseCancelled        CaseStatus = "cancelled"
	CaseExpired          CaseStatus = "expired"
	CaseConsentWithdrawn CaseStatus = "consent_withdrawn"
)

// CaseStatuses lists every status in life-cycle order.
var CaseStatuses = []CaseStatus{CaseDraft, CaseInvited, CaseInProgress, CaseSubmitted, CaseAnalysing, CaseReadyForReview, CaseApproved, CaseRejected, CaseArchived, CaseExported, CaseCancelled, CaseExpired, CaseConsentWithdrawn}

// Valid reports whether s is a known status.
func (s CaseStatus) Valid() bool { return slices.Contains(CaseStatuses, s) }

// Open reports whether the subject may still work on the case.
func (s CaseStatus) Open() bool { return s == CaseInvited || s == CaseInProgress }

// Closed reports whether the case has ended and its link no longer works.
func (s CaseStatus) Closed() bool {
	switch s {
	case CaseApproved, CaseRejected, CaseArchived, CaseExported, CaseCancelled, CaseExpired, CaseConsentWithdrawn:
		return true
	}
	return false
}

// Case is one background check of one subject.
type Case struct {
	ID             string
	OrgID          string
	SubjectID      string
	PackageID      string
	PackageVersion int
	PackageName    string
	Status         CaseStatus
	SubjectName    string // decrypted on read
	SubjectEmail   string // decrypted on read
	Phone          string // decrypted on read
	Position       string
	Department     string
	EmployeeNumber string
	Language       string // the subject's language: da or en
	HandlerID      string // the assigned case handler, "" when none
	CreatedBy      string
	Assurance      string // how the subject was identified: mitid_substantial, mitid_high, email_code
	CreatedAt      time.Time
	UpdatedAt      time.Time
	InvitedAt      time.Time
	SubmittedAt    time.Time
	ClosedAt       time.Time
	LinkExpiresAt  time.Time
}

// NewCase is what a case handler types to start a check.
type NewCase struct {
	PackageID      string
	SubjectName    string
	SubjectEmail   string
	Phone          string
	Position       string
	Department     string
	EmployeeNumber string
	Language       string
}

// Normalize trims the fields and lower-cases the e-mail.
func (n *NewCase) Normalize() {
	for _, p := range []*string{&n.PackageID, &n.SubjectName, &n.Phone, &n.Position, &n.Department, &n.EmployeeNumber, &n.Language} {
		*p = strings.TrimSpace(*p)
	}
	n.SubjectEmail = NormalizeEmail(n.SubjectEmail)
	if n.Language == "" {
		n.Language = "da"
	}
}

// Validate returns per-field errors, or nil.
func (n NewCase) Validate() error {
	f := map[string]string{}
	if n.PackageID == "" {
		f["package"] = "error.required"
	}
	switch {
	case n.SubjectName == "":
		f["name"] = "error.required"
	case utf8.RuneCountInString(n.SubjectName) > 200 || strings.ContainsAny(n.SubjectName, "<>\r\n"):
		f["name"] = "error.name"
	}
	switch {
	case n.SubjectEmail == "":
		f["email"] = "error.required"
	case !ValidEmail(n.SubjectEmail):
		f["email"] = "error.email"
	}
	if n.Phone != "" && !validPhone(n.Phone) {
		f["phone"] = "error.phone"
	}
	for field, v := range map[string]string{"position": n.Position, "department": n.Department, "employee_number": n.EmployeeNumber} {
		if utf8.RuneCountInString(v) > 200 {
			f[field] = "error.too_long"
		}
	}
	if n.Language != "da" && n.Language != "en" {
		f["language"] = "error.invalid"
	}
	if len(f) > 0 {
		return Invalid(f)
	}
	return nil
}

func validPhone(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '-':
		default:
			return false
		}
	}
	return digits >= 8 && digits <= 15
}

// CaseFilter selects cases of one organisation.
type CaseFilter struct {
	Status                     []CaseStatus
	PackageID                  string
	HandlerID                  string
	Query                      string // matches whole words of name, e-mail or employee number
	CreatedFrom, CreatedTo     time.Time
	SubmittedFrom, SubmittedTo time.Time
	Sort                       string // created (default), updated, submitted, status
	Desc                       bool
	// After is an opaque cursor from CasePage.Next.
	After string
	Limit int
}

// CasePage is one page of a case list.
type CasePage struct {
	Cases []*Case
	Next  string // cursor of the next page, "" on the last
}

// CaseEvent is one line of a case's timeline.
type CaseEvent struct {
	CaseID     string
	At         time.Time
	ActorType  ActorType
	ActorLabel string
	Action     string // e.g. case.created, case.invitation_sent, consent.given
	Details    map[string]string
}

// Consent records one category's consent as proof (GDPR Art 7(1)).
type Consent struct {
	CaseID      string
	Category    Category
	Given       bool
	TextVersion string // identifies the exact wording shown
	At          time.Time
	WithdrawnAt time.Time
	IdentityRef string // the verified identity's reference, once bound
}

// Decision outcomes.
const (
	DecisionApproved = "approved"
	DecisionRejected = "rejected"
)

// Decision is a reviewer's decision on a case. A person always decides;
// the analysis' recommendation is advice.
type Decision struct {
	ID          string
	CaseID      string
	Outcome     string // DecisionApproved or DecisionRejected
	Reason      string
	DecidedByID string
	DecidedBy   string // the reviewer's e-mail
	DecidedAt   time.Time
	// FourEyes decisions take effect when a second reviewer confirms.
	FourEyes    bool
	ConfirmedBy string
	ConfirmedAt time.Time
	// A reopened decision no longer stands.
	ReopenedBy   string
	ReopenedAt   time.Time
	ReopenReason string
}

// Pending reports whether the decision waits for a second reviewer.
func (d *Decision) Pending() bool {
	return d.FourEyes && d.ConfirmedAt.IsZero() && d.ReopenedAt.IsZero()
}

// Standing reports whether the decision is in effect.
func (d *Decision) Standing() bool {
	return d.ReopenedAt.IsZero() && (!d.FourEyes || !d.ConfirmedAt.IsZero())
}
