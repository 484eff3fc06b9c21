package crypto

import (
	"bytes"
	"context"
	"io"
	"testing"
)

// countingReader counts how many bytes were taken from it.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// countingWriter counts how many bytes were written to it and drops them.
type countingWriter struct{ n int }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

func TestStreamsDoNotBufferWholeDocuments(t *testing.T) {
	e := newTestEnvelope(t, MustSQLiteKeyStore(t))
	ctx := context.Background()
	pt := randomBytes(t, 10<<20)

	var sink countingWriter
	w, err := e.EncryptWriter(ctx, testScope, &sink)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(pt[:5<<20]); err != nil {
		t.Fatal(err)
	}
	// At most one open segment may be held back.
	if sink.n < 4<<20 {
		t.Fatalf("after 5 MiB in, only %d bytes out: the writer buffers", sink.n)
	}
	w.Close()

	ct := mustEncryptStream(t, e, testScope, pt)
	src := &countingReader{r: bytes.NewReader(ct)}
	r, err := e.DecryptReader(ctx, testScope, src)
	if err != nil {
		t.Fatal(err)
	}
	first := make([]byte, 1024)
	if _, err := io.ReadFull(r, first); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, pt[:1024]) {
		t.Fatal("wrong first bytes")
	}
	if src.n > 2<<20 {
		t.Fatalf("read %d ciphertext bytes to return the first KiB: the reader buffers", src.n)
	}
}
