package logging

import (
	"bytes"
	"strings"
	"testing"
)

func TestSensitiveValuesNeverReachTheLog(t *testing.T) {
	var buf bytes.Buffer
	log := New(&buf, "debug", "json")
	log.Info("x", "password", "hunter2hunter2", "session_token", "tok-abc", "cpr", "0101901234",
		"msg_detail", "subject 010190-1234 said hi", "totp_code", "123456", "user", "anna@example.com")
	out := buf.String()
	for _, secret := range []string{"hunter2hunter2", "tok-abc", "0101901234", "010190-1234", "123456"} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q: %s", secret, out)
		}
	}
	if !strings.Contains(out, "anna@example.com") {
		t.Errorf("ordinary attribute lost: %s", out)
	}
}
