package store_test

import (
	"context"
	"errors"
	"io/fs"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
	"github.com/bgcheck/bgcheck/internal/store/storetest"
)

var ctx = context.Background()

func TestMigrationFoldersMatch(t *testing.T) {
	names := func(d store.Dialect) []string {
		var out []string
		err := fs.WalkDir(store.Migrations(d), ".", func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				out = append(out, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	lite, pg := names(store.SQLite), names(store.Postgres)
	if len(lite) == 0 || len(lite) != len(pg) {
		t.Fatalf("sqlite has %v, postgres has %v", lite, pg)
	}
	for i := range lite {
		if lite[i] != pg[i] {
			t.Errorf("migration %d: sqlite %q, postgres %q", i, lite[i], pg[i])
		}
	}
}

func mustWrite(t *testing.T, db *store.DB, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := db.Write(ctx, fn); err != nil {
		t.Fatal(err)
	}
}

func mustOrg(t *testing.T, db *store.DB, name string) *domain.Organisation {
	t.Helper()
	var o *domain.Organisation
	mustWrite(t, db, func(tx *store.Tx) (err error) {
		o, err = tx.CreateOrganisation(domain.OrganisationUpdate{Name: name})
		return err
	})
	return o
}

func mustUser(t *testing.T, db *store.DB, orgID, email string, role domain.Role) *domain.User {
	t.Helper()
	var u *domain.User
	mustWrite(t, db, func(tx *store.Tx) (err error) {
		u, err = tx.CreateUser(orgID, domain.NewUser{Email: email, Name: email, Role: role}, domain.UserActive)
		return err
	})
	return u
}

func TestMigrateIsIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		v1, err := db.Migrate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		cur, pending, err := db.MigrationStatus(ctx)
		if err != nil || pending || cur != v1 || v1 < 1 {
			t.Fatalf("status after migrate: v=%d pending=%v err=%v (migrate gave %d)", cur, pending, err, v1)
		}
	})
}

func TestOrganisationAndUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a, b := mustOrg(t, db, "A"), mustOrg(t, db, "B")
		ua := mustUser(t, db, a.ID, "anna@a.example", domain.RoleOwner)
		mustUser(t, db, b.ID, "bo@b.example", domain.RoleAdmin)

		err := db.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.CreateUser(b.ID, domain.NewUser{Email: "anna@a.example", Name: "x", Role: domain.RoleAdmin}, domain.UserActive)
			return err
		})
		if domain.ErrorCode(err) != domain.EConflict {
			t.Fatalf("duplicate e-mail: got %v, want conflict", err)
		}

		err = db.Read(ctx, func(tx *store.Tx) error {
			if _, err := tx.User(b.ID, ua.ID); !domain.IsNotFound(err) {
				return errors.New("user of A visible through B")
			}
			got, err := tx.UserByEmail(" ANNA@a.example ")
			if err != nil || got.ID != ua.ID {
				return errors.New("UserByEmail does not normalise")
			}
			list, err := tx.Users(a.ID, domain.UserFilter{Query: "ann"})
			if err != nil || len(list) != 1 {
				return errors.New("filter by query")
			}
			list, err = tx.Users(a.ID, domain.UserFilter{Query: "%"})
			if err != nil || len(list) != 0 {
				return errors.New("LIKE wildcard not escaped")
			}
			n, err := tx.CountActiveOwners(a.ID)
			if err != nil || n != 1 {
				return errors.New("count owners")
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.SetUserRole(b.ID, ua.ID, domain.RoleAuditor) }); !domain.IsNotFound(err) {
			t.Fatalf("role change across tenants: %v", err)
		}
		if err := db.Write(ctx, func(tx *store.Tx) error {
			return tx.UpdateOrganisation(a.ID, domain.OrganisationUpdate{Name: "A2", CVR: "29135789"})
		}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestWriteRollsBackOnError(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		boom := errors.New("boom")
		err := db.Write(ctx, func(tx *store.Tx) error {
			if _, err := tx.CreateOrganisation(domain.OrganisationUpdate{Name: "half"}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		db.Read(ctx, func(tx *store.Tx) error {
			if orgs, _ := tx.Organisations(); len(orgs) != 0 {
				t.Errorf("half-saved organisation: %v", orgs)
			}
			return nil
		})
	})
}

func TestSessionsAndThrottle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		o := mustOrg(t, db, "A")
		u := mustUser(t, db, o.ID, "a@a.example", domain.RoleAdmin)
		now := db.Now()
		s1 := &domain.Session{IDHash: []byte("h1"), OrgID: o.ID, UserID: u.ID, Stage: domain.StageComplete, CSRFToken: "c", CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}
		s2 := *s1
		s2.IDHash = []byte("h2")
		mustWrite(t, db, func(tx *store.Tx) error {
			if err := tx.CreateSession(s1); err != nil {
				return err
			}
			return tx.CreateSession(&s2)
		})
		mustWrite(t, db, func(tx *store.Tx) error {
			n, err := tx.DeleteUserSessions(o.ID, u.ID, []byte("h1"))
			if n != 1 {
				t.Errorf("deleted %d sessions, want 1", n)
			}
			return err
		})
		db.Read(ctx, func(tx *store.Tx) error {
			if _, err := tx.Session([]byte("h1")); err != nil {
				t.Errorf("kept session gone: %v", err)
			}
			if _, err := tx.Session([]byte("h2")); !domain.IsNotFound(err) {
				t.Errorf("other session survived: %v", err)
			}
			return nil
		})
		mustWrite(t, db, func(tx *store.Tx) error {
			for i := 0; i < 3; i++ {
				if err := tx.RecordLoginFailure("ip:1.2.3.4"); err != nil {
					return err
				}
			}
			n, err := tx.LoginFailures("ip:1.2.3.4", tx.Now.Add(-time.Minute))
			if n != 3 {
				t.Errorf("failures = %d, want 3", n)
			}
			return err
		})
	})
}

func TestAuditChainAndAppendOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a, b := mustOrg(t, db, "A"), mustOrg(t, db, "B")
		for i := 0; i < 3; i++ {
			for _, o := range []*domain.Organisation{a, b} {
				mustWrite(t, db, func(tx *store.Tx) error {
					return tx.AppendAudit(&domain.AuditEntry{OrgID: o.ID, ActorType: domain.ActorSystem, Action: "test.event", Details: map[string]string{"i": "x"}})
				})
			}
		}
		var entries []*domain.AuditEntry
		db.Read(ctx, func(tx *store.Tx) (err error) {
			entries, err = tx.AuditRange(a.ID, 0, 100)
			return err
		})
		if len(entries) != 3 || entries[0].Seq != 1 || entries[2].Seq != 3 {
			t.Fatalf("chain of A: %d entries", len(entries))
		}
		for i := 1; i < len(entries); i++ {
			if string(entries[i].PrevHash) != string(entries[i-1].Hash) {
				t.Fatalf("entry %d does not link to %d", entries[i].Seq, entries[i-1].Seq)
			}
		}
		if entries[0].Details["i"] != "x" {
			t.Errorf("details lost: %v", entries[0].Details)
		}
		for _, q := range []string{
			`UPDATE audit_log SET action = 'forged'`,
			`DELETE FROM audit_log`,
		} {
			if _, err := db.SQL().ExecContext(ctx, q); err == nil {
				t.Errorf("%s: the database allowed it", q)
			}
		}
		if db.Dialect() == store.Postgres {
			if _, err := db.SQL().ExecContext(ctx, `TRUNCATE audit_log`); err == nil {
				t.Errorf("TRUNCATE allowed")
			}
		}
	})
}

func TestAuditConcurrentAppends(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		o := mustOrg(t, db, "A")
		const n = 40
		errs := make(chan error, n)
		for i := 0; i < n; i++ {
			go func() {
				errs <- db.Write(ctx, func(tx *store.Tx) error {
					return tx.AppendAudit(&domain.AuditEntry{OrgID: o.ID, ActorType: domain.ActorSystem, Action: "test.concurrent"})
				})
			}()
		}
		for i := 0; i < n; i++ {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		db.Read(ctx, func(tx *store.Tx) error {
			es, err := tx.AuditRange(o.ID, 0, 1000)
			if err != nil || len(es) != n {
				t.Fatalf("got %d entries, err %v", len(es), err)
			}
			for i, e := range es {
				if e.Seq != int64(i+1) || (i > 0 && string(e.PrevHash) != string(es[i-1].Hash)) {
					t.Fatalf("broken chain at %d", e.Seq)
				}
			}
			return nil
		})
	})
}

func TestJobs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var id string
		mustWrite(t, db, func(tx *store.Tx) error {
			j, err := tx.Enqueue("", "mail.send", []byte(`{}`), time.Time{}, 3)
			id = j.ID
			return err
		})
		var claimed *store.Job
		mustWrite(t, db, func(tx *store.Tx) (err error) {
			claimed, err = tx.ClaimJob("w1", time.Minute)
			return err
		})
		if claimed.ID != id || claimed.Attempts != 1 {
			t.Fatalf("claimed %+v", claimed)
		}
		err := db.Write(ctx, func(tx *store.Tx) error { _, err := tx.ClaimJob("w2", time.Minute); return err })
		if !domain.IsNotFound(err) {
			t.Fatalf("second claim while leased: %v", err)
		}
		mustWrite(t, db, func(tx *store.Tx) error { return tx.FailJob(id, "w1", "temporary", tx.Now) })
		mustWrite(t, db, func(tx *store.Tx) (err error) {
			claimed, err = tx.ClaimJob("w2", time.Minute)
			return err
		})
		if claimed.Attempts != 2 || claimed.LastError != "temporary" {
			t.Fatalf("retry claim %+v", claimed)
		}
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.CompleteJob(id, "w1") }); !domain.IsNotFound(err) {
			t.Fatalf("stale worker completed a job it no longer holds: %v", err)
		}
		mustWrite(t, db, func(tx *store.Tx) error { return tx.CompleteJob(id, "w2") })
		db.Read(ctx, func(tx *store.Tx) error {
			j, err := tx.Job(id)
			if err != nil || j.Status != store.JobDone {
				t.Fatalf("job %+v %v", j, err)
			}
			return nil
		})
	})
}

func TestExpiredLeaseIsReclaimed(t *testing.T) {
	for _, tg := range storetest.Targets(t) {
		t.Run(tg.Name, func(t *testing.T) {
			now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
			db := storetest.Open(t, tg, store.Options{Now: func() time.Time { return now }})
			mustWrite(t, db, func(tx *store.Tx) error { _, err := tx.Enqueue("", "k", nil, time.Time{}, 3); return err })
			mustWrite(t, db, func(tx *store.Tx) error { _, err := tx.ClaimJob("dead-worker", time.Minute); return err })
			now = now.Add(2 * time.Minute)
			mustWrite(t, db, func(tx *store.Tx) error {
				j, err := tx.ClaimJob("w2", time.Minute)
				if err == nil && j.LockedBy != "w2" {
					t.Errorf("locked by %q", j.LockedBy)
				}
				return err
			})
		})
	}
}
