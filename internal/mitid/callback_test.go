package mitid

import (
	"net/url"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func TestCallbackParams(t *testing.T) {
	tests := []struct {
		query     string
		code, msg string
		wantState string
	}{
		{"code=c0de&state=st", "c0de", "", "st"},
		{"error=access_denied&state=st", "", "error.mitid_cancelled", "st"},
		{"error=server_error&error_description=boom&state=st", "", "error.mitid_login", "st"},
		{"state=st", "", "error.mitid_login", "st"},
		{"error=access_denied&code=c0de&state=st", "", "error.mitid_cancelled", "st"},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		code, state, err := CallbackParams(q)
		if code != tt.code || state != tt.wantState {
			t.Errorf("CallbackParams(%s) = %q, %q", tt.query, code, state)
		}
		switch {
		case tt.msg == "" && err != nil:
			t.Errorf("CallbackParams(%s): %v", tt.query, err)
		case tt.msg != "" && (domain.ErrorMessage(err) != tt.msg || domain.ErrorCode(err) != domain.EUnauthorized):
			t.Errorf("CallbackParams(%s) error = %v, want %s", tt.query, err, tt.msg)
		}
	}
}
