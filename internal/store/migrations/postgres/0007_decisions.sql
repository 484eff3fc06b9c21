-- +goose Up
-- A reviewer's decision on a case. With four-eyes review a second
-- reviewer confirms it before it takes effect; a decision can be reopened
-- with a reason. The reasons are kept encrypted under the subject's key.
CREATE TABLE case_decisions (
    id                 TEXT PRIMARY KEY,
    org_id             TEXT NOT NULL,
    case_id            TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    outcome            TEXT NOT NULL CHECK (outcome IN ('approved', 'rejected')),
    reason_enc         BYTEA NOT NULL,
    decided_by         TEXT NOT NULL,
    decided_label      TEXT NOT NULL,
    decided_at         BIGINT NOT NULL,
    four_eyes          BIGINT NOT NULL DEFAULT 0,
    confirmed_by       TEXT NOT NULL DEFAULT '',
    confirmed_label    TEXT NOT NULL DEFAULT '',
    confirmed_at       BIGINT NOT NULL DEFAULT 0,
    reopened_by        TEXT NOT NULL DEFAULT '',
    reopened_label     TEXT NOT NULL DEFAULT '',
    reopened_at        BIGINT NOT NULL DEFAULT 0,
    reopen_reason_enc  BYTEA
);
CREATE INDEX case_decisions_case ON case_decisions(org_id, case_id, decided_at);

-- Reports issued for a case: the document id printed in the report and
-- the checksums that let a copy be verified later. They hold no personal
-- data and outlive the case, so an inspector's copy stays verifiable
-- after the case's data is deleted.
CREATE TABLE case_reports (
    document_id      TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL,
    case_id          TEXT NOT NULL,
    content_sha256   TEXT NOT NULL,
    file_sha256      TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE INDEX case_reports_case ON case_reports(org_id, case_id);

-- +goose Down
DROP TABLE case_reports;
DROP TABLE case_decisions;
