package i18n

import (
	"golang.org/x/text/language"
)

// maxAcceptLanguage bounds the header we parse; real browsers send far less.
const maxAcceptLanguage = 256

var matcher = language.NewMatcher([]language.Tag{language.Danish, language.English})

// Match picks the language for a request: the language cookie when it names
// a supported language, otherwise the best supported match of the
// Accept-Language header, otherwise Default.
func Match(acceptLanguage, cookie string) string {
	if Supported(cookie) {
		return cookie
	}
	if acceptLanguage == "" || len(acceptLanguage) > maxAcceptLanguage {
		return Default
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Default
	}
	_, idx, conf := matcher.Match(tags...)
	// A low-confidence match (say Norwegian to Danish) is no better than
	// the default, which is Danish anyway.
	if conf < language.High {
		return Default
	}
	return Languages[idx]
}

// Supported reports whether lang is one of Languages.
func Supported(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}
