package blob

import (
	"bytes"
	"context"
	"testing"
)

// BenchmarkBlobPut1MiB measures a durable write: encrypt, fsync file,
// rename, fsync folder.
func BenchmarkBlobPut1MiB(b *testing.B) {
	te := newTestEnv(b)
	data := randomBytes(b, 1<<20)
	mustPut(b, te.fs, docScope, nil) // create the data key outside the loop
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := te.fs.Put(context.Background(), docScope, bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
