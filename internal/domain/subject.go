package domain

import "time"

// Subject is a person being checked. Name and CPR number are stored only
// encrypted with the subject's own data key; erasing the subject destroys
// that key.
type Subject struct {
	ID        string
	OrgID     string
	Name      string // decrypted on read
	Email     string // decrypted on read
	CPRMasked string // e.g. "010190-****", derived, never the full number
	CreatedAt time.Time
	ErasedAt  time.Time // zero unless erased
}

// Document is a file a subject supplied. Its content lives encrypted in the
// blob store; only metadata is in the database.
type Document struct {
	ID          string
	OrgID       string
	SubjectID   string
	BlobID      string
	ContentType string
	Size        int64
	Name        string // the original file name, decrypted on read
	SHA256      []byte // digest of the plaintext, for integrity checks
	CaseID      string
	Step        string       // the wizard step it was uploaded in
	Kind        DocumentKind // what it is
	CreatedAt   time.Time
}

// MaskCPR returns the birth-date part of a CPR number followed by "-****".
// It never returns the sequence digits. Invalid input yields "******-****".
func MaskCPR(cpr string) string {
	digits := make([]byte, 0, 10)
	for i := 0; i < len(cpr); i++ {
		if c := cpr[i]; c >= '0' && c <= '9' {
			digits = append(digits, c)
		}
	}
	if len(digits) != 10 {
		return "******-****"
	}
	return string(digits[:6]) + "-****"
}
