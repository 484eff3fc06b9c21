package jobs_test

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/jobs"
	"github.com/bgcheck/bgcheck/internal/store"
	"github.com/bgcheck/bgcheck/internal/store/storetest"
)

func enqueue(t *testing.T, db *store.DB, kind string, attempts int) string {
	t.Helper()
	var id string
	err := db.Write(context.Background(), func(tx *store.Tx) error {
		j, err := tx.Enqueue("", kind, []byte("p"), time.Time{}, attempts)
		if j != nil {
			id = j.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func job(t *testing.T, db *store.DB, id string) *store.Job {
	t.Helper()
	var j *store.Job
	if err := db.Read(context.Background(), func(tx *store.Tx) (err error) { j, err = tx.Job(id); return err }); err != nil {
		t.Fatal(err)
	}
	return j
}

func TestRunnerOutcomes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := jobs.NewRunner(db, slog.New(slog.DiscardHandler))
		calls := map[string]int{}
		r.Handle("ok", func(ctx context.Context, j *store.Job) error { calls["ok"]++; return nil })
		r.Handle("flaky", func(ctx context.Context, j *store.Job) error { calls["flaky"]++; return errors.New("try later") })
		r.Handle("broken", func(ctx context.Context, j *store.Job) error { return jobs.Permanent(errors.New("never")) })
		r.Handle("panics", func(ctx context.Context, j *store.Job) error { panic("bug") })

		ok, flaky, broken, panics, unknown := enqueue(t, db, "ok", 3), enqueue(t, db, "flaky", 3), enqueue(t, db, "broken", 3), enqueue(t, db, "panics", 1), enqueue(t, db, "nobody", 3)
		for {
			ran, err := r.RunOnce(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !ran {
				break
			}
		}
		if j := job(t, db, ok); j.Status != store.JobDone || calls["ok"] != 1 {
			t.Errorf("ok job: %s, %d calls", j.Status, calls["ok"])
		}
		if j := job(t, db, flaky); j.Status != store.JobQueued || !j.RunAt.After(db.Now()) || j.LastError != "try later" {
			t.Errorf("flaky job not rescheduled: %+v", j)
		}
		for _, id := range []string{broken, panics, unknown} {
			if j := job(t, db, id); j.Status != store.JobDead || j.LastError == "" {
				t.Errorf("job %s: %+v, want dead with a reason", id, j)
			}
		}
	})
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	prev := time.Duration(0)
	for a := 1; a <= 5; a++ {
		d := jobs.Backoff(a)
		if d <= prev/2 || d > 75*time.Minute {
			t.Fatalf("attempt %d: %v after %v", a, d, prev)
		}
		prev = d
	}
	if d := jobs.Backoff(50); d > 72*time.Minute || d < 48*time.Minute {
		t.Fatalf("cap: %v", d)
	}
}
