package mitid

import (
	"strconv"
	"time"
)

// ValidCPR reports whether s is a CPR number: ten digits whose first six
// are a real date (DDMMYY). No modulus-11 check is made, because numbers
// issued since 2007 need not pass it.
func ValidCPR(s string) bool {
	_, ok := cprBirthDate(s)
	return ok
}

// cprBirthDate returns the birth date a CPR number encodes, as
// YYYY-MM-DD. The century follows from the seventh digit and the year,
// as the CPR office defines it.
func cprBirthDate(s string) (string, bool) {
	if len(s) != 10 {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", false
		}
	}
	day, _ := strconv.Atoi(s[0:2])
	month, _ := strconv.Atoi(s[2:4])
	yy, _ := strconv.Atoi(s[4:6])
	year := cprCentury(s[6], yy) + yy
	d := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	// time.Date normalises 31 February into March; a round trip catches it.
	if d.Day() != day || int(d.Month()) != month || d.Year() != year {
		return "", false
	}
	return d.Format(time.DateOnly), true
}

func cprCentury(seventh byte, yy int) int {
	switch {
	case seventh <= '3':
		return 1900
	case seventh == '4' || seventh == '9':
		if yy <= 36 {
			return 2000
		}
		return 1900
	default: // 5 to 8
		if yy <= 57 {
			return 2000
		}
		return 1800
	}
}
