package middleware

import (
	"net/http"
)

// BodyLimit refuses request bodies larger than limit bytes with a 413 page.
// A declared Content-Length over the limit is refused at once; otherwise
// the body is wrapped in http.MaxBytesReader, and the handler that reads
// past the limit gets an *http.MaxBytesError, which it must answer with
// 413 too.
func BodyLimit(limit int64, page ErrorPage) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > limit {
				// The client may still be sending; do not keep the
				// connection for it.
				w.Header().Set("Connection", "close")
				page(w, r, http.StatusRequestEntityTooLarge)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
			next.ServeHTTP(w, r)
		})
	}
}
