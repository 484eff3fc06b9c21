package portal

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"
)

// cssPath is where the portal's own style sheet is served. It sits
// directly under Prefix: a deeper path would clash with the case routes.
const cssPath = Prefix + "portal.css"

//go:embed assets/portal.css
var assetFS embed.FS

// asset is the portal style sheet with its content hash, so its URL
// changes whenever it does and browsers may cache it for good.
type asset struct {
	body []byte
	hash string
}

func loadCSS() (*asset, error) {
	b, err := assetFS.ReadFile("assets/portal.css")
	if err != nil {
		return nil, fmt.Errorf("portal: style sheet: %w", err)
	}
	sum := sha256.Sum256(b)
	return &asset{body: b, hash: hex.EncodeToString(sum[:8])}, nil
}

func (a *asset) path() string { return cssPath + "?v=" + a.hash }

// stylesheet serves the portal's style sheet, cached for a year when the
// request names the current version and revalidated otherwise.
func (s *Server) stylesheet(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("v") == s.css.hash {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Set("ETag", `"`+s.css.hash+`"`)
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	http.ServeContent(w, r, "portal.css", time.Time{}, bytes.NewReader(s.css.body))
}
