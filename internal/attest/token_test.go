package attest

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestSignVerifyRoundTrip(t *testing.T) {
	pub, priv := mustKey(t)
	a := example()
	a.Date = time.Date(2026, 3, 2, 0, 30, 0, 0, time.FixedZone("CET", 3600)) // 1 March in UTC: the local day counts
	a.IssuedAt = time.Date(2026, 3, 2, 11, 15, 0, 999, time.FixedZone("CET", 3600))
	tok := mustSign(t, priv, a)
	got, err := Verify(tok, Keys(pub))
	if err != nil {
		t.Fatal(err)
	}
	want := example()
	if got != want {
		t.Errorf("Verify() = %+v\nwant %+v", got, want)
	}
	if strings.ContainsAny(tok, "+/= \n") || strings.Count(tok, ".") != 1 {
		t.Errorf("token %q is not URL-safe base64url.base64url", tok)
	}
}

func TestSignIsDeterministic(t *testing.T) {
	_, priv := mustKey(t)
	if mustSign(t, priv, example()) != mustSign(t, priv, example()) {
		t.Error("one attestation gave two tokens")
	}
}

// resign replaces a token's payload with js and signs it properly, to
// show that the payload rules hold independently of the signature.
func resign(priv ed25519.PrivateKey, js string) string {
	body := base64.RawURLEncoding.EncodeToString([]byte(js))
	return body + "." + base64.RawURLEncoding.EncodeToString(ed25519.Sign(priv, []byte(body)))
}

func payloadOf(t *testing.T, tok string) string {
	t.Helper()
	js, err := base64.RawURLEncoding.DecodeString(strings.Split(tok, ".")[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(js)
}

func TestVerifyRefuses(t *testing.T) {
	pub, priv := mustKey(t)
	_, otherPriv := mustKey(t)
	tok := mustSign(t, priv, example())
	body, sig, _ := strings.Cut(tok, ".")
	js := payloadOf(t, tok)
	driver := example()
	driver.CheckType = "Driver"
	flip := func(s string, i int) string {
		b := []byte(s)
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		return string(b)
	}
	tests := []struct {
		name  string
		token string
		want  error
	}{
		{"a changed signature character", body + "." + flip(sig, 10), ErrBadSignature},
		{"a payload with the name changed", base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(js, "Karen", "Karin", 1))) + "." + sig, ErrBadSignature},
		{"a later valid_until", base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(js, "2031-03-02", "2041-03-02", 1))) + "." + sig, ErrBadSignature},
		{"another organisation's signature on the same kid", resign(otherPriv, js), ErrBadSignature},
		{"the signature of another token", strings.Split(mustSign(t, priv, driver), ".")[0] + "." + sig, ErrBadSignature},
		{"an unknown kid", mustSign(t, otherPriv, example()), ErrUnknownKey},
		{"no dot", body + sig, ErrMalformed},
		{"three parts", tok + ".x", ErrMalformed},
		{"a trailing dot", tok + ".", ErrMalformed},
		{"trailing garbage", tok + "x", ErrMalformed},
		{"a trailing newline", tok + "\n", ErrMalformed},
		{"a trailing space", tok + " ", ErrMalformed},
		{"a line break inside", body[:20] + "\r\n" + body[20:] + "." + sig, ErrMalformed},
		{"fractions of a second", resign(priv, strings.Replace(js, "10:15:00Z", "10:15:00.000Z", 1)), ErrInvalid},
		{"padding", tok + "==", ErrMalformed},
		{"an empty payload", "." + sig, ErrMalformed},
		{"an empty signature", body + ".", ErrMalformed},
		{"standard base64", strings.NewReplacer("-", "+", "_", "/").Replace(body+"_-") + "." + sig, ErrMalformed},
		{"a short signature", body + "." + sig[:80], ErrMalformed},
		{"the empty string", "", ErrMalformed},
		{"oversize", strings.Repeat("A", MaxTokenSize) + "." + sig, ErrTooLarge},
		{"a payload that is not JSON", resign(priv, "Karen Prøvesen is approved"), ErrMalformed},
		{"a payload followed by more JSON", resign(priv, js+"{}"), ErrMalformed},
		{"an unknown field", resign(priv, strings.Replace(js, `"subject"`, `"cpr":"0101901234","subject"`, 1)), ErrMalformed},
		{"another typ", resign(priv, strings.Replace(js, TokenType, "bgcheck-checkpoint-v1", 1)), ErrMalformed},
		{"spaces", resign(priv, strings.ReplaceAll(js, `,"`, `, "`)), ErrNonCanonical},
		{"a trailing newline in the JSON", resign(priv, js+"\n"), ErrNonCanonical},
		{"fields reordered", resign(priv, strings.Replace(strings.Replace(js, `"outcome":"approved",`, "", 1), `"subject"`, `"outcome":"approved","subject"`, 1)), ErrNonCanonical},
		{"a duplicated field", resign(priv, strings.Replace(js, `"subject"`, `"subject":"Someone Else","subject"`, 1)), ErrNonCanonical},
		{"a field name in another case", resign(priv, strings.Replace(js, `"subject"`, `"Subject"`, 1)), ErrNonCanonical},
		{"a character escaped", resign(priv, strings.Replace(js, "ø", `\u00f8`, 1)), ErrNonCanonical},
		{"an empty cvr written out", resign(priv, strings.Replace(js, `,"cvr":"12345674"`, `,"cvr":""`, 1)), ErrNonCanonical},
		{"issued_at with an offset", resign(priv, strings.Replace(js, "10:15:00Z", "11:15:00+01:00", 1)), ErrInvalid},
		{"a date not in YYYY-MM-DD", resign(priv, strings.Replace(js, `"date":"2026-03-02"`, `"date":"2026-3-2"`, 1)), ErrInvalid},
		{"a rejected outcome", resign(priv, strings.Replace(js, `"outcome":"approved"`, `"outcome":"rejected"`, 1)), ErrInvalid},
		{"a CPR number in the name", resign(priv, strings.Replace(js, "Karen Prøvesen", "Karen 0101901234", 1)), ErrInvalid},
	}
	keys := Keys(pub)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Verify(tt.token, keys)
			if !errors.Is(err, tt.want) {
				t.Errorf("Verify() = %+v, %v; want %v", a, err, tt.want)
			}
			if err != nil && a != (Attestation{}) {
				t.Errorf("Verify() returned %+v with an error", a)
			}
		})
	}
}

