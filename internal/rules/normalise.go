package rules

import (
	"strings"
	"unicode"
)

// foldTable maps letters with diacritics to plain ASCII. The Danish
// letters and their foreign spellings (æ/ae/ä, ø/oe/ö, å/aa) all end up as
// one vowel after collapseDigraphs, so "Søren", "Soeren" and "Soren" match.
var foldTable = map[rune]string{
	'æ': "a", 'ä': "a", 'å': "a", 'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ā': "a", 'ą': "a",
	'ø': "o", 'ö': "o", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ő': "o", 'œ': "o",
	'ü': "u", 'ù': "u", 'ú': "u", 'û': "u", 'ű': "u", 'ů': "u",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ě': "e", 'ę': "e", 'ē': "e",
	'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'ı': "i",
	'ñ': "n", 'ń': "n", 'ň': "n", 'ç': "c", 'ć': "c", 'č': "c",
	'ý': "y", 'ÿ': "y", 'š': "s", 'ś': "s", 'ş': "s", 'ž': "z", 'ź': "z", 'ż': "z",
	'ł': "l", 'ř': "r", 'đ': "d", 'ď': "d", 'ð': "d", 'ť': "t", 'ğ': "g",
	'ß': "ss", 'þ': "th",
}

// collapseDigraphs turns the ASCII spellings of æ, ø, å and ü into the same
// single vowel foldTable gives the letters themselves.
var collapseDigraphs = strings.NewReplacer("aa", "a", "ae", "a", "oe", "o", "ue", "u")

// fold lower-cases s, folds diacritics and turns every other character
// into a word break. Characters in drop vanish instead, so "A/S" can
// become "as".
func fold(s, drop string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case strings.ContainsRune(drop, r):
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

// tokens splits folded text into words with digraphs collapsed.
func tokens(folded string) []string {
	ws := strings.Fields(folded)
	for i, w := range ws {
		ws[i] = collapseDigraphs.Replace(w)
	}
	return ws
}

// namesMatch compares two person names leniently: case, diacritics, the
// æ/ae, ø/oe, å/aa spellings and punctuation are ignored, and a name that
// leaves out middle names still matches ("Lars Nielsen" and "Lars Peter
// Nielsen"). The shorter name's words must appear in the longer one in
// order, and a lone word only matches a lone word.
func namesMatch(a, b string) bool {
	ta, tb := tokens(fold(a, "")), tokens(fold(b, ""))
	if len(ta) > len(tb) {
		ta, tb = tb, ta
	}
	if len(ta) == 0 || (len(ta) == 1 && len(tb) > 1) {
		return false
	}
	return isSubsequence(ta, tb)
}

func isSubsequence(short, long []string) bool {
	i := 0
	for _, w := range long {
		if i < len(short) && short[i] == w {
			i++
		}
	}
	return i == len(short)
}

// legalForms are company-form words left out when comparing company
// names, so "Nordhavn Logistik A/S" and "NORDHAVN LOGISTIK" are the same.
var legalForms = map[string]bool{
	"as": true, "aps": true, "is": true, "ks": true, "ps": true, "ivs": true,
	"amba": true, "fmba": true, "smba": true, "ab": true, "asa": true, "oy": true,
	"oyj": true, "gmbh": true, "ag": true, "ltd": true, "limited": true, "inc": true,
	"llc": true, "plc": true, "bv": true, "nv": true, "sa": true, "sarl": true,
	"srl": true, "spa": true,
}

// companyKey is the comparable form of a company name.
func companyKey(name string) string {
	var keep []string
	for _, w := range tokens(fold(name, "./")) {
		if !legalForms[w] {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, " ")
}

// sameCompany reports whether two company references name the same
// company: by CVR number when both have one, else by name.
func sameCompany(nameA, cvrA, nameB, cvrB string) bool {
	ca, cb := digits(cvrA), digits(cvrB)
	if ca != "" && cb != "" {
		return ca == cb
	}
	ka := companyKey(nameA)
	return ka != "" && ka == companyKey(nameB)
}

// digits returns the decimal digits of s; CVR numbers are often written
// with spaces ("12 34 56 78").
func digits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == len(s) {
		return s // the usual case: nothing to strip, nothing to allocate
	}
	b := []byte(s[:i])
	for ; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// addressesMatch compares two addresses leniently: postal codes must agree
// when both are given, and the shorter street line's words must appear in
// order in the longer one, so a missing floor or door ("Nørregade 12" vs
// "Noerregade 12, 2. tv.") is not a mismatch.
func addressesMatch(a, b Address) bool {
	if pa, pb := digits(a.PostalCode), digits(b.PostalCode); pa != "" && pb != "" && pa != pb {
		return false
	}
	ta, tb := tokens(fold(a.Street, ".")), tokens(fold(b.Street, "."))
	if len(ta) > len(tb) {
		ta, tb = tb, ta
	}
	return isSubsequence(ta, tb)
}

// normCountry upper-cases an ISO code and maps the EU's own codes for
// Greece and the United Kingdom to ISO 3166-1.
func normCountry(c string) string {
	c = strings.ToUpper(strings.TrimSpace(c))
	switch c {
	case "EL":
		return "GR"
	case "UK":
		return "GB"
	}
	return c
}

// euEFTA are the EU and EFTA member states, whose criminal records the
// Danish police obtain through ECRIS (guidance §4.2). Everything else is
// a third country, including the United Kingdom since 2021.
var euEFTA = map[string]bool{
	"AT": true, "BE": true, "BG": true, "HR": true, "CY": true, "CZ": true, "DK": true,
	"EE": true, "FI": true, "FR": true, "DE": true, "GR": true, "HU": true, "IE": true,
	"IT": true, "LV": true, "LT": true, "LU": true, "MT": true, "NL": true, "PL": true,
	"PT": true, "RO": true, "SK": true, "SI": true, "ES": true, "SE": true,
	"IS": true, "LI": true, "NO": true, "CH": true,
}

func isEUEFTA(country string) bool { return euEFTA[normCountry(country)] }

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }
