// Package logging builds the process logger: structured log/slog output in
// which attributes that could carry secrets or personal identifiers are
// redacted, whoever logs them.
package logging

import (
	"io"
	"log/slog"
	"regexp"
	"strings"
)

// Redacted replaces the value of a sensitive attribute.
const Redacted = "[redacted]"

// sensitiveKeys are attribute names (or name parts) whose values are never
// written.
var sensitiveKeys = []string{"password", "passwd", "secret", "token", "cookie", "authorization", "cpr", "ssn", "nin", "code", "key"}

// cprPattern matches something shaped like a CPR number (DDMMYY-NNNN or ten
// digits) inside any string value.
var cprPattern = regexp.MustCompile(`\b\d{6}-?\d{4}\b`)

// New returns a logger writing JSON or text at level to w.
func New(w io.Writer, level, format string) *slog.Logger {
	var lv slog.Level
	_ = lv.UnmarshalText([]byte(level))
	opts := &slog.HandlerOptions{Level: lv, ReplaceAttr: Redact}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// Redact is a slog ReplaceAttr function: it blanks sensitive attributes and
// masks CPR-shaped numbers in string values.
func Redact(groups []string, a slog.Attr) slog.Attr {
	k := strings.ToLower(a.Key)
	for _, s := range sensitiveKeys {
		if k == s || strings.HasSuffix(k, "_"+s) || strings.HasPrefix(k, s+"_") {
			return slog.String(a.Key, Redacted)
		}
	}
	if a.Value.Kind() == slog.KindString {
		if v := a.Value.String(); cprPattern.MatchString(v) {
			return slog.String(a.Key, cprPattern.ReplaceAllString(v, "******-****"))
		}
	}
	return a
}
