package rules

import (
	"go/build"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPurity keeps the package pure: standard library only, nothing that
// reaches outside the process, and no clock.
func TestPurity(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	forbidden := []string{"os", "net", "database/sql", "log", "log/slog", "io/ioutil", "syscall", "os/exec", "math/rand", "math/rand/v2", "crypto/rand"}
	for _, imp := range pkg.Imports {
		if strings.Contains(strings.Split(imp, "/")[0], ".") {
			t.Errorf("imports %s: only the standard library is allowed", imp)
		}
		for _, f := range forbidden {
			if imp == f || strings.HasPrefix(imp, f+"/") && f == "net" {
				t.Errorf("imports %s: the rules do no I/O and are deterministic", imp)
			}
		}
	}
	for _, name := range pkg.GoFiles {
		src, err := os.ReadFile(filepath.Join(".", name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(src), "time.Now") || strings.Contains(string(src), "time.Since") {
			t.Errorf("%s reads the clock; the check date is passed in", name)
		}
	}
}
