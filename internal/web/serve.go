package web

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// ServerOptions are the timeouts and TLS files of the HTTP server.
type ServerOptions struct {
	ReadHeaderTimeout time.Duration // slow-loris guard
	ReadTimeout       time.Duration // whole request, body included
	WriteTimeout      time.Duration // whole response
	IdleTimeout       time.Duration // keep-alive connections
	ShutdownTimeout   time.Duration // grace for in-flight requests at shutdown
	// TLSCertFile and TLSKeyFile, when both set, make the server speak
	// HTTPS itself instead of relying on a proxy.
	TLSCertFile string
	TLSKeyFile  string
}

// DefaultServerOptions returns timeouts suited to form posts and pages.
func DefaultServerOptions() ServerOptions {
	return ServerOptions{
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ShutdownTimeout:   20 * time.Second,
	}
}

// Serve serves h on ln until ctx is cancelled, then stops accepting
// connections and waits up to opts.ShutdownTimeout for in-flight requests
// to finish. It returns nil after a clean shutdown.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, opts ServerOptions, logger *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: opts.ReadHeaderTimeout,
		ReadTimeout:       opts.ReadTimeout,
		WriteTimeout:      opts.WriteTimeout,
		IdleTimeout:       opts.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		// Requests keep the server's context values but are not cancelled
		// when shutdown starts; Shutdown lets them finish.
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() {
		if opts.TLSCertFile != "" && opts.TLSKeyFile != "" {
			errc <- srv.ServeTLS(ln, opts.TLSCertFile, opts.TLSKeyFile)
			return
		}
		errc <- srv.Serve(ln)
	}()
	logger.Info("http server listening", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("http server shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), opts.ShutdownTimeout)
	defer cancel()
	shutdownErr := srv.Shutdown(sctx)
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return shutdownErr
}

// ListenAndServe listens on addr and calls Serve.
func ListenAndServe(ctx context.Context, addr string, h http.Handler, opts ServerOptions, logger *slog.Logger) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	return Serve(ctx, ln, h, opts, logger)
}
