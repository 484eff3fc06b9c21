package store_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
	"github.com/bgcheck/bgcheck/internal/store/storetest"
)

func TestAPIKeysAreTenantScoped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a, b := mustOrg(t, db, "A"), mustOrg(t, db, "B")
		k := &domain.APIKey{OrgID: a.ID, Name: "hr", Scopes: []domain.APIScope{domain.ScopeCasesRead, domain.ScopeCasesWrite}, CreatedBy: "anna"}
		mustWrite(t, db, func(tx *store.Tx) error { return tx.CreateAPIKey(k, []byte("hash")) })

		err := db.Read(ctx, func(tx *store.Tx) error {
			if list, err := tx.APIKeys(b.ID); err != nil || len(list) != 0 {
				t.Errorf("B lists %v, %v", list, err)
			}
			if _, err := tx.APIKey(b.ID, k.ID); !domain.IsNotFound(err) {
				t.Errorf("A's key through B: %v", err)
			}
			got, hash, err := tx.APIKeyForAuth(k.ID)
			if err != nil || got.OrgID != a.ID || !bytes.Equal(hash, []byte("hash")) || len(got.Scopes) != 2 || got.Scopes[1] != domain.ScopeCasesWrite {
				t.Errorf("for auth: %+v %q %v", got, hash, err)
			}
			_, _, err = tx.APIKeyForAuth("nope")
			if !domain.IsNotFound(err) {
				t.Errorf("unknown id: %v", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.RevokeAPIKey(b.ID, k.ID) }); !domain.IsNotFound(err) {
			t.Fatalf("revoke across tenants: %v", err)
		}
		mustWrite(t, db, func(tx *store.Tx) error { return tx.RevokeAPIKey(a.ID, k.ID) })
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.RevokeAPIKey(a.ID, k.ID) }); !domain.IsNotFound(err) {
			t.Fatalf("second revoke: %v", err)
		}
		if err := db.Read(ctx, func(tx *store.Tx) error {
			got, err := tx.APIKey(a.ID, k.ID)
			if err == nil && got.Active() {
				t.Error("revoked key is active")
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestIdempotencyReservations(t *testing.T) {
	for _, tg := range storetest.Targets(t) {
		t.Run(tg.Name, func(t *testing.T) {
			now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			db := storetest.Open(t, tg, store.Options{Now: func() time.Time { return now }})
			a := mustOrg(t, db, "A")
			rec := func(keyID string) *domain.IdempotencyRecord {
				return &domain.IdempotencyRecord{OrgID: a.ID, KeyID: keyID, Key: "idem", Request: "POST /api/v1/cases", BodyHash: []byte{1}}
			}
			begin := func(keyID string) (*domain.IdempotencyRecord, bool) {
				t.Helper()
				var prev *domain.IdempotencyRecord
				var ok bool
				mustWrite(t, db, func(tx *store.Tx) (err error) {
					prev, ok, err = tx.BeginIdempotent(rec(keyID), 24*time.Hour, 5*time.Minute)
					return err
				})
				return prev, ok
			}
			if _, ok := begin("k1"); !ok {
				t.Fatal("first reservation refused")
			}
			if prev, ok := begin("k1"); ok || prev == nil || prev.Status != 0 {
				t.Fatalf("second reservation: %+v %v", prev, ok)
			}
			done := rec("k1")
			done.Status, done.ContentType, done.Body = 201, "application/json", []byte(`{"id":"x"}`)
			mustWrite(t, db, func(tx *store.Tx) error { return tx.CompleteIdempotent(done) })
			prev, ok := begin("k1")
			if ok || prev.Status != 201 || string(prev.Body) != `{"id":"x"}` || prev.ContentType != "application/json" || !prev.CreatedAt.Equal(now) {
				t.Fatalf("after completion: %+v %v", prev, ok)
			}
			// Another API key has keys of its own.
			if _, ok := begin("k2"); !ok {
				t.Error("another API key's reservation refused")
			}
			now = now.Add(24*time.Hour + time.Millisecond)
			if _, ok := begin("k1"); !ok {
				t.Fatal("expired key not reusable")
			}
			// A reservation whose request died is given up after a while.
			now = now.Add(5*time.Minute + time.Millisecond)
			if _, ok := begin("k1"); !ok {
				t.Fatal("stale reservation still blocks")
			}
			mustWrite(t, db, func(tx *store.Tx) error { return tx.ReleaseIdempotent(a.ID, "k1", "idem") })
			if _, ok := begin("k1"); !ok {
				t.Fatal("released key not reusable")
			}
		})
	}
}
