package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// referencePattern finds string literals that look like message ids.
var referencePattern = regexp.MustCompile(`"(error|page|nav|form|action|mail|role|status|audit|flash|field|help)\.[a-z0-9_.]+"`)

// scannedTrees are the packages whose code and templates produce messages
// people read: the web layer renders them, the application and
// authentication layers return them as domain.Error messages.
var scannedTrees = []string{"web", "app", "auth", "store", "domain", "mitid", "blob", "crypto"}

// notMessages are literals in the scanned trees that share a message-id
// prefix but name something else.
var notMessages = map[string]string{
	"audit.read":          "domain.PermAuditRead, a permission",
	"audit.personal_read": "an audit action name (its label is audit.action.audit.personal_read)",
	"mail.send":           "a job kind",
}

func TestEveryReferencedIDExists(t *testing.T) {
	c := mustNew(t)
	root := filepath.Join("..")
	found := 0
	for _, tree := range scannedTrees {
		dir := filepath.Join(root, tree)
		if _, err := os.Stat(dir); os.IsNotExist(err) {
			continue
		}
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !scanned(path) {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, lit := range referencePattern.FindAllString(string(b), -1) {
				id := strings.Trim(lit, `"`)
				found++
				// A literal ending in a dot is a prefix that code
				// completes at run time, e.g. "audit.action." + action.
				if _, ok := notMessages[id]; ok || strings.HasSuffix(id, ".") {
					continue
				}
				if !c.Has(id) {
					t.Errorf("%s refers to %q, which is not in the catalogue", path, id)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Guards against a scan that silently finds nothing (wrong root).
	if found < 50 {
		t.Fatalf("found only %d references; is the scan looking in the right place?", found)
	}
}

// scanned selects Go sources and templates. Tests are left out: they
// legitimately use unknown ids to prove the fallbacks.
func scanned(path string) bool {
	if strings.HasSuffix(path, "_test.go") {
		return false
	}
	return slices.Contains([]string{".go", ".html", ".tmpl"}, filepath.Ext(path))
}