// A lookup that fails without an answer is passed on, not turned into a
// verdict on the token.
func TestVerifyPassesOnLookupFailure(t *testing.T) {
	_, priv := mustKey(t)
	outage := errors.New("database is down")
	_, err := Verify(mustSign(t, priv, example()), func(string) (ed25519.PublicKey, error) { return nil, outage })
	if !errors.Is(err, outage) || errors.Is(err, ErrUnknownKey) {
		t.Errorf("Verify() = %v, want the lookup's error", err)
	}
}

func TestSignRefuses(t *testing.T) {
	_, priv := mustKey(t)
	kid := KeyID(priv.Public().(ed25519.PublicKey))
	tests := []struct {
		name   string
		priv   ed25519.PrivateKey
		kid    string
		mutate func(*Attestation)
		want   error
	}{
		{"a rejected outcome", priv, kid, func(a *Attestation) { a.Outcome = "rejected" }, ErrInvalid},
		{"no subject", priv, kid, func(a *Attestation) { a.SubjectName = "  " }, ErrInvalid},
		{"a CPR number as the name", priv, kid, func(a *Attestation) { a.SubjectName = "010190-1234" }, ErrInvalid},
		{"digits in the name", priv, kid, func(a *Attestation) { a.SubjectName = "Karen Prøvesen 2" }, ErrInvalid},
		{"a CPR number in the check type", priv, kid, func(a *Attestation) { a.CheckType = "Standard (0101901234)" }, ErrInvalid},
		{"a CPR number in the organisation name", priv, kid, func(a *Attestation) { a.Organisation.Name = "Ejer 010190-1234" }, ErrInvalid},
		{"a control character", priv, kid, func(a *Attestation) { a.CheckType = "Standard\n" }, ErrInvalid},
		{"invalid UTF-8", priv, kid, func(a *Attestation) { a.CheckType = "Standard \xff" }, ErrInvalid},
		{"an overlong name", priv, kid, func(a *Attestation) { a.SubjectName = strings.Repeat("Å", maxText+1) }, ErrInvalid},
		{"a bad CVR number", priv, kid, func(a *Attestation) { a.Organisation.CVR = "1234567" }, ErrInvalid},
		{"no organisation", priv, kid, func(a *Attestation) { a.Organisation.Name = "" }, ErrInvalid},
		{"an id that is not an id", priv, kid, func(a *Attestation) { a.ID = "0101901234" }, ErrInvalid},
		{"no date", priv, kid, func(a *Attestation) { a.Date = time.Time{} }, ErrInvalid},
		{"no valid until", priv, kid, func(a *Attestation) { a.ValidUntil = time.Time{} }, ErrInvalid},
		{"no issue time", priv, kid, func(a *Attestation) { a.IssuedAt = time.Time{} }, ErrInvalid},
		{"valid until before the date", priv, kid, func(a *Attestation) { a.ValidUntil = a.Date.AddDate(0, 0, -1) }, ErrInvalid},
		{"a key id with a dot", priv, "a.b", func(*Attestation) {}, nil},
		{"an empty key id", priv, "", func(*Attestation) {}, nil},
		{"a short private key", priv[:32], kid, func(*Attestation) {}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := example()
			tt.mutate(&a)
			tok, err := Sign(tt.priv, tt.kid, a)
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Errorf("Sign() = %q, %v; want an error (%v)", tok, err, tt.want)
			}
		})
	}
}

func TestSignRefusesOversizeTokens(t *testing.T) {
	_, priv := mustKey(t)
	a := example()
	// Each "&" becomes "\u0026" in JSON: 200 of them in three fields
	// cannot fit in MaxTokenSize.
	a.Organisation.Name = strings.Repeat("&", maxText)
	a.CheckType = strings.Repeat("&", maxText)
	a.SubjectName = strings.Repeat("&", maxText)
	if _, err := Sign(priv, KeyID(priv.Public().(ed25519.PublicKey)), a); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Sign() = %v, want ErrTooLarge", err)
	}
}

func FuzzVerifyToken(f *testing.F) {
	pub, priv := rfcKey(f)
	tok, _ := Sign(priv, KeyID(pub), example())
	f.Add(tok)
	f.Add(tok + ".")
	f.Add(strings.Replace(tok, ".", "", 1))
	f.Add("e30.AAAA")
	f.Add(resign(priv, `{"typ":"bgcheck-attestation-v1","kid":"x"}`))
	keys := Keys(pub)
	f.Fuzz(func(t *testing.T, token string) {
		a, err := Verify(token, keys)
		if err != nil {
			if a != (Attestation{}) {
				t.Fatalf("Verify(%q) returned data with an error", token)
			}
			return
		}
		// Anything accepted must be a valid attestation that this key
		// signs back into exactly the same token: no second spelling.
		if again, err := Sign(priv, KeyID(pub), a); err != nil || again != token {
			t.Fatalf("Verify accepted %q, which re-signs as %q (%v)", token, again, err)
		}
	})
}
