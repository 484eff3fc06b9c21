// Package csrfcookie is the signed double-submit cookie that protects forms
// shown before anyone has signed in (and so before there is a session to
// hold a CSRF token): the cookie holds a random token, its expiry and an
// HMAC-SHA256 over both under a server key, and the form must echo the
// token. A site that cannot read our cookies cannot know the token, and
// the HMAC stops anyone from planting a cookie of their own making. Over
// HTTPS the cookie carries the __Host- prefix, which browsers refuse from a
// sibling subdomain, closing the cookie-tossing hole of plain double-submit.
package csrfcookie

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// TTL is how long a pre-login token lives.
const TTL = 12 * time.Hour

// Cookie issues and checks one kind of pre-login token. Name and Label
// differ per surface, so a token of one surface never passes on another
// even when they share the key.
type Cookie struct {
	Name   string // base cookie name, e.g. "bgcheck_csrf"
	Label  string // MAC domain separation, e.g. "bgcheck-csrf"
	Key    []byte
	Secure bool
}

// CookieName is the cookie's name, with the __Host- prefix over HTTPS.
func (c Cookie) CookieName() string {
	if c.Secure {
		return "__Host-" + c.Name
	}
	return c.Name
}

func (c Cookie) mac(tok string, exp int64) string {
	m := hmac.New(sha256.New, c.Key)
	m.Write([]byte(c.Label + "\x00" + tok + "\x00" + strconv.FormatInt(exp, 10)))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// Issue sets a new cookie on w and returns its token.
func (c Cookie) Issue(w http.ResponseWriter) string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	tok := base64.RawURLEncoding.EncodeToString(b[:])
	exp := time.Now().Add(TTL).Unix()
	http.SetCookie(w, &http.Cookie{
		Name:     c.CookieName(),
		Value:    tok + "." + strconv.FormatInt(exp, 10) + "." + c.mac(tok, exp),
		Path:     "/", // required by the __Host- prefix
		MaxAge:   int(TTL / time.Second),
		HttpOnly: true,
		Secure:   c.Secure,
		SameSite: http.SameSiteLaxMode,
	})
	return tok
}

// Token returns the token of a valid, unexpired cookie on r.
func (c Cookie) Token(r *http.Request) (string, bool) {
	ck, err := r.Cookie(c.CookieName())
	if err != nil {
		return "", false
	}
	parts := strings.Split(ck.Value, ".")
	if len(parts) != 3 || parts[0] == "" {
		return "", false
	}
	exp, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || time.Now().Unix() >= exp {
		return "", false
	}
	if !hmac.Equal([]byte(parts[2]), []byte(c.mac(parts[0], exp))) {
		return "", false
	}
	return parts[0], true
}
