package csrfcookie

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func roundTrip(issuer, checker Cookie, tamper func(string) string) (string, string, bool) {
	w := httptest.NewRecorder()
	tok := issuer.Issue(w)
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	for _, c := range w.Result().Cookies() {
		c.Value = tamper(c.Value)
		r.AddCookie(c)
	}
	got, ok := checker.Token(r)
	return tok, got, ok
}

func TestIssuedTokenVerifiesAndForgeriesDoNot(t *testing.T) {
	c := Cookie{Name: "x_csrf", Label: "x", Key: []byte("k1")}
	same := func(s string) string { return s }
	if tok, got, ok := roundTrip(c, c, same); !ok || tok != got {
		t.Fatal("issued token does not verify")
	}
	forged := func(s string) string { return "attacker" + s[strings.Index(s, "."):] }
	if _, _, ok := roundTrip(c, c, forged); ok {
		t.Fatal("planted token accepted")
	}
	other := c
	other.Key = []byte("k2")
	if _, _, ok := roundTrip(c, other, same); ok {
		t.Fatal("token accepted under another key")
	}
	otherLabel := c
	otherLabel.Label = "y"
	if _, _, ok := roundTrip(c, otherLabel, same); ok {
		t.Fatal("token of another surface accepted")
	}
	if (Cookie{Name: "n", Secure: true}).CookieName() != "__Host-n" {
		t.Fatal("no __Host- prefix over HTTPS")
	}
}
