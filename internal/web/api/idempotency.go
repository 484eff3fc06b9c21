package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"net/http"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// ReplayedHeader marks a response that repeats the stored answer to an
// earlier request with the same Idempotency-Key.
const ReplayedHeader = "Idempotent-Replayed"

// maxIdempotencyKey bounds the header; a UUID needs 36 characters.
const maxIdempotencyKey = 255

func validIdempotencyKey(k string) bool {
	if len(k) > maxIdempotencyKey {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x21 || k[i] > 0x7e {
			return false
		}
	}
	return true
}

// idempotent runs a POST at most once per API key and Idempotency-Key:
// the first request reserves the key in the database (a unique key, so a
// concurrent duplicate cannot reserve it too), and its response is stored
// and replayed byte for byte to every retry within 24 hours. The same key
// with another request body or path is refused, as is a retry that arrives
// while the first request still runs.
func (s *Server) idempotent(w http.ResponseWriter, r *http.Request, rt Route, key string, body []byte) {
	if !validIdempotencyKey(key) {
		s.problem(w, r, malformed("Idempotency-Key", "invalid", "The Idempotency-Key header must be 1 to 255 visible ASCII characters."))
		return
	}
	hash := sha256.Sum256(body)
	rec := domain.IdempotencyRecord{Key: key, Request: r.Method + " " + r.URL.Path, BodyHash: hash[:]}
	prev, reserved, err := s.Idempotency.Begin(r.Context(), rec)
	switch {
	case domain.ErrorCode(err) == domain.EConflict:
		s.problem(w, r, errIdempotencyBusy)
		return
	case err != nil:
		s.problem(w, r, err)
		return
	case !reserved && (prev.Request != rec.Request || !bytes.Equal(prev.BodyHash, rec.BodyHash)):
		s.problem(w, r, &apiError{Status: http.StatusUnprocessableEntity, Type: typeIdempotencyReuse, Title: "Idempotency Key Reused",
			Detail: "This Idempotency-Key was used with a different request; use a new key for a new request."})
		return
	case !reserved && prev.Status == 0:
		s.problem(w, r, errIdempotencyBusy)
		return
	case !reserved:
		w.Header().Set("Content-Type", prev.ContentType)
		w.Header().Set(ReplayedHeader, "true")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(prev.Status)
		_, _ = w.Write(prev.Body)
		return
	}
	// The outcome is stored even when the client has gone away: a retry
	// must see it.
	ctx := context.WithoutCancel(r.Context())
	defer func() {
		// A panicking handler has answered nothing worth keeping; free the
		// key for a retry before the recovery middleware answers 500.
		if p := recover(); p != nil {
			_ = s.Idempotency.Release(ctx, key)
			panic(p)
		}
	}()
	out := newRecorder()
	s.serve(out, r, rt)
	if out.status >= 500 {
		// A server fault is not an answer to keep; the client may retry.
		if err := s.Idempotency.Release(ctx, key); err != nil {
			s.Logger.ErrorContext(ctx, "release idempotency key", "err", err)
		}
	} else {
		rec.Status, rec.ContentType, rec.Body = out.status, out.header.Get("Content-Type"), out.body.Bytes()
		if err := s.Idempotency.Complete(ctx, rec); err != nil {
			s.problem(w, r, err)
			return
		}
	}
	out.flush(w)
}

var errIdempotencyBusy = &apiError{Status: http.StatusConflict, Type: typeIdempotencyBusy, Title: "Conflict",
	Detail: "A request with this Idempotency-Key is still being processed; retry shortly.", RetryAfter: 1}
