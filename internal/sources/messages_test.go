package sources

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/i18n"
)

// messageID finds string literals that look like message ids.
var messageID = regexp.MustCompile(`"(error|help)\.[a-z0-9_.]+"`)

// TestEveryReferencedMessageExists scans the connectors' code (this tree
// is not in the i18n package's own scan) for message ids and looks each
// up in the catalogue.
func TestEveryReferencedMessageExists(t *testing.T) {
	c, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, lit := range messageID.FindAllString(string(b), -1) {
			found++
			if id := strings.Trim(lit, `"`); !c.Has(id) {
				t.Errorf("%s refers to %q, which is not in the catalogue", path, id)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 20 {
		t.Fatalf("found only %d references; is the scan looking in the right place?", found)
	}
}
