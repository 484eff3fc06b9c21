package domain

import "time"

// AuditEntry is one row of an organisation's hash-chained audit log.
type AuditEntry struct {
	OrgID      string
	Seq        int64 // 1-based position in the organisation's chain
	At         time.Time
	ActorType  ActorType
	ActorID    string
	ActorLabel string
	Action     string // e.g. "user.invite", "subject.read_cpr"
	TargetType string
	TargetID   string
	SubjectID  string // the data subject the entry concerns, if any
	IP         string
	RequestID  string
	Details    map[string]string // non-personal details, stored in clear
	Personal   []byte            // personal details, encrypted with the subject's data key
	PrevHash   []byte
	Hash       []byte
}

// AuditFilter selects entries of one organisation, newest first.
type AuditFilter struct {
	Action    string // prefix match
	ActorID   string
	TargetID  string
	SubjectID string
	From, To  time.Time // inclusive, zero means open
	BeforeSeq int64     // cursor: only entries with Seq < BeforeSeq
	Limit     int
}
