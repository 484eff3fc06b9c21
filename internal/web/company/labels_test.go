package company

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// TestDomainValuesHaveLabels proves that every value a page names through
// a prefixed message id has that message in the catalogue (the catalogue
// itself guarantees every language has the same ids). A page walk cannot
// prove this, since it only meets the values the fakes hold.
func TestDomainValuesHaveLabels(t *testing.T) {
	e := newEnv(t)
	var ids []string
	for _, s := range domain.CaseStatuses {
		ids = append(ids, caseStatusPrefix+string(s))
	}
	for _, c := range domain.Categories {
		ids = append(ids, categoryPrefix+string(c), categoryHelp+string(c))
	}
	for _, k := range domain.DocumentKinds {
		ids = append(ids, documentPrefix+string(k))
	}
	for _, r := range domain.RetentionProfiles {
		ids = append(ids, retentionPrefix+string(r), retentionHelp+string(r))
	}
	for _, tpl := range domain.PackageTemplates {
		ids = append(ids, templatePrefix+tpl.Template+".name", templatePrefix+tpl.Template+".help")
	}
	for _, k := range caseSorts {
		ids = append(ids, "sort."+k)
	}
	for _, c := range csvColumns {
		ids = append(ids, "help.csv_"+c)
	}
	for _, id := range ids {
		if !e.cat.Has(id) {
			t.Errorf("no message %q", id)
		}
	}
}

// TestTimelineLabels covers every action the services write to a case's
// timeline, read from their source so a new one cannot be forgotten; an
// unknown action is shown as its code rather than a gap.
func TestTimelineLabels(t *testing.T) {
	e := newEnv(t)
	actions := []string{"case.created", "case.invitation_queued", "case.invitation_sent", "case.invitation_resent",
		"case.email_changed", "case.reminder_queued", "case.reminder_sent", "case.assigned", "case.cancelled"}
	files, err := filepath.Glob("../../app/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("app sources: %v %v", files, err)
	}
	literal := regexp.MustCompile(`AddCaseEvent\([^"\n]*"([a-z_]+\.[a-z_.]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			actions = append(actions, m[1])
		}
	}
	if len(actions) < 25 {
		t.Fatalf("found only %d timeline actions", len(actions))
	}
	for _, a := range actions {
		if !e.cat.Has(caseEventPrefix + a) {
			t.Errorf("no label for timeline action %q", a)
		}
	}
	p := &page{loc: e.cat.Localizer("en")}
	if got := e.s.eventLabel(p, "something.new"); got != "something.new" {
		t.Fatalf("unknown action shown as %q", got)
	}
}
