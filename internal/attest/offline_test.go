package attest

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// docAttestation and docVerifyAttestation are the partner's offline
// verifier from docs/attestations.md, written from the document alone:
// nothing of this package's verification code is used.
type docAttestation struct {
	Typ string `json:"typ"`
	Kid string `json:"kid"`
	ID  string `json:"id"`
	Org struct {
		Name string `json:"name"`
		CVR  string `json:"cvr"`
	} `json:"org"`
	Subject    string `json:"subject"`
	Check      string `json:"check"`
	Outcome    string `json:"outcome"`
	Date       string `json:"date"`
	ValidUntil string `json:"valid_until"`
	IssuedAt   string `json:"issued_at"`
}

func docVerifyAttestation(token, key string) (*docAttestation, error) {
	pub, err := base64.RawURLEncoding.DecodeString(key)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return nil, errors.New("not an Ed25519 public key")
	}
	payload, sig, ok := strings.Cut(token, ".")
	if !ok {
		return nil, errors.New("not a token")
	}
	rawSig, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !ed25519.Verify(pub, []byte(payload), rawSig) {
		return nil, errors.New("signature does not verify")
	}
	js, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return nil, err
	}
	var a docAttestation
	if err := json.Unmarshal(js, &a); err != nil {
		return nil, err
	}
	if a.Typ != "bgcheck-attestation-v1" || a.Outcome != "approved" {
		return nil, errors.New("not an attestation of an approved check")
	}
	return &a, nil
}

// publishedKey is what a partner holds: the JWK's x, taken from the JWK
// the organisation publishes.
func publishedKey(t *testing.T, pub ed25519.PublicKey) string {
	t.Helper()
	b, err := MarshalJWK(pub)
	if err != nil {
		t.Fatal(err)
	}
	var jwk struct{ X string }
	if err := json.Unmarshal(b, &jwk); err != nil {
		t.Fatal(err)
	}
	return jwk.X
}

func TestOfflineVerifierFromTheDocs(t *testing.T) {
	pub, priv := mustKey(t)
	otherPub, _ := mustKey(t)
	tok := mustSign(t, priv, example())
	got, err := docVerifyAttestation(tok, publishedKey(t, pub))
	if err != nil {
		t.Fatalf("documented verifier refused a token: %v", err)
	}
	want := docAttestation{Typ: TokenType, Kid: KeyID(pub), ID: example().ID, Subject: "Karen Prøvesen", Check: "Aviation, extended",
		Outcome: "approved", Date: "2026-03-02", ValidUntil: "2031-03-02", IssuedAt: "2026-03-02T10:15:00Z"}
	want.Org.Name, want.Org.CVR = "Lufthavn A/S", "12345674"
	if *got != want {
		t.Errorf("documented verifier read %+v\nwant %+v", *got, want)
	}
	if got.Kid != KeyID(pub) {
		t.Errorf("kid %s is not the published key's thumbprint", got.Kid)
	}
	if _, err := docVerifyAttestation(tok, publishedKey(t, otherPub)); err == nil {
		t.Error("documented verifier accepted the token with another organisation's key")
	}
	body, sig, _ := strings.Cut(tok, ".")
	js, _ := base64.RawURLEncoding.DecodeString(body)
	forged := base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(js), "2031-03-02", "2041-03-02", 1))) + "." + sig
	if _, err := docVerifyAttestation(forged, publishedKey(t, pub)); err == nil {
		t.Error("documented verifier accepted a token with a later valid_until")
	}
}

// docVerifyAttestation must stay the verifier the document shows, or the
// test above proves nothing about what partners run.
func TestDocumentedGoVerifierIsTheOneTested(t *testing.T) {
	doc := docBlock(t, "### Go", "```go")
	_, docCode, ok := strings.Cut(doc, "type Attestation struct")
	if !ok {
		t.Fatal("no type Attestation in the Go block")
	}
	src, err := os.ReadFile("offline_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, testCode, _ := strings.Cut(string(src), "type docAttestation struct")
	testCode, _, _ = strings.Cut(testCode, "\n// publishedKey")
	docCode = strings.NewReplacer("func verifyAttestation(", "func docVerifyAttestation(", "*Attestation", "*docAttestation", "a Attestation", "a docAttestation").Replace(docCode)
	// The document's comment on the function is left out of the test copy.
	docCode = strings.Replace(docCode, "\n// verifyAttestation checks token against the organisation's public key, given as\n// the raw key in base64url (the JWK's \"x\"), and returns what it attests.", "", 1)
	if strings.TrimSpace(docCode) != strings.TrimSpace(testCode) {
		t.Errorf("docs/attestations.md's verifier differs from the tested copy:\n%s\n---\n%s", docCode, testCode)
	}
}

// The openssl commands in docs/attestations.md, run as documented.
func TestDocumentedOpenSSLVerification(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl not installed")
	}
	script := docBlock(t, "### openssl", "```sh")
	pub, priv := mustKey(t)
	pemKey, err := MarshalPublicKeyPEM(pub)
	if err != nil {
		t.Fatal(err)
	}
	run := func(token string) string {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "org.pem"), pemKey, 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("sh", "-c", script)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TOKEN="+token)
		out, _ := cmd.CombinedOutput()
		return string(out)
	}
	tok := mustSign(t, priv, example())
	out := run(tok)
	js, _ := base64.RawURLEncoding.DecodeString(strings.Split(tok, ".")[0])
	if !strings.Contains(out, "Signature Verified Successfully") || !strings.Contains(out, string(js)) {
		t.Errorf("openssl on a good token printed:\n%s", out)
	}
	_, sig, _ := strings.Cut(tok, ".")
	forged := strings.Replace(string(js), "Karen", "Karin", 1)
	bad := base64.RawURLEncoding.EncodeToString([]byte(forged)) + "." + sig
	if out := run(bad); !strings.Contains(out, "Signature Verification Failure") || strings.Contains(out, "Verified Successfully") {
		t.Errorf("openssl on a forged token printed:\n%s", out)
	}
}

// The example payload and key in the document are what this package
// produces for the RFC 8037 key.
func TestDocumentedExamples(t *testing.T) {
	pub, priv := rfcKey(t)
	doc, err := os.ReadFile("../../docs/attestations.md")
	if err != nil {
		t.Fatal(err)
	}
	js := payloadOf(t, mustSign(t, priv, example()))
	if !strings.Contains(string(doc), "```json\n"+js+"\n```") {
		t.Errorf("docs/attestations.md does not show the payload\n%s", js)
	}
	jwk, _ := MarshalJWK(pub)
	if !strings.Contains(string(doc), "`"+string(jwk)+"`") {
		t.Errorf("docs/attestations.md does not show the JWK\n%s", jwk)
	}
	tok := mustSign(t, priv, example())
	if !strings.Contains(string(doc), "```\n"+tok+"\n```") {
		t.Errorf("docs/attestations.md does not show the example token\n%s", tok)
	}
}

// docBlock returns the first fenced block opened by fence after the line
// heading in docs/attestations.md.
func docBlock(t *testing.T, heading, fence string) string {
	t.Helper()
	doc, err := os.ReadFile("../../docs/attestations.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("docs/attestations.md has no %q", heading)
	}
	_, rest, ok = strings.Cut(rest, fence+"\n")
	block, _, ok2 := strings.Cut(rest, "\n```")
	if !ok || !ok2 {
		t.Fatalf("no %s block after %q", fence, heading)
	}
	return block
}
