package certificate

import (
	"regexp"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// months maps Danish and English month names and their abbreviations.
var months = map[string]time.Month{
	"januar": 1, "january": 1, "jan": 1,
	"februar": 2, "february": 2, "feb": 2,
	"marts": 3, "march": 3, "mar": 3,
	"april": 4, "apr": 4,
	"maj": 5, "may": 5,
	"juni": 6, "june": 6, "jun": 6,
	"juli": 7, "july": 7, "jul": 7,
	"august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "october": 10, "okt": 10, "oct": 10,
	"november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

var (
	isoDate     = regexp.MustCompile(`\b(\d{4})-(\d{1,2})-(\d{1,2})\b`)
	numericDate = regexp.MustCompile(`\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b`)
	dayMonth    = regexp.MustCompile(`\b(\d{1,2})\.?\s+([a-z]+)\.?,?\s+(\d{4})\b`)
	monthDay    = regexp.MustCompile(`\b([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b`)
)

// parseDate finds the first date in s written the way Danish or English
// documents write dates: 16.11.2026, 16-11-2026, 16/11/26, 2026-11-16,
// 16. november 2026, 16 November 2026, November 16, 2026. Day first
// for numeric dates, as in Denmark and Britain.
func parseDate(s string) (rules.Date, bool) {
	s = strings.ToLower(s)
	best, bestAt := rules.Date{}, len(s)+1
	try := func(re *regexp.Regexp, order func(m []string) (y, mo, d string)) {
		for _, loc := range re.FindAllStringSubmatchIndex(s, -1) {
			if loc[0] >= bestAt {
				return
			}
			m := make([]string, len(loc)/2)
			for i := range m {
				m[i] = s[loc[2*i]:loc[2*i+1]]
			}
			y, mo, d := order(m)
			if dt, ok := civil(y, mo, d); ok {
				best, bestAt = dt, loc[0]
				return
			}
		}
	}
	try(isoDate, func(m []string) (string, string, string) { return m[1], m[2], m[3] })
	try(numericDate, func(m []string) (string, string, string) { return m[3], m[2], m[1] })
	try(dayMonth, func(m []string) (string, string, string) { return m[3], m[2], m[1] })
	try(monthDay, func(m []string) (string, string, string) { return m[3], m[1], m[2] })
	return best, !best.IsZero()
}

// civil builds a date from its parts, month by number or name; two-digit
// years are this century. Impossible dates are refused.
func civil(y, mo, d string) (rules.Date, bool) {
	year, day := atoiDigits(y), atoiDigits(d)
	if len(y) == 2 {
		year += 2000
	}
	month, ok := months[mo]
	if !ok {
		month = time.Month(atoiDigits(mo))
	}
	if year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31 {
		return rules.Date{}, false
	}
	dt := rules.NewDate(year, month, day)
	if dt.Day() != day { // 31 April would become 1 May
		return rules.Date{}, false
	}
	return dt, true
}

func atoiDigits(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' || n > 1e6 {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}
