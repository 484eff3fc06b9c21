package middleware

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Recover turns a panic in a handler into a logged error and a 500 page.
// The stack goes to the log, never to the client. http.ErrAbortHandler is
// re-raised because net/http uses it to abort a response on purpose.
func Recover(logger *slog.Logger, page ErrorPage) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sw := wrap(w)
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					panic(v)
				}
				logger.ErrorContext(r.Context(), "panic in handler",
					slog.String("panic", fmt.Sprint(v)),
					slog.String("request_id", domain.RequestFrom(r.Context()).ID),
					slog.String("stack", string(debug.Stack())),
				)
				if sw.status == 0 {
					page(sw, r, http.StatusInternalServerError)
				}
			}()
			next.ServeHTTP(sw, r)
		})
	}
}
