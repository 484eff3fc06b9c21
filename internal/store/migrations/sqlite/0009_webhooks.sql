-- +goose Up
-- The organisation's event log: what an HR system learns by webhook and
-- can read back with a cursor. seq comes from event_heads under a row
-- lock, so within an organisation it grows in commit order and a reader
-- that remembers the last seq it saw never skips an event.
CREATE TABLE event_heads (
    org_id TEXT PRIMARY KEY,
    seq    INTEGER NOT NULL
);

CREATE TABLE events (
    org_id     TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    id         TEXT NOT NULL UNIQUE,
    type       TEXT NOT NULL,
    case_id    TEXT NOT NULL DEFAULT '',
    data       TEXT NOT NULL, -- ids, statuses and times only (webhook.Data)
    created_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, seq)
);

-- Endpoints receiving webhooks. Secrets are encrypted (app: webhookScope);
-- during a rotation the previous secret signs too until prev_secret_until.
CREATE TABLE webhook_endpoints (
    id                TEXT PRIMARY KEY,
    org_id            TEXT NOT NULL,
    url               TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    types             TEXT NOT NULL, -- space-separated event types
    secret_enc        BLOB NOT NULL,
    prev_secret_enc   BLOB,
    prev_secret_until INTEGER NOT NULL DEFAULT 0,
    enabled           INTEGER NOT NULL,
    created_by        TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX webhook_endpoints_org ON webhook_endpoints(org_id, created_at);

-- One event sent to one endpoint, with its retries; ids are time-ordered,
-- so the log pages by id.
CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL,
    endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    event_id         TEXT NOT NULL REFERENCES events(id),
    event_seq        INTEGER NOT NULL,
    event_type       TEXT NOT NULL,
    status           TEXT NOT NULL,
    manual           INTEGER NOT NULL DEFAULT 0,
    attempts         INTEGER NOT NULL DEFAULT 0,
    first_attempt_at INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL DEFAULT 0,
    last_status_code INTEGER NOT NULL DEFAULT 0,
    last_duration_ms INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT NOT NULL DEFAULT '',
    snippet          TEXT NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(org_id, endpoint_id, id);
CREATE INDEX webhook_deliveries_waiting ON webhook_deliveries(endpoint_id, status, event_seq);

CREATE TABLE webhook_attempts (
    delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
    n           INTEGER NOT NULL,
    org_id      TEXT NOT NULL,
    at          INTEGER NOT NULL,
    status_code INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    error       TEXT NOT NULL DEFAULT '',
    snippet     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (delivery_id, n)
);

-- +goose Down
DROP TABLE webhook_attempts;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_endpoints;
DROP TABLE events;
DROP TABLE event_heads;
