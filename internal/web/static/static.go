// Package static holds bgcheck's embedded browser assets: the style sheet,
// the small script that adds the CSRF header to htmx requests, and htmx.
//
// htmx.min.js is htmx 2.0.11, taken unchanged from the npm package
// htmx.org (dist/htmx.min.js); its licence (0BSD) is htmx-LICENSE.txt.
package static

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"time"
)

// Prefix is the URL path the assets are served under.
const Prefix = "/static/"

//go:embed *.css *.js *.txt
var files embed.FS

// Assets serves the embedded files with content-hash versioned URLs.
type Assets struct {
	hashes map[string]string
}

// New indexes the embedded files.
func New() (*Assets, error) {
	a := &Assets{hashes: map[string]string{}}
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		a.hashes[name] = hex.EncodeToString(sum[:8])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static: %w", err)
	}
	return a, nil
}

// Has reports whether name is an embedded asset.
func (a *Assets) Has(name string) bool {
	_, ok := a.hashes[name]
	return ok
}

// Path returns the URL of asset name, versioned by its content hash so
// that browsers may cache it for good.
func (a *Assets) Path(name string) string {
	return Prefix + name + "?v=" + a.hashes[name]
}

// ServeHTTP serves the asset named by the URL path after Prefix. A request
// carrying the current version may be cached for a year; any other is
// revalidated by ETag, so a stale link never pins an old file.
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := path.Clean(r.URL.Path[min(len(Prefix), len(r.URL.Path)):])
	hash, ok := a.hashes[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	b, err := files.ReadFile(name)
	if err != nil {
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	if r.URL.Query().Get("v") == hash {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Set("ETag", `"`+hash+`"`)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}
