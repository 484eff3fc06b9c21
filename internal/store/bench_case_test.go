package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
	"github.com/bgcheck/bgcheck/internal/store/storetest"
)

// caseScale is the number of cases the list benchmarks run on.
const caseScale = 100_000

// seedCases inserts caseScale cases ten minutes apart, over five statuses,
// three packages and ten handlers, each with three search terms. The
// ciphertext columns hold placeholder bytes: this measures the database.
func seedCases(b *testing.B, db *store.DB) (orgID string, pkgs []string) {
	b.Helper()
	ctx := context.Background()
	err := db.Write(ctx, func(tx *store.Tx) error {
		org, err := tx.CreateOrganisation(domain.OrganisationUpdate{Name: "Bench"})
		if err != nil {
			return err
		}
		orgID = org.ID
		for i := 0; i < 3; i++ {
			p, err := tx.CreatePackage(orgID, "", domain.PackageTemplates[i])
			if err != nil {
				return err
			}
			pkgs = append(pkgs, p.ID)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	// One set-based statement per table: row-by-row inserts would take
	// longer than the benchmark.
	seq := `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ` + fmt.Sprint(caseScale-1) + `) `
	from, id := ` FROM n`, func(p string) string { return `printf('` + p + `%07d', i)` }
	mod := func(a string, b int) string { return fmt.Sprintf("(%s %% %d)", a, b) }
	if db.Dialect() == store.Postgres {
		seq, from = ``, ` FROM generate_series(0, `+fmt.Sprint(caseScale-1)+`) AS n(i)`
		id = func(p string) string { return `'` + p + `' || lpad(i::text, 7, '0')` }
	}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	status := `CASE ` + mod("i", 5) + ` WHEN 0 THEN 'invited' WHEN 1 THEN 'in_progress' WHEN 2 THEN 'submitted' WHEN 3 THEN 'approved' ELSE 'cancelled' END`
	pkg := `CASE ` + mod("i", 3) + ` WHEN 0 THEN ? WHEN 1 THEN ? ELSE ? END`
	stmts := []struct {
		q    string
		args []any
	}{
		{seq + `INSERT INTO subjects (id, org_id, name_enc, email_enc, created_at) SELECT ` + id("s") + `, ?, ?, ?, CAST(? AS BIGINT)` + from, []any{orgID, []byte("x"), []byte("x"), start}},
		{seq + `INSERT INTO cases (id, org_id, subject_id, package_id, package_version, status, language, handler_id, email_index, created_at, updated_at, submitted_at)
			SELECT ` + id("c") + `, ?, ` + id("s") + `, ` + pkg + `, 1, ` + status + `, 'da', 'h' || ` + mod("i", 10) + `, 'e' || i, CAST(? AS BIGINT) + CAST(i AS BIGINT) * 600000, CAST(? AS BIGINT) + CAST(i AS BIGINT) * 600000, ` + mod("i", 3) + ` * CAST(? AS BIGINT)` + from,
			[]any{orgID, pkgs[0], pkgs[1], pkgs[2], start, start, start}},
		{seq + `INSERT INTO case_search (org_id, term, case_id) SELECT ?, 'n' || ` + mod("i", 5000) + `, ` + id("c") + from, []any{orgID}},
		{seq + `INSERT INTO case_search (org_id, term, case_id) SELECT ?, 'e' || i, ` + id("c") + from, []any{orgID}},
		{seq + `INSERT INTO case_search (org_id, term, case_id) SELECT ?, 'k' || ` + mod("i", 97) + `, ` + id("c") + from, []any{orgID}},
	}
	err = db.Write(ctx, func(tx *store.Tx) error {
		for _, st := range stmts {
			if err := tx.ExecForBenchmark(st.q, st.args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return orgID, pkgs
}

// BenchmarkCaseList measures one page (50) of the company's case list at
// 100,000 cases: default order, a status filter, a deep page by cursor, a
// blind-index search and a combination.
func BenchmarkCaseList(b *testing.B) {
	for _, tg := range storetest.Targets(b) {
		b.Run(tg.Name, func(b *testing.B) {
			db := storetest.Open(b, tg, store.Options{})
			orgID, pkgs := seedCases(b, db)
			if err := db.Optimize(context.Background()); err != nil {
				b.Fatal(err)
			}
			var deep string
			db.Read(context.Background(), func(tx *store.Tx) error {
				f := store.CaseListFilter{CaseFilter: domain.CaseFilter{Limit: 50}}
				for i := 0; i < 1000; i++ { // page 1,000 of 2,000
					_, next, err := tx.Cases(orgID, f)
					if err != nil {
						return err
					}
					f.After = next
				}
				deep = f.After
				return nil
			})
			for _, c := range []struct {
				name string
				f    store.CaseListFilter
			}{
				{"newest", store.CaseListFilter{CaseFilter: domain.CaseFilter{Desc: true}}},
				{"status", store.CaseListFilter{CaseFilter: domain.CaseFilter{Status: []domain.CaseStatus{domain.CaseSubmitted}, Desc: true}}},
				{"deep-page", store.CaseListFilter{CaseFilter: domain.CaseFilter{After: deep}}},
				{"search-word", store.CaseListFilter{Terms: []string{"k42"}}},
				{"search-email", store.CaseListFilter{Terms: []string{"e77777"}}},
				{"package+handler+status", store.CaseListFilter{CaseFilter: domain.CaseFilter{PackageID: pkgs[1], HandlerID: "h4", Status: []domain.CaseStatus{domain.CaseInvited, domain.CaseInProgress}}}},
				{"sort-submitted", store.CaseListFilter{CaseFilter: domain.CaseFilter{Sort: "submitted", Desc: true}}},
			} {
				b.Run(c.name, func(b *testing.B) {
					for b.Loop() {
						err := db.Read(context.Background(), func(tx *store.Tx) error {
							_, _, err := tx.Cases(orgID, c.f)
							return err
						})
						if err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
