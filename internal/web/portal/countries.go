package portal

import (
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryCodes are the ISO 3166-1 alpha-2 codes, plus XK (Kosovo), which
// Danish authorities use too.
const countryCodes = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ " +
	"BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE " +
	"EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR " +
	"HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS " +
	"LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL " +
	"NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI " +
	"SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY " +
	"UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW"

// firstCountries come first in every list: most subjects live or work in
// Denmark or a neighbouring country.
var firstCountries = []string{"DK", "SE", "NO", "DE"}

// countryNames holds the country list in each language, sorted by that
// language's alphabet (Danish puts Æ, Ø and Å last).
type countryNames struct {
	once  sync.Once
	names map[string]map[string]string // lang → code → name
	order map[string][]string          // lang → codes in display order
}

func newCountryNames() *countryNames { return &countryNames{} }

func (c *countryNames) load() {
	c.names, c.order = map[string]map[string]string{}, map[string][]string{}
	codes := strings.Fields(countryCodes)
	for _, lang := range []string{"da", "en"} {
		tag := language.MustParse(lang)
		namer := display.Regions(tag)
		names := map[string]string{}
		for _, code := range codes {
			name := code
			if r, err := language.ParseRegion(code); err == nil && namer.Name(r) != "" {
				name = namer.Name(r)
			}
			names[code] = name
		}
		rest := slices.DeleteFunc(slices.Clone(codes), func(code string) bool { return slices.Contains(firstCountries, code) })
		col := collate.New(tag)
		slices.SortFunc(rest, func(a, b string) int { return col.CompareString(names[a], names[b]) })
		c.names[lang], c.order[lang] = names, append(slices.Clone(firstCountries), rest...)
	}
}

// name returns the country called code in lang, or code itself when it is
// not a country code.
func (c *countryNames) name(lang, code string) string {
	c.once.Do(c.load)
	if n, ok := c.names[lang][strings.ToUpper(code)]; ok {
		return n
	}
	if n, ok := c.names["da"][strings.ToUpper(code)]; ok {
		return n
	}
	return code
}

// options lists every country for a select, with selected chosen.
func (c *countryNames) options(lang, choose, selected string) []option {
	c.once.Do(c.load)
	if _, ok := c.order[lang]; !ok {
		lang = "da"
	}
	selected = strings.ToUpper(selected)
	out := make([]option, 0, len(c.order[lang])+1)
	out = append(out, option{Label: choose})
	for _, code := range c.order[lang] {
		out = append(out, option{Value: code, Label: c.names[lang][code], Selected: code == selected})
	}
	return out
}

// countryOptions is the country select's options in the page's language.
func (p *page) countryOptions(selected string) []option {
	return p.countries.options(p.Lang, p.loc.T("field.portal.choose"), selected)
}

// Country is the name of the country with code in the page's language.
func (p *page) Country(code string) string {
	if code == "" {
		return ""
	}
	return p.countries.name(p.Lang, code)
}
