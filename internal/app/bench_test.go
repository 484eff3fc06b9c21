package app_test

import (
	"context"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
	"github.com/bgcheck/bgcheck/internal/store/storetest"
)

// BenchmarkLogin measures the password step of sign-in: throttle check,
// user lookup, argon2id verification and session creation.
func BenchmarkLogin(b *testing.B) {
	for _, tg := range storetest.Targets(b) {
		b.Run(tg.Name, func(b *testing.B) {
			e := newEnv(b, tg)
			_, owner := benchOrg(b, e)
			ctx := context.Background()
			b.ResetTimer()
			for b.Loop() {
				if _, err := e.app.Auth().Login(ctx, owner.Email, testPassword, domain.ClientMeta{IP: "192.0.2.1"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSessionLookup measures what every signed-in request pays to
// find its session and user.
func BenchmarkSessionLookup(b *testing.B) {
	for _, tg := range storetest.Targets(b) {
		b.Run(tg.Name, func(b *testing.B) {
			e := newEnv(b, tg)
			_, owner := benchOrg(b, e)
			res, err := e.app.Auth().Login(context.Background(), owner.Email, testPassword, domain.ClientMeta{IP: "192.0.2.1"})
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.ResetTimer()
			for b.Loop() {
				if _, _, err := e.app.Auth().Session(ctx, res.Token); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAuditAppend measures one audited change: a transaction that
// appends one hash-chained entry.
func BenchmarkAuditAppend(b *testing.B) {
	for _, tg := range storetest.Targets(b) {
		b.Run(tg.Name, func(b *testing.B) {
			e := newEnv(b, tg)
			org, _ := benchOrg(b, e)
			ctx := context.Background()
			b.ResetTimer()
			for b.Loop() {
				err := e.db.Write(ctx, func(tx *store.Tx) error {
					return tx.AppendAudit(&domain.AuditEntry{OrgID: org.ID, ActorType: domain.ActorSystem, Action: "bench.event", TargetType: "user", TargetID: "u1", Details: map[string]string{"k": "v"}})
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchOrg(b *testing.B, e *env) (*domain.Organisation, *domain.User) {
	b.Helper()
	ctx := context.Background()
	o, err := e.app.Operator().CreateOrganisation(ctx, domain.OrganisationUpdate{Name: "Bench"})
	if err != nil {
		b.Fatal(err)
	}
	u, err := e.app.Operator().CreateUser(ctx, o.ID, domain.NewUser{Email: "owner@bench.example", Name: "Owner", Role: domain.RoleOwner}, testPassword)
	if err != nil {
		b.Fatal(err)
	}
	return o, u
}
