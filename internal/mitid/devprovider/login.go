package devprovider

import (
	"bytes"
	_ "embed"
	"errors"
	"html/template"
	"log/slog"
	"net/http"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

const loginPath = "/login"

//go:embed login.html
var loginHTML string

var loginPage = template.Must(template.New("login").Parse(loginHTML))

// login is the "Test-MitID" page standing in for the broker's MitID
// dialogue: a plain form, no JavaScript, one button per identity.
type login struct {
	store    *storage
	provider *op.Provider
}

func (l *login) show(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("authRequestID")
	req, err := l.store.AuthRequestByID(r.Context(), id)
	if err != nil || req.Done() {
		http.Error(w, "Unknown or expired login request.", http.StatusBadRequest)
		return
	}
	var buf bytes.Buffer
	err = loginPage.Execute(&buf, map[string]any{
		"Action": loginPath, "RequestID": id, "ClientID": req.GetClientID(), "Identities": testIdentities,
	})
	if err != nil {
		slog.ErrorContext(r.Context(), "devprovider: render login page", "error", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
	h.Set("Referrer-Policy", "no-referrer")
	_, _ = buf.WriteTo(w)
}

// submit completes the request with the chosen identity and sends the
// browser on to the provider's callback, which redirects to the relying
// party with the code. Cancel answers access_denied, as MitID does.
func (l *login) submit(w http.ResponseWriter, r *http.Request) {
	id := r.PostFormValue("id")
	req, err := l.store.AuthRequestByID(r.Context(), id)
	if err != nil {
		http.Error(w, "Unknown or expired login request.", http.StatusBadRequest)
		return
	}
	if r.PostFormValue("cancel") != "" {
		_ = l.store.DeleteAuthRequest(r.Context(), id)
		op.AuthRequestError(w, r, req, oidc.ErrAccessDenied().WithDescription("the user cancelled"), l.provider)
		return
	}
	if err := l.store.complete(id, r.PostFormValue("identity")); err != nil {
		status := http.StatusBadRequest
		if !errors.Is(err, errNotFound) {
			status = http.StatusConflict
		}
		http.Error(w, "This login cannot be completed: choose a listed identity, or start again.", status)
		return
	}
	http.Redirect(w, r, op.AuthCallbackURL(l.provider)(r.Context(), id), http.StatusFound)
}
