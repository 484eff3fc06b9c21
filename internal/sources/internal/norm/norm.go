// Package norm makes names and addresses comparable across registers,
// documents and what people type: case, diacritics, the Danish letters'
// ASCII spellings (æ/ae, ø/oe, å/aa) and punctuation are ignored.
package norm

import (
	"strings"
	"unicode"
)

// foldTable maps letters with diacritics to plain ASCII. Together with
// collapse, "Søren", "Soeren" and "Soren" become the same word.
var foldTable = map[rune]string{
	'æ': "a", 'ä': "a", 'å': "a", 'à': "a", 'á': "a", 'â': "a", 'ã': "a",
	'ø': "o", 'ö': "o", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'œ': "o",
	'ü': "u", 'ù': "u", 'ú': "u", 'û': "u",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'í': "i", 'ì': "i", 'î': "i", 'ï': "i",
	'ñ': "n", 'ç': "c", 'ý': "y", 'š': "s", 'ž': "z", 'ł': "l", 'ß': "ss", 'ð': "d", 'þ': "th",
}

var collapse = strings.NewReplacer("aa", "a", "ae", "a", "oe", "o", "ue", "u")

// Fold lower-cases s, folds diacritics and turns every other character
// into a space.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case foldTable[r] != "":
			b.WriteString(foldTable[r])
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// Tokens returns the comparable words of s.
func Tokens(s string) []string {
	ws := strings.Fields(Fold(s))
	for i, w := range ws {
		ws[i] = collapse.Replace(w)
	}
	return ws
}

// Digits returns the decimal digits of s: "12 34 56 78" gives "12345678".
func Digits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// legalForms are company-form words left out of CompanyKey.
var legalForms = map[string]bool{
	"as": true, "aps": true, "is": true, "ks": true, "ps": true, "ivs": true, "enk": true,
	"amba": true, "fmba": true, "smba": true, "ab": true, "asa": true, "oy": true,
	"gmbh": true, "ag": true, "ltd": true, "limited": true, "inc": true, "llc": true, "plc": true,
}

// CompanyKey is the comparable form of a company name: "Nordlys Regnskab
// A/S" and "NORDLYS REGNSKAB" give the same key.
func CompanyKey(name string) string {
	var keep []string
	for _, w := range Tokens(strings.NewReplacer("/", "", ".", "").Replace(name)) {
		if !legalForms[w] {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, " ")
}
