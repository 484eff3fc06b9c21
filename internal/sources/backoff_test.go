package sources

import (
	"testing"
	"time"
)

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	b := Backoff{Base: time.Second, Max: 5 * time.Second, Rand: func() float64 { return 0 }}
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 2500 * time.Millisecond, 2500 * time.Millisecond}
	for i, w := range want {
		if d := b.Delay(i + 1); d != w {
			t.Errorf("Delay(%d) = %v, want %v", i+1, d, w)
		}
	}
}

func TestBackoffJitterStaysBetweenHalfAndFull(t *testing.T) {
	b := Backoff{Base: time.Second, Max: time.Minute}
	for range 200 {
		if d := b.Delay(3); d < 2*time.Second || d >= 4*time.Second {
			t.Fatalf("Delay(3) = %v, want in [2s, 4s)", d)
		}
	}
	hi := Backoff{Base: time.Second, Max: time.Minute, Rand: func() float64 { return 0.999 }}
	if d := hi.Delay(1); d <= 990*time.Millisecond {
		t.Errorf("Delay with Rand near 1 = %v, want near 1s", d)
	}
}
