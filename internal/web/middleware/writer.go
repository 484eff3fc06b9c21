// Package middleware holds the HTTP middleware every bgcheck surface shares:
// request ids and client addresses, access logs, metrics, panic recovery,
// body limits and security headers. It knows nothing of pages; where a
// middleware must answer with a page it calls an ErrorPage.
package middleware

import "net/http"

// ErrorPage writes a complete error response with the given status.
type ErrorPage func(w http.ResponseWriter, r *http.Request, status int)

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Status returns the status written so far, 200 when a handler wrote
// nothing at all (net/http sends 200 then).
func (w *statusWriter) Status() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// wrap returns w as a *statusWriter, reusing it when it already is one so
// stacked middleware agree on one status.
func wrap(w http.ResponseWriter) *statusWriter {
	if sw, ok := w.(*statusWriter); ok {
		return sw
	}
	return &statusWriter{ResponseWriter: w}
}
