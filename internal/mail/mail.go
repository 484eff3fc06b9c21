// Package mail sends e-mail over SMTP and, for the demo and for tests,
// catches it with a real in-process SMTP server.
package mail

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"net/textproto"
	"strings"
)

// Message is one e-mail to one recipient. The sender address comes from
// the Sender's configuration. Text, HTML or both may be set; with both the
// mail is multipart/alternative.
type Message struct {
	To      string
	Subject string
	Text    string
	HTML    string
	Headers map[string]string // extra headers, e.g. "Auto-Submitted", "List-Unsubscribe"
}

// Sender delivers messages. Implementations return errors on which
// IsPermanent tells whether a retry can help.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// reservedHeaders are set by the sender itself; letting Headers override
// them would allow spoofing or break the MIME structure.
var reservedHeaders = map[string]bool{
	"From": true, "To": true, "Cc": true, "Bcc": true, "Subject": true, "Date": true,
	"Message-Id": true, "Mime-Version": true, "Content-Type": true,
	"Content-Transfer-Encoding": true, "Sender": true, "Return-Path": true,
}

// Validate checks m before it is handed to a server. Its errors are
// permanent: sending the same message again cannot succeed.
func (m Message) Validate() error {
	if m.To == "" {
		return permanentf("mail: no recipient")
	}
	if a, err := mail.ParseAddress(m.To); err != nil || a.Address != m.To {
		return permanentf("mail: recipient %q is not a bare e-mail address", m.To)
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		return permanentf("mail: subject contains a line break")
	}
	if m.Text == "" && m.HTML == "" {
		return permanentf("mail: message has no body")
	}
	for k, v := range m.Headers {
		if !validHeaderName(k) || strings.ContainsAny(v, "\r\n") {
			return permanentf("mail: invalid header %q", k)
		}
		if reservedHeaders[textproto.CanonicalMIMEHeaderKey(k)] {
			return permanentf("mail: header %q is set by the sender", k)
		}
	}
	return nil
}

// validHeaderName accepts RFC 5322 field names: printable ASCII but colon.
func validHeaderName(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; c <= ' ' || c > '~' || c == ':' {
			return false
		}
	}
	return true
}

// Error is a delivery failure, classified for retrying.
type Error struct {
	Permanent bool
	Code      int // the SMTP reply code, 0 when the server gave none
	Err       error
}

// Error says whether the failure is permanent or temporary, then why.
func (e *Error) Error() string {
	kind := "temporary"
	if e.Permanent {
		kind = "permanent"
	}
	return fmt.Sprintf("%s mail failure: %v", kind, e.Err)
}

// Unwrap returns the underlying failure.
func (e *Error) Unwrap() error { return e.Err }

// IsPermanent reports whether err is a permanent delivery failure: the
// server answered 5xx, or the message itself is invalid. Retrying such a
// message is pointless. Every other error (network trouble, timeouts, 4xx
// replies) is temporary.
func IsPermanent(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Permanent
}

func permanentf(format string, args ...any) error {
	return &Error{Permanent: true, Err: fmt.Errorf(format, args...)}
}
