-- +goose Up
-- Organisations' keys for the REST API. Only a SHA-256 hash of the secret
-- is kept; the key's id is part of the key itself, so a lookup needs no
-- index on the hash.
CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organisations(id),
    name         TEXT NOT NULL,
    scopes       TEXT NOT NULL,
    secret_hash  BLOB NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER NOT NULL DEFAULT 0,
    revoked_at   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX api_keys_org ON api_keys(org_id, created_at);

-- Responses to POST requests sent with an Idempotency-Key, kept 24 hours.
-- The primary key makes a concurrent duplicate fail to insert instead of
-- running twice; status 0 marks a request still running.
CREATE TABLE api_idempotency (
    org_id       TEXT NOT NULL,
    key_id       TEXT NOT NULL,
    idem_key     TEXT NOT NULL,
    request      TEXT NOT NULL,
    body_hash    BLOB NOT NULL,
    status       INTEGER NOT NULL DEFAULT 0,
    content_type TEXT NOT NULL DEFAULT '',
    response     BLOB,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (org_id, key_id, idem_key)
);
CREATE INDEX api_idempotency_created ON api_idempotency(org_id, created_at);

-- +goose Down
DROP TABLE api_idempotency;
DROP TABLE api_keys;
