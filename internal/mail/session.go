package mail

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"time"

	sasl "github.com/emersion/go-sasl"
	smtp "github.com/emersion/go-smtp"
)

// session is one SMTP conversation with the catcher.
type session struct {
	c      *Catcher
	authed bool
	from   string
	rcpts  []string
}

func (c *Catcher) newSession(*smtp.Conn) (smtp.Session, error) {
	return &session{c: c}, nil
}

var errAuthRequired = &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required"}

// AuthMechanisms offers PLAIN only when the catcher requires a login.
func (s *session) AuthMechanisms() []string {
	if user, _ := s.c.credentials(); user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

// Auth checks PLAIN credentials against those given to RequireAuth.
func (s *session) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(_, username, password string) error {
		user, pass := s.c.credentials()
		if user == "" || subtle.ConstantTimeCompare([]byte(username+"\x00"+password), []byte(user+"\x00"+pass)) != 1 {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if user, _ := s.c.credentials(); user != "" && !s.authed {
		return errAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	switch s.c.rejection(to) {
	case 550:
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such mailbox"}
	case 451:
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
	}
	s.rcpts = append(s.rcpts, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if errors.Is(err, smtp.ErrDataTooLarge) {
		return smtp.ErrDataTooLarge
	}
	if err != nil {
		return fmt.Errorf("mail: catcher: reading data: %w", err)
	}
	rec, err := parseReceived(raw)
	if err != nil {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "Cannot parse message"}
	}
	rec.From, rec.Rcpts, rec.At = s.from, append([]string(nil), s.rcpts...), time.Now()
	s.c.store(rec)
	return nil
}

func (s *session) Reset() {
	s.from, s.rcpts = "", nil
}

func (s *session) Logout() error { return nil }
