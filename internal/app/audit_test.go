package app_test

import (
	"context"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// bypassAppendOnly removes the database's protection of the audit table,
// as an attacker with full database access could.
func bypassAppendOnly(t *testing.T, db *store.DB) {
	t.Helper()
	stmts := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
	if db.Dialect() == store.Postgres {
		stmts = []string{`ALTER TABLE audit_log DISABLE TRIGGER USER`}
	}
	for _, q := range stmts {
		if _, err := db.SQL().ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAuditVerifyDetectsTampering(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		a, owner := e.org("Alfa")
		for i := 0; i < 3; i++ {
			if _, err := e.app.Users().Invite(as(owner), domain.NewUser{Email: "u" + string(rune('a'+i)) + "@alfa.example", Name: "U", Role: domain.RoleAuditor}); err != nil {
				t.Fatal(err)
			}
		}
		rep, err := e.app.Audit().Verify(ctx, a.ID)
		if err != nil || !rep.OK() {
			t.Fatalf("clean chain: %v %v", rep, err)
		}
		if n, err := e.app.Audit().Checkpoint(ctx); err != nil || n < 1 {
			t.Fatalf("checkpoint: %d %v", n, err)
		}
		if n, _ := e.app.Audit().Checkpoint(ctx); n != 0 {
			t.Fatalf("checkpoint written although nothing changed: %d", n)
		}
		bypassAppendOnly(t, e.db)
		if _, err := e.db.SQL().ExecContext(ctx, e.rebind(`UPDATE audit_log SET action = 'user.nothing' WHERE org_id = ? AND seq = 3`), a.ID); err != nil {
			t.Fatal(err)
		}
		rep, _ = e.app.Audit().Verify(ctx, a.ID)
		if rep.OK() || rep.FirstBroken != 3 {
			t.Fatalf("edited entry not found: %v", rep)
		}
	})
}

func TestAuditCheckpointCatchesRewriteAndTruncation(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		a, owner := e.org("Alfa")
		for i := 0; i < 4; i++ {
			e.app.Users().Invite(as(owner), domain.NewUser{Email: "u" + string(rune('a'+i)) + "@alfa.example", Name: "U", Role: domain.RoleAuditor})
		}
		if _, err := e.app.Audit().Checkpoint(ctx); err != nil {
			t.Fatal(err)
		}
		bypassAppendOnly(t, e.db)
		// Truncation: drop the newest two entries and move the head back.
		var size int64
		e.db.Read(ctx, func(tx *store.Tx) (err error) { size, _, err = tx.AuditHead(a.ID); return err })
		if _, err := e.db.SQL().ExecContext(ctx, e.rebind(`DELETE FROM audit_log WHERE org_id = ? AND seq > ?`), a.ID, size-2); err != nil {
			t.Fatal(err)
		}
		rep, _ := e.app.Audit().Verify(ctx, a.ID)
		if rep.OK() {
			t.Fatalf("truncation not detected: %v", rep)
		}
	})
}

func (e *env) rebind(q string) string {
	if e.db.Dialect() != store.Postgres {
		return q
	}
	n := 0
	out := []byte{}
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			out = append(out, '$', byte('0'+n))
			continue
		}
		out = append(out, q[i])
	}
	return string(out)
}

func TestPersonalAuditDetailsAreEncryptedAndAudited(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		_, owner := e.org("Alfa")
		sub, err := e.app.Subjects().Create(as(owner), newSubject())
		if err != nil {
			t.Fatal(err)
		}
		entries, _ := e.app.Audit().List(as(owner), domain.AuditFilter{Action: "subject.created"})
		if len(entries) != 1 || len(entries[0].Personal) == 0 {
			t.Fatalf("entries %v", entries)
		}
		p, err := e.app.Audit().Personal(as(owner), entries[0].Seq)
		if err != nil || p["name"] != "Karen Testesen" {
			t.Fatalf("personal: %v %v", p, err)
		}
		reads, _ := e.app.Audit().List(as(owner), domain.AuditFilter{Action: "audit.personal_read"})
		if len(reads) != 1 {
			t.Fatal("revealing personal details was not audited")
		}
		if err := e.app.Subjects().Erase(as(owner), sub.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.app.Audit().Personal(as(owner), entries[0].Seq); domain.ErrorMessage(err) != "error.erased" {
			t.Fatalf("personal details readable after erasure: %v", err)
		}
		if rep, _ := e.app.Audit().Verify(ctx, owner.OrgID); !rep.OK() {
			t.Fatalf("chain broken by erasure: %v", rep)
		}
	})
}
