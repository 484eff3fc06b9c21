package rules

import (
	"slices"
	"testing"
)

func TestPeriod(t *testing.T) {
	if !p("2020-01-01", "").IsOpen() || p("2020-01-01", "2020-01-01").Days() != 1 {
		t.Error("open or one-day period wrong")
	}
	if p("2020-01-02", "2020-01-01").Valid() || (Period{}).Valid() || !p("2020-01-01", "").Valid() {
		t.Error("Valid wrong")
	}
	if got := p("2020-01-01", "").End(d("2022-01-01")); got != d("2022-01-01") {
		t.Errorf("End of open period = %v", got)
	}
	if !p("2020-01-01", "").Contains(d("2030-01-01")) || p("2020-01-01", "2020-12-31").Contains(d("2021-01-01")) {
		t.Error("Contains wrong")
	}
	if _, ok := p("2020-01-01", "2020-01-31").Intersect(p("2020-02-01", "2020-02-28")); ok {
		t.Error("adjacent periods must not intersect")
	}
}

func TestPeriodAtLeastMonths(t *testing.T) {
	tests := []struct {
		from, to string
		want     bool
	}{
		{"2020-01-01", "2020-06-30", true},  // exactly six months
		{"2020-01-02", "2020-06-30", false}, // six months minus a day
		{"2020-01-01", "2020-06-29", false},
		{"2019-08-31", "2020-02-28", true}, // 31 Aug + 6 months clamps to 29 Feb 2020
		{"2019-08-31", "2020-02-27", false},
		{"2020-07-15", "2021-01-14", true},
	}
	for _, tt := range tests {
		if got := p(tt.from, tt.to).AtLeastMonths(6); got != tt.want {
			t.Errorf("%s–%s at least 6 months = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestSubtractAndMerge(t *testing.T) {
	got := subtract(p("2020-01-01", "2020-12-31"), []Period{
		p("2020-03-01", "2020-03-31"), p("2019-01-01", "2020-01-10"), p("2020-03-15", "2020-04-10"), p("2021-01-01", "2021-02-01"),
	})
	want := []Period{p("2020-01-11", "2020-02-29"), p("2020-04-11", "2020-12-31")}
	if !slices.Equal(got, want) {
		t.Errorf("subtract = %v, want %v", got, want)
	}
	if got := subtract(p("2020-01-01", "2020-01-31"), []Period{p("2019-01-01", "2021-01-01")}); len(got) != 0 {
		t.Errorf("fully covered left %v", got)
	}
	merged := mergePeriods([]Period{p("2020-03-01", "2020-03-31"), p("2020-01-01", "2020-01-31"),
		p("2020-02-01", "2020-02-10"), p("2020-05-01", "2020-05-02")}, 0)
	wantM := []Period{p("2020-01-01", "2020-02-10"), p("2020-03-01", "2020-03-31"), p("2020-05-01", "2020-05-02")}
	if !slices.Equal(merged, wantM) {
		t.Errorf("merge = %v, want %v", merged, wantM)
	}
	if got := mergePeriods([]Period{p("2020-01-01", "2020-01-31"), p("2020-03-03", "2020-03-31")}, 31); len(got) != 1 {
		t.Errorf("merge with tolerance = %v", got)
	}
}
