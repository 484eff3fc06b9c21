package income

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Amount is a sum of Danish kroner in øre.
type Amount int64

// String writes the amount the Danish way, e.g. "32.500,00".
func (a Amount) String() string {
	sign := ""
	if a < 0 {
		sign, a = "-", -a
	}
	kr := strconv.FormatInt(int64(a)/100, 10)
	var b strings.Builder
	for i, r := range kr {
		if i > 0 && (len(kr)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return fmt.Sprintf("%s%s,%02d", sign, b.String(), int64(a)%100)
}

var errAmount = errors.New("not an amount")

// ParseAmount reads an amount as people and spreadsheets write it:
// "32.500,00", "32500,5", "32,500.00", "32500.00", "kr. 1 234,56", "-99".
// With both a point and a comma, the last one is the decimal separator;
// with one of them, it is a decimal separator unless exactly three digits
// follow it (a thousands separator, "1.234").
func ParseAmount(s string) (Amount, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	for _, cut := range []string{"dkk", "kr.", "kr", " ", "\u00a0"} {
		s = strings.ReplaceAll(s, cut, "")
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return 0, errAmount
	}
	intPart, frac := splitDecimal(s)
	if !grouped(intPart) {
		return 0, errAmount
	}
	intPart = strings.NewReplacer(".", "", ",", "").Replace(intPart)
	if intPart == "" {
		intPart = "0"
	}
	if !allDigits(intPart) || !allDigits(frac) || len(frac) > 2 || len(intPart) > 15 {
		return 0, errAmount
	}
	kr, _ := strconv.ParseInt(intPart, 10, 64) // at most 15 digits: cannot fail
	ore, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
	a := Amount(kr*100 + ore)
	if neg {
		a = -a
	}
	return a, nil
}

// splitDecimal splits s at its decimal separator, if it has one.
func splitDecimal(s string) (intPart, frac string) {
	i := strings.LastIndexAny(s, ".,")
	if i < 0 {
		return s, ""
	}
	both := strings.ContainsRune(s, '.') && strings.ContainsRune(s, ',')
	once := strings.Count(s, s[i:i+1]) == 1
	if both || (once && len(s)-i-1 != 3) {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// grouped reports whether thousands separators, if any, split s into a
// group of one to three digits followed by groups of three.
func grouped(s string) bool {
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == ',' })
	if len(groups) <= 1 {
		return s == "" || len(groups) == 1 && !strings.ContainsAny(s, ".,")
	}
	if strings.Count(s, ".")+strings.Count(s, ",") != len(groups)-1 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
