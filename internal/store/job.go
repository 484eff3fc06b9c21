package store

import (
	"time"
)

// Job statuses.
const (
	JobQueued  = "queued"
	JobRunning = "running"
	JobDone    = "done"
	JobDead    = "dead" // gave up after max attempts
)

// Job is one unit of durable background work: sending a mail now, analysis
// and webhooks later. Jobs are enqueued in the same transaction as the
// change that causes them, so a crash never loses or invents one.
type Job struct {
	ID          string
	OrgID       string
	Kind        string
	Payload     []byte
	Status      string
	Attempts    int
	MaxAttempts int
	RunAt       time.Time
	LockedBy    string
	LockedUntil time.Time
	LastError   string
	CreatedAt   time.Time
	FinishedAt  time.Time
}

const jobColumns = `id, org_id, kind, payload, status, attempts, max_attempts, run_at, locked_by, locked_until, last_error, created_at, finished_at`

func scanJob(s scanner) (*Job, error) {
	var j Job
	var runAt, locked, created, finished int64
	err := s.Scan(&j.ID, &j.OrgID, &j.Kind, &j.Payload, &j.Status, &j.Attempts, &j.MaxAttempts, &runAt, &j.LockedBy, &locked, &j.LastError, &created, &finished)
	if err != nil {
		return nil, err
	}
	j.RunAt, j.LockedUntil, j.CreatedAt, j.FinishedAt = fromMS(runAt), fromMS(locked), fromMS(created), fromMS(finished)
	return &j, nil
}

// Enqueue adds a job that becomes due at runAt (now when zero).
func (tx *Tx) Enqueue(orgID, kind string, payload []byte, runAt time.Time, maxAttempts int) (*Job, error) {
	if runAt.IsZero() {
		runAt = tx.Now
	}
	if payload == nil {
		payload = []byte{}
	}
	if maxAttempts <= 0 {
		maxAttempts = 10
	}
	j := &Job{ID: NewID(), OrgID: orgID, Kind: kind, Payload: payload, Status: JobQueued, MaxAttempts: maxAttempts, RunAt: runAt, CreatedAt: tx.Now}
	_, err := tx.exec(`INSERT INTO jobs (id, org_id, kind, payload, status, max_attempts, run_at, created_at) VALUES (?,?,?,?,?,?,?,?)`,
		j.ID, orgID, kind, payload, JobQueued, maxAttempts, ms(runAt), ms(tx.Now))
	if err != nil {
		return nil, err
	}
	return j, nil
}

// ClaimJob takes the next due job and leases it to worker until the lease
// ends. A job whose lease ran out (its worker died) is due again. It
// returns a not-found error when nothing is due.
func (tx *Tx) ClaimJob(worker string, lease time.Duration) (*Job, error) {
	lock := ""
	if tx.dialect == Postgres {
		// Several processes claim concurrently; each skips rows another holds.
		lock = " FOR UPDATE SKIP LOCKED"
	}
	now := ms(tx.Now)
	j, err := scanJob(tx.queryRow(`UPDATE jobs SET status = ?, locked_by = ?, locked_until = ?, attempts = attempts + 1
		WHERE id = (SELECT id FROM jobs WHERE (status = ? AND run_at <= ?) OR (status = ? AND locked_until <= ?)
		            ORDER BY run_at, id LIMIT 1`+lock+`)
		RETURNING `+jobColumns,
		JobRunning, worker, ms(tx.Now.Add(lease)), JobQueued, now, JobRunning, now))
	return j, notFound(err, "job")
}

// CompleteJob marks a job done. It fails with not-found when the worker no
// longer holds the lease.
func (tx *Tx) CompleteJob(id, worker string) error {
	return tx.execOne("job lease", `UPDATE jobs SET status = ?, finished_at = ?, locked_until = 0, last_error = '' WHERE id = ? AND locked_by = ? AND status = ?`,
		JobDone, ms(tx.Now), id, worker, JobRunning)
}

// FailJob records a failed attempt. With retryAt set the job is queued
// again for then; otherwise it is dead.
func (tx *Tx) FailJob(id, worker, reason string, retryAt time.Time) error {
	if retryAt.IsZero() {
		return tx.execOne("job lease", `UPDATE jobs SET status = ?, finished_at = ?, locked_until = 0, last_error = ? WHERE id = ? AND locked_by = ? AND status = ?`,
			JobDead, ms(tx.Now), reason, id, worker, JobRunning)
	}
	return tx.execOne("job lease", `UPDATE jobs SET status = ?, run_at = ?, locked_until = 0, last_error = ? WHERE id = ? AND locked_by = ? AND status = ?`,
		JobQueued, ms(retryAt), reason, id, worker, JobRunning)
}

// Job returns one job.
func (tx *Tx) Job(id string) (*Job, error) {
	j, err := scanJob(tx.queryRow(`SELECT `+jobColumns+` FROM jobs WHERE id = ?`, id))
	return j, notFound(err, "job")
}

// Jobs lists jobs of a kind, newest first; an empty kind lists all.
func (tx *Tx) Jobs(kind string, limit int) ([]*Job, error) {
	q, args := `SELECT `+jobColumns+` FROM jobs`, []any{}
	if kind != "" {
		q, args = q+` WHERE kind = ?`, append(args, kind)
	}
	rows, err := tx.query(q+` ORDER BY created_at DESC, id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanJob)
}

// ScrubJobPayload replaces a finished job's payload, so secrets it carried
// (an invitation link in a mail) do not outlive their use.
func (tx *Tx) ScrubJobPayload(id string, payload []byte) error {
	return tx.execOne("job", `UPDATE jobs SET payload = ? WHERE id = ?`, payload, id)
}
