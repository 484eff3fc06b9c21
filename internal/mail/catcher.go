package mail

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"sync"
	"time"

	smtp "github.com/emersion/go-smtp"
)

// Catcher bounds: it keeps the newest catcherKeep messages, each at most
// catcherMaxBytes, so a long demo run cannot grow without limit.
const (
	catcherKeep     = 200
	catcherMaxBytes = 10 << 20
	catcherMaxRcpts = 50
	catcherTimeout  = time.Minute
)

// Catcher is a real SMTP server on a local port that keeps what it
// receives in memory instead of delivering it. The demo shows its messages
// on a page; tests send through the SMTP sender and read the mail back.
type Catcher struct {
	srv  *smtp.Server
	ln   net.Listener
	done chan struct{} // closed when Serve returns

	mu       sync.Mutex
	msgs     []Received // newest first
	nextID   int64
	changed  chan struct{} // closed and replaced whenever msgs changes
	rejected map[string]int
	user     string
	pass     string
}

// StartCatcher listens on addr ("" means 127.0.0.1 on a random port) and
// serves SMTP until Close. No TLS is offered; AUTH PLAIN is offered only
// after RequireAuth.
func StartCatcher(addr string) (*Catcher, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("mail: catcher: %w", err)
	}
	c := &Catcher{ln: ln, done: make(chan struct{}), changed: make(chan struct{}), rejected: map[string]int{}}
	c.srv = smtp.NewServer(smtp.BackendFunc(c.newSession))
	c.srv.Domain = "localhost"
	c.srv.MaxMessageBytes = catcherMaxBytes
	c.srv.MaxRecipients = catcherMaxRcpts
	c.srv.ReadTimeout = catcherTimeout
	c.srv.WriteTimeout = catcherTimeout
	c.srv.AllowInsecureAuth = true // loopback only; lets tests exercise AUTH without certificates
	c.srv.EnableSMTPUTF8 = true
	c.srv.ErrorLog = log.New(io.Discard, "", 0)
	go func() {
		defer close(c.done)
		c.srv.Serve(ln)
	}()
	return c, nil
}

// Addr returns the address the catcher listens on, e.g. "127.0.0.1:40123".
func (c *Catcher) Addr() string { return c.ln.Addr().String() }

// Host returns the IP address the catcher listens on, for an SMTPConfig.
func (c *Catcher) Host() string { return c.ln.Addr().(*net.TCPAddr).IP.String() }

// Port returns the TCP port the catcher listens on.
func (c *Catcher) Port() int { return c.ln.Addr().(*net.TCPAddr).Port }

// Close stops the server, closing open connections, and waits for it.
func (c *Catcher) Close() error {
	err := c.srv.Close()
	// The server only knows the listener once Serve has started; closing it
	// here too stops a Serve that had not got that far yet.
	c.ln.Close()
	<-c.done
	return err
}

// RejectRecipient makes the catcher refuse RCPT TO addr permanently
// (550 5.1.1), as a server does for an unknown mailbox.
func (c *Catcher) RejectRecipient(addr string) { c.setRejection(addr, 550) }

// DeferRecipient makes the catcher refuse RCPT TO addr temporarily
// (451 4.3.0), as a server does when it is busy or greylisting.
func (c *Catcher) DeferRecipient(addr string) { c.setRejection(addr, 451) }

func (c *Catcher) setRejection(addr string, code int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rejected[strings.ToLower(addr)] = code
}

// RequireAuth makes the catcher offer AUTH PLAIN and refuse mail from
// sessions that did not log in with these credentials.
func (c *Catcher) RequireAuth(username, password string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.user, c.pass = username, password
}

// Messages returns the received messages, newest first.
func (c *Catcher) Messages() []Received {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Received(nil), c.msgs...)
}

// WaitFor returns the newest received message for which match is true,
// waiting for new mail until ctx ends. It wakes on each arrival rather
// than polling.
func (c *Catcher) WaitFor(ctx context.Context, match func(Received) bool) (Received, error) {
	for {
		c.mu.Lock()
		for _, m := range c.msgs {
			if match(m) {
				c.mu.Unlock()
				return m, nil
			}
		}
		changed := c.changed
		c.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return Received{}, fmt.Errorf("mail: waiting for a message: %w", ctx.Err())
		case <-c.done:
			return Received{}, fmt.Errorf("mail: waiting for a message: catcher closed")
		}
	}
}

// store records a message and wakes every WaitFor.
func (c *Catcher) store(r Received) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.nextID++
	r.ID = c.nextID
	c.msgs = append([]Received{r}, c.msgs[:min(len(c.msgs), catcherKeep-1)]...)
	close(c.changed)
	c.changed = make(chan struct{})
}

func (c *Catcher) rejection(addr string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rejected[strings.ToLower(addr)]
}

func (c *Catcher) credentials() (string, string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.user, c.pass
}
