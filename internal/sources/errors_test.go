package sources

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/rules"
)

func TestKindOf(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want Kind
	}{
		{nil, ""},
		{errNone, KindNotFound},
		{fmt.Errorf("wrapped: %w", errBad), KindInvalid},
		{errDown, KindUnavailable},
		{errors.New("anything else"), KindUnavailable},
		{context.DeadlineExceeded, KindUnavailable},
	} {
		if got := KindOf(tc.err); got != tc.want {
			t.Errorf("KindOf(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestClassifyMarksTimeouts(t *testing.T) {
	e := classify(rules.SourceCPR, fmt.Errorf("get: %w", context.DeadlineExceeded))
	if e.Kind != KindUnavailable || e.Source != rules.SourceCPR || !errors.Is(e, context.DeadlineExceeded) {
		t.Errorf("classify = %+v", e)
	}
}

func TestErrorText(t *testing.T) {
	e := &Error{Source: rules.SourceCVR, Kind: KindUnavailable, RetryAfter: time.Second, Err: ErrPartial}
	if e.Error() != "cvr: unavailable: partial answer" {
		t.Errorf("Error() = %q", e.Error())
	}
	if (&Error{Source: rules.SourceCVR, Kind: KindInvalid}).Error() != "cvr: invalid" {
		t.Error("Error() without cause")
	}
}

func TestKindMessagesAreInTheCatalogue(t *testing.T) {
	c, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []Kind{KindUnavailable, KindNotFound, KindInvalid} {
		if !c.Has(k.MessageID()) {
			t.Errorf("%s: %q is not in the message catalogue", k, k.MessageID())
		}
	}
}
