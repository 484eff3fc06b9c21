package rules

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" means an error
	}{
		{"01/07/22", "2022-07-01"},
		{"1/7/22", "2022-07-01"},
		{"31/12/68", "2068-12-31"},
		{"01/01/69", "1969-01-01"},
		{"15/03/1985", "1985-03-15"},
		{"2022-07-01", "2022-07-01"},
		{" 2024-02-29 ", "2024-02-29"},
		{"29/02/24", "2024-02-29"},
		{"29/02/23", ""},
		{"31/04/22", ""},
		{"00/01/22", ""},
		{"01/13/22", ""},
		{"01/07/202", ""},
		{"01/07/2", ""},
		{"2022-7-1", "2022-07-01"},
		{"22-07-01", ""},
		{"2022/07/01", ""},
		{"01-07-22", ""},
		{"01/07/22x", ""},
		{"+1/07/22", ""},
		{"", ""},
		{"0000-01-01", ""},
		{"١/٧/٢٢", ""},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if tt.want == "" {
			if err == nil || !errors.Is(err, ErrDate) {
				t.Errorf("ParseDate(%q) = %v, %v; want an ErrDate", tt.in, got, err)
			}
			continue
		}
		if err != nil || got.String() != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		from   string
		months int
		want   string
	}{
		{"2022-07-01", 12, "2023-07-01"},
		{"2022-07-01", -60, "2017-07-01"},
		{"2024-02-29", -60, "2019-02-28"}, // clamped: the look-back starts no later
		{"2024-02-29", 12, "2025-02-28"},  // clamped: the re-check falls due no later
		{"2022-08-31", 6, "2023-02-28"},
		{"2023-08-31", 6, "2024-02-29"},
		{"2022-01-31", 1, "2022-02-28"},
		{"2022-12-15", 1, "2023-01-15"},
		{"2023-01-15", -1, "2022-12-15"},
		{"2022-03-31", -13, "2021-02-28"},
	}
	for _, tt := range tests {
		if got := d(tt.from).AddMonths(tt.months).String(); got != tt.want {
			t.Errorf("%s + %d months = %s, want %s", tt.from, tt.months, got, tt.want)
		}
	}
	a, b := d("2024-02-28"), d("2024-03-01")
	if n := a.DaysUntil(b); n != 2 {
		t.Errorf("days 2024-02-28 → 2024-03-01 = %d, want 2 (leap year)", n)
	}
	if a.AddDays(2) != b || !a.Before(b) || !b.After(a) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("comparison or AddDays broken")
	}
	if got := d("2022-07-01"); got.Year() != 2022 || got.Month() != time.July || got.Day() != 1 {
		t.Errorf("fields of %v wrong", got)
	}
	if NewDate(2022, time.April, 31).String() != "2022-05-01" {
		t.Error("NewDate does not normalise")
	}
}

func TestDateZeroAndJSON(t *testing.T) {
	var z Date
	if !z.IsZero() || z.String() != "" {
		t.Fatalf("zero date = %q", z.String())
	}
	if NewDate(1, time.January, 1).IsZero() {
		t.Fatal("0001-01-01 must not be the unset date")
	}
	var v struct {
		A Date `json:"a"`
		B Date `json:"b"`
		C Date `json:"c"`
	}
	if err := json.Unmarshal([]byte(`{"a":"01/07/22","b":"2023-06-30","c":""}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.A.String() != "2022-07-01" || v.B.String() != "2023-06-30" || !v.C.IsZero() {
		t.Fatalf("decoded %+v", v)
	}
	out, err := json.Marshal(Period{From: v.A})
	if err != nil || string(out) != `{"from":"2022-07-01"}` {
		t.Fatalf("encoded %s, %v", out, err)
	}
	if err := json.Unmarshal([]byte(`{"a":"31/02/22"}`), &v); !errors.Is(err, ErrDate) {
		t.Fatalf("bad date decoded without ErrDate: %v", err)
	}
}

// FuzzParseDate checks that the parser never panics and that whatever it
// accepts is a real date that survives a round trip through String.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"01/07/22", "2024-02-29", "31/12/1999", "1/1/00", "x", "99/99/99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrDate) || !got.IsZero() {
				t.Fatalf("ParseDate(%q) error %v with date %v", s, err, got)
			}
			return
		}
		again, err := ParseDate(got.String())
		if err != nil || again != got {
			t.Fatalf("round trip of %q: %v → %v, %v", s, got, again, err)
		}
		if got.IsZero() || got.Year() < 1 || got.Year() > 9999 {
			t.Fatalf("ParseDate(%q) = %v out of range", s, got)
		}
	})
}
