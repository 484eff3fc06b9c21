package rules

import (
	"embed"
	"io/fs"
)

//go:embed help/*.toml
var helpFiles embed.FS

// HelpLanguages are the languages HelpFiles has a catalogue for, default
// first.
var HelpLanguages = []string{"da", "en"}

// HelpFiles returns the findings' message catalogue: one flat TOML file
// per language (da.toml, en.toml) with the keys "rule.<id>.title" and
// "rule.<id>.help" for every rule. Texts are Go text/template fed with
// Finding.Params. The keys are quoted, so the files load as plain
// id → text maps like the application's own catalogue.
func HelpFiles() fs.FS {
	sub, err := fs.Sub(helpFiles, "help")
	if err != nil {
		panic(err) // "help" is a valid constant path; fs.Sub cannot fail on it
	}
	return sub
}
