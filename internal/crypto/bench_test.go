package crypto

import (
	"bytes"
	"context"
	"io"
	"testing"
)

func benchEnvelope(b *testing.B) *Envelope {
	b.Helper()
	e := newTestEnvelope(b, MustSQLiteKeyStore(b))
	mustEncrypt(b, e, testScope, nil) // create the data key outside the loop
	return e
}

func BenchmarkEnvelopeEncrypt1MiB(b *testing.B) {
	e := benchEnvelope(b)
	pt := randomBytes(b, 1<<20)
	b.SetBytes(int64(len(pt)))
	for b.Loop() {
		if _, err := e.Encrypt(context.Background(), testScope, pt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEnvelopeDecrypt1MiB(b *testing.B) {
	e := benchEnvelope(b)
	ct := mustEncrypt(b, e, testScope, randomBytes(b, 1<<20))
	b.SetBytes(1 << 20)
	for b.Loop() {
		if _, err := e.Decrypt(context.Background(), testScope, ct); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEnvelopeEncrypt10MiB(b *testing.B) {
	e := benchEnvelope(b)
	pt := randomBytes(b, 10<<20)
	b.SetBytes(int64(len(pt)))
	for b.Loop() {
		w, err := e.EncryptWriter(context.Background(), testScope, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(w, bytes.NewReader(pt)); err != nil {
			b.Fatal(err)
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEnvelopeDecrypt10MiB(b *testing.B) {
	e := benchEnvelope(b)
	ct := mustEncryptStream(b, e, testScope, randomBytes(b, 10<<20))
	b.SetBytes(10 << 20)
	for b.Loop() {
		r, err := e.DecryptReader(context.Background(), testScope, bytes.NewReader(ct))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}
