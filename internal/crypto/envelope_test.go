package crypto

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"sync"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func newTestEnvelope(t testing.TB, ks *KeyStore) *Envelope {
	t.Helper()
	kr, _ := MustKeyRing(t)
	return New(kr, ks)
}

func mustEncrypt(t testing.TB, e *Envelope, sc Scope, pt []byte) []byte {
	t.Helper()
	ct, err := e.Encrypt(context.Background(), sc, pt)
	if err != nil {
		t.Fatal(err)
	}
	return ct
}

func mustEncryptStream(t testing.TB, e *Envelope, sc Scope, pt []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := e.EncryptWriter(context.Background(), sc, &buf)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(pt); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decryptStream(e *Envelope, sc Scope, ct []byte) ([]byte, error) {
	r, err := e.DecryptReader(context.Background(), sc, bytes.NewReader(ct))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

func randomBytes(t testing.TB, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

var testScope = Scope{OrgID: "org-a", OwnerID: "subject-1", Record: "subject:1", Field: "cpr"}

func TestEncryptDecryptRoundTrip(t *testing.T) {
	e := newTestEnvelope(t, MustSQLiteKeyStore(t))
	ctx := context.Background()
	for _, pt := range [][]byte{nil, []byte("0101901234"), randomBytes(t, 1<<20)} {
		ct := mustEncrypt(t, e, testScope, pt)
		if len(pt) > 0 && bytes.Contains(ct, pt) {
			t.Fatal("ciphertext contains the plaintext")
		}
		// Tink's prefix: version byte 1, then the 4-byte key id.
		if ct[0] != 1 {
			t.Fatalf("ciphertext does not carry a Tink key id prefix: %x", ct[:5])
		}
		got, err := e.Decrypt(ctx, testScope, ct)
		if err != nil || !bytes.Equal(got, pt) {
			t.Fatalf("round trip of %d bytes: %v", len(pt), err)
		}
	}
	a, b := mustEncrypt(t, e, testScope, []byte("same")), mustEncrypt(t, e, testScope, []byte("same"))
	if bytes.Equal(a, b) {
		t.Fatal("two encryptions of the same value are equal")
	}
}

func TestStreamRoundTrip10MiB(t *testing.T) {
	e := newTestEnvelope(t, MustSQLiteKeyStore(t))
	sc := Scope{OrgID: "org-a", OwnerID: "subject-1", Record: "blob:x"}
	pt := randomBytes(t, 10<<20+123)
	ct := mustEncryptStream(t, e, sc, pt)
	got, err := decryptStream(e, sc, ct)
	if err != nil || !bytes.Equal(got, pt) {
		t.Fatalf("stream round trip: %v", err)
	}
}

func TestCiphertextMovedToAnotherScopeFails(t *testing.T) {
	e := newTestEnvelope(t, MustSQLiteKeyStore(t))
	base := testScope
	// Give every other owner a key, so a failure is the binding and not a
	// missing key.
	mustEncrypt(t, e, Scope{OrgID: "org-a", OwnerID: "subject-2", Record: "r"}, nil)
	mustEncrypt(t, e, Scope{OrgID: "org-b", OwnerID: "subject-1", Record: "r"}, nil)
	moved := map[string]Scope{
		"record": {OrgID: base.OrgID, OwnerID: base.OwnerID, Record: "subject:2", Field: base.Field},
		"field":  {OrgID: base.OrgID, OwnerID: base.OwnerID, Record: base.Record, Field: "name"},
		"owner":  {OrgID: base.OrgID, OwnerID: "subject-2", Record: base.Record, Field: base.Field},
		"org":    {OrgID: "org-b", OwnerID: base.OwnerID, Record: base.Record, Field: base.Field},
	}
	field := mustEncrypt(t, e, base, []byte("0101901234"))
	stream := mustEncryptStream(t, e, base, bytes.Repeat([]byte("document "), 1000))
	for name, sc := range moved {
		t.Run(name, func(t *testing.T) {
			if _, err := e.Decrypt(context.Background(), sc, field); !errors.Is(err, ErrDecrypt) {
				t.Errorf("field: %v", err)
			}
			if _, err := decryptStream(e, sc, stream); !errors.Is(err, ErrDecrypt) {
				t.Errorf("stream: %v", err)
			}
		})
	}
}

func TestTamperedCiphertextFails(t *testing.T) {
	e := newTestEnvelope(t, MustSQLiteKeyStore(t))
	ct := mustEncrypt(t, e, testScope, []byte("secret"))
	for i := range ct {
		bad := bytes.Clone(ct)
		bad[i] ^= 0x80
		if _, err := e.Decrypt(context.Background(), testScope, bad); !errors.Is(err, ErrDecrypt) {
			t.Fatalf("flipped byte %d: %v", i, err)
		}
	}
}

func TestTruncatedStreamFails(t *testing.T) {
	e := newTestEnvelope(t, MustSQLiteKeyStore(t))
	ct := mustEncryptStream(t, e, testScope, randomBytes(t, 3<<20))
	// Ciphertext segments are 1 MiB, so the first cuts fall on segment
	// boundaries: only the last-segment flag can catch those.
	for _, n := range []int{1 << 20, 2 << 20, len(ct) - 1, 100} {
		if _, err := decryptStream(e, testScope, ct[:n]); !errors.Is(err, ErrDecrypt) {
			t.Errorf("cut at %d: %v", n, err)
		}
	}
}

type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

func TestStreamSourceErrorIsNotReportedAsDecryptError(t *testing.T) {
	e := newTestEnvelope(t, MustSQLiteKeyStore(t))
	ct := mustEncryptStream(t, e, testScope, randomBytes(t, 2<<20))
	boom := errors.New("disk gone")
	src := io.MultiReader(bytes.NewReader(ct[:1<<20+10]), failingReader{boom})
	r, err := e.DecryptReader(context.Background(), testScope, src)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(r)
	if !errors.Is(err, boom) || errors.Is(err, ErrDecrypt) {
		t.Fatalf("got %v", err)
	}
}

func TestDecryptForOwnerWithoutKeyIsNotFound(t *testing.T) {
	e := newTestEnvelope(t, MustSQLiteKeyStore(t))
	ct := mustEncrypt(t, e, testScope, []byte("x"))
	sc := testScope
	sc.OwnerID = "nobody"
	_, err := e.Decrypt(context.Background(), sc, ct)
	if domain.ErrorCode(err) != domain.ENotFound || IsErased(err) {
		t.Fatalf("got %v", err)
	}
	if _, err := e.ks.get(context.Background(), sc.OrgID, "nobody"); !errors.Is(err, errNoRow) {
		t.Fatal("decrypt created a key")
	}
}

func TestEncryptRefusesIncompleteScope(t *testing.T) {
	e := newTestEnvelope(t, MustSQLiteKeyStore(t))
	if _, err := e.Encrypt(context.Background(), Scope{OrgID: "o", OwnerID: "s"}, []byte("x")); err == nil {
		t.Fatal("scope without record accepted")
	}
	if _, err := e.EncryptWriter(context.Background(), Scope{OrgID: "o", Record: "r"}, io.Discard); err == nil {
		t.Fatal("scope without owner accepted")
	}
}

func TestConcurrentFirstUseAgreesOnOneKey(t *testing.T) {
	ks := MustSQLiteKeyStore(t)
	kr, _ := MustKeyRing(t)
	servers := []*Envelope{New(kr, ks), New(kr, ks)}
	cts := make([][]byte, 16)
	var wg sync.WaitGroup
	for i := range cts {
		wg.Go(func() {
			ct, err := servers[i%2].Encrypt(context.Background(), testScope, []byte("v"))
			if err != nil {
				t.Error(err)
			}
			cts[i] = ct
		})
	}
	wg.Wait()
	fresh := New(kr, ks)
	for i, ct := range cts {
		if _, err := fresh.Decrypt(context.Background(), testScope, ct); err != nil {
			t.Fatalf("ciphertext %d made with a key that lost the race: %v", i, err)
		}
	}
}
