package app

import (
	"context"
	"time"

	"github.com/bgcheck/bgcheck/internal/auth"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// Sweep removes expired sessions and login failures that no longer count,
// and moves cases whose link ran out before the subject submitted to
// expired (the company can send a new invitation).
func (a *App) Sweep(ctx context.Context) error {
	return a.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.DeleteExpiredSessions(domain.SessionIdleTimeout); err != nil {
			return err
		}
		if _, err := tx.PruneLoginFailures(auth.WindowStart(tx.Now)); err != nil {
			return err
		}
		expired, err := tx.ExpiredCases(500)
		if err != nil {
			return err
		}
		system := domain.Actor{Type: domain.ActorSystem, Label: "system"}
		for _, c := range expired {
			if err := tx.SetCaseStatus(c.OrgID, c.ID, domain.CaseExpired); err != nil {
				return err
			}
			if err := tx.DeleteCaseSessions(c.OrgID, c.ID); err != nil {
				return err
			}
			if err := tx.AddCaseEvent(c.OrgID, c.ID, system, "case.expired", nil); err != nil {
				return err
			}
		}
		return nil
	})
}

// Every runs fn now and then every interval until ctx ends, logging
// failures; it is how the server schedules sweeps and checkpoints.
func (a *App) Every(ctx context.Context, interval time.Duration, name string, fn func(context.Context) error) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := fn(ctx); err != nil && ctx.Err() == nil {
			a.Log.Error("periodic task failed", "task", name, "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
