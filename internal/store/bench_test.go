package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
	"github.com/bgcheck/bgcheck/internal/store/storetest"
)

// auditScale is the size of the audit chain the list benchmarks run on:
// a busy organisation's log after a year or two.
const auditScale = 100_000

func seedAudit(b *testing.B, db *store.DB, orgID string) {
	b.Helper()
	ctx := context.Background()
	for done := 0; done < auditScale; done += 10_000 {
		err := db.Write(ctx, func(tx *store.Tx) error {
			for i := 0; i < 10_000; i++ {
				action := "subject.read"
				if i%10 == 0 {
					action = "user.invite"
				}
				if err := tx.AppendAudit(&domain.AuditEntry{OrgID: orgID, ActorType: domain.ActorUser, ActorID: fmt.Sprint("u", i%50), Action: action, TargetType: "subject", TargetID: fmt.Sprint("s", done+i)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuditList measures the auditor's log page (newest 100, with and
// without an action filter, and deep in the log by cursor) on a chain of
// 100,000 entries.
func BenchmarkAuditList(b *testing.B) {
	for _, tg := range storetest.Targets(b) {
		b.Run(tg.Name, func(b *testing.B) {
			db := storetest.Open(b, tg, store.Options{})
			var org *domain.Organisation
			db.Write(context.Background(), func(tx *store.Tx) (err error) {
				org, err = tx.CreateOrganisation(domain.OrganisationUpdate{Name: "Bench"})
				return err
			})
			seedAudit(b, db, org.ID)
			for _, c := range []struct {
				name string
				f    domain.AuditFilter
			}{
				{"newest", domain.AuditFilter{Limit: 100}},
				{"action", domain.AuditFilter{Action: "user.", Limit: 100}},
				{"cursor-deep", domain.AuditFilter{BeforeSeq: 5_000, Limit: 100}},
				{"actor", domain.AuditFilter{ActorID: "u7", Limit: 100}},
			} {
				b.Run(c.name, func(b *testing.B) {
					for b.Loop() {
						err := db.Read(context.Background(), func(tx *store.Tx) error {
							es, err := tx.AuditEntries(org.ID, c.f)
							if err == nil && len(es) != 100 {
								err = fmt.Errorf("got %d entries", len(es))
							}
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
