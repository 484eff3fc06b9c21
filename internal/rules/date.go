package rules

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a civil calendar date with no time of day and no time zone, so a
// period "01/07/17–30/06/22" means the same days wherever the code runs.
// The zero value means "not set".
type Date struct {
	// n counts days from 0001-01-01, which is 1; 0 is the unset date.
	n int32
}

// unixOffset is n for 1970-01-01, used to convert through time.Time.
const unixOffset = 719163

// ErrDate is wrapped by every date parsing error.
var ErrDate = errors.New("invalid date")

// NewDate returns the date y-m-d. Out-of-range months and days are
// normalised the way time.Date does (31 April becomes 1 May), which makes
// it convenient for arithmetic; use ParseDate for strict input checking.
func NewDate(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date{n: int32(t.Unix()/86400) + unixOffset}
}

// ParseDate reads a date in one of the forms people and systems use:
// "DD/MM/YY" (the CV format of the aviation guidance), "DD/MM/YYYY" and
// "YYYY-MM-DD". Day and month may have one or two digits. Two-digit years
// follow Go's time package: 69–99 are 19xx, 00–68 are 20xx. Write birth
// dates with four digits. Impossible dates such as 31/02/22 are refused.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	var y, m, d int
	var ok bool
	switch {
	case strings.Count(s, "-") == 2:
		y, m, d, ok = splitDate(s, "-", [3][2]int{{4, 4}, {1, 2}, {1, 2}})
	case strings.Count(s, "/") == 2:
		d, m, y, ok = splitDate(s, "/", [3][2]int{{1, 2}, {1, 2}, {2, 4}})
		switch len(s) - strings.LastIndexByte(s, '/') - 1 {
		case 2:
			y = twoDigitYear(y)
		case 4:
		default:
			ok = false
		}
	}
	if !ok || y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return Date{}, fmt.Errorf("%w: %q (use DD/MM/YY or YYYY-MM-DD)", ErrDate, s)
	}
	return NewDate(y, time.Month(m), d), nil
}

// splitDate splits s into three unsigned decimal fields whose lengths lie
// within the given [min, max] bounds.
func splitDate(s, sep string, lens [3][2]int) (a, b, c int, ok bool) {
	parts := strings.Split(s, sep)
	var vals [3]int
	for i, p := range parts {
		if len(p) < lens[i][0] || len(p) > lens[i][1] {
			return 0, 0, 0, false
		}
		for j := 0; j < len(p); j++ {
			if p[j] < '0' || p[j] > '9' {
				return 0, 0, 0, false
			}
		}
		vals[i], _ = strconv.Atoi(p) // at most four digits: cannot fail
	}
	return vals[0], vals[1], vals[2], true
}

func twoDigitYear(y int) int {
	if y >= 69 {
		return 1900 + y
	}
	return 2000 + y
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// MustDate parses s with ParseDate and panics on error; for tests and
// constants written in code.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func (d Date) time() time.Time {
	return time.Unix(int64(d.n-unixOffset)*86400, 0).UTC()
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.n == 0 }

// Year returns the year of d.
func (d Date) Year() int { return d.time().Year() }

// Month returns the month of d.
func (d Date) Month() time.Month { return d.time().Month() }

// Day returns the day of the month of d.
func (d Date) Day() int { return d.time().Day() }

// String returns d as YYYY-MM-DD, or "" when d is unset. This is also the
// form used in Finding.Params, so the presentation layer can re-read and
// localise it.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.time().Format("2006-01-02")
}

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.n < o.n }

// After reports whether d is later than o.
func (d Date) After(o Date) bool { return d.n > o.n }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.n < o.n:
		return -1
	case d.n > o.n:
		return 1
	}
	return 0
}

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return Date{n: d.n + int32(n)} }

// DaysUntil returns the number of days from d to o (negative when o is
// earlier).
func (d Date) DaysUntil(o Date) int { return int(o.n - d.n) }

// AddMonths returns d moved by n calendar months. A day that does not
// exist in the target month is clamped to its last day (31 August + 6
// months is 28 or 29 February). Clamping errs on the safe side for every
// rule here: a look-back starts no later and a re-check falls due no later
// than the exact calendar reading.
func (d Date) AddMonths(n int) Date {
	t := d.time()
	y, m := t.Year(), int(t.Month())-1+n
	y += floorDiv(m, 12)
	m = m - floorDiv(m, 12)*12 + 1
	day := min(t.Day(), daysIn(y, time.Month(m)))
	return NewDate(y, time.Month(m), day)
}

// AddYears returns d moved by n years, clamped like AddMonths.
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// MarshalText writes d as YYYY-MM-DD (empty when unset).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads any form ParseDate accepts; empty text is the unset
// date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(strings.TrimSpace(string(b))) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func minDate(a, b Date) Date {
	if a.Before(b) {
		return a
	}
	return b
}

func maxDate(a, b Date) Date {
	if a.After(b) {
		return a
	}
	return b
}
