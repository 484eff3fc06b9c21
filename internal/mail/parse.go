package mail

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
	"unicode/utf8"
)

// maxMIMEDepth bounds nested multiparts; real mail nests two or three.
const maxMIMEDepth = 8

// Received is a message the catcher accepted, parsed for display.
type Received struct {
	ID      int64     // increases with each message the catcher accepts
	At      time.Time // when it was accepted
	From    string    // envelope sender (MAIL FROM)
	Rcpts   []string  // envelope recipients (RCPT TO)
	To      string    // addresses of the To header, comma-separated
	Subject string    // decoded
	Text    string    // the text/plain body, decoded, with LF line ends
	HTML    string    // the text/html body, decoded, with LF line ends
	Header  mail.Header
	Raw     []byte // the message as received
}

// parseReceived reads a message as a mail client would: headers with
// RFC 2047 words decoded, MIME parts walked, transfer encodings undone.
func parseReceived(raw []byte) (Received, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Received{}, fmt.Errorf("mail: parse: %w", err)
	}
	r := Received{Header: msg.Header, Raw: raw}
	if r.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return Received{}, fmt.Errorf("mail: parse subject: %w", err)
	}
	if to, err := msg.Header.AddressList("To"); err == nil {
		addrs := make([]string, len(to))
		for i, a := range to {
			addrs[i] = a.Address
		}
		r.To = strings.Join(addrs, ", ")
	}
	if err := r.walk(textproto.MIMEHeader(msg.Header), msg.Body, 0); err != nil {
		return Received{}, err
	}
	return r, nil
}

// walk fills Text and HTML from the first parts of those types.
func (r *Received) walk(h textproto.MIMEHeader, body io.Reader, depth int) error {
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "text/plain; charset=us-ascii"
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return fmt.Errorf("mail: parse content type: %w", err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		return r.walkMultipart(body, params["boundary"], depth)
	}
	if mt != "text/plain" && mt != "text/html" || strings.HasPrefix(h.Get("Content-Disposition"), "attachment") {
		return nil
	}
	b, err := io.ReadAll(decodeTransfer(h.Get("Content-Transfer-Encoding"), body))
	if err != nil {
		return fmt.Errorf("mail: decode %s: %w", mt, err)
	}
	s := strings.ReplaceAll(toUTF8(b, params["charset"]), "\r\n", "\n")
	if mt == "text/plain" && r.Text == "" {
		r.Text = s
	} else if mt == "text/html" && r.HTML == "" {
		r.HTML = s
	}
	return nil
}

func (r *Received) walkMultipart(body io.Reader, boundary string, depth int) error {
	if depth >= maxMIMEDepth || boundary == "" {
		return errors.New("mail: parse: multipart too deep or without boundary")
	}
	mr := multipart.NewReader(body, boundary)
	for {
		// NextRawPart leaves quoted-printable for decodeTransfer, so every
		// encoding is undone in one place.
		p, err := mr.NextRawPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("mail: parse multipart: %w", err)
		}
		if err := r.walk(p.Header, p, depth+1); err != nil {
			return err
		}
	}
}

func decodeTransfer(cte string, body io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, body) // skips line breaks
	case "quoted-printable":
		return quotedprintable.NewReader(body)
	}
	return body
}

// toUTF8 converts a text body to UTF-8. bgcheck sends UTF-8; ISO-8859-1 is
// handled because older Danish mail still uses it; anything else is kept
// if it happens to be valid UTF-8 and replaced otherwise.
func toUTF8(b []byte, charset string) string {
	switch strings.ToLower(charset) {
	case "iso-8859-1", "latin1":
		rs := make([]rune, len(b))
		for i, c := range b {
			rs[i] = rune(c)
		}
		return string(rs)
	}
	return strings.ToValidUTF8(string(b), string(utf8.RuneError))
}
