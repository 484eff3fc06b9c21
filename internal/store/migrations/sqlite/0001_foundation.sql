-- +goose Up
-- Times are Unix milliseconds (UTC) in both dialects so that comparisons
-- and ordering behave the same everywhere.

CREATE TABLE organisations (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    cvr        TEXT NOT NULL DEFAULT '',
    address    TEXT NOT NULL DEFAULT '',
    dpo_name   TEXT NOT NULL DEFAULT '',
    dpo_email  TEXT NOT NULL DEFAULT '',
    dpo_phone  TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES organisations(id),
    email           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL,
    status          TEXT NOT NULL,
    password_hash   TEXT NOT NULL DEFAULT '',
    password_set_at INTEGER NOT NULL DEFAULT 0,
    totp_secret     BLOB,
    totp_enabled_at INTEGER NOT NULL DEFAULT 0,
    totp_last_step  INTEGER NOT NULL DEFAULT 0,
    last_login_at   INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX users_org ON users(org_id, email);

CREATE TABLE recovery_codes (
    id        TEXT PRIMARY KEY,
    org_id    TEXT NOT NULL REFERENCES organisations(id),
    user_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash BLOB NOT NULL,
    used_at   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);

CREATE TABLE invitations (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations(id),
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash  BLOB NOT NULL UNIQUE,
    invited_by  TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    accepted_at INTEGER NOT NULL DEFAULT 0,
    revoked_at  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX invitations_user ON invitations(user_id);

CREATE TABLE sessions (
    id_hash      BLOB PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organisations(id),
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    stage        TEXT NOT NULL,
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

-- Failed sign-in attempts, counted per account and per IP address.
CREATE TABLE login_failures (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    scope_key TEXT NOT NULL,
    at        INTEGER NOT NULL
);
CREATE INDEX login_failures_scope ON login_failures(scope_key, at);

CREATE TABLE subjects (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organisations(id),
    name_enc   BLOB,
    email_enc  BLOB,
    cpr_enc    BLOB,
    cpr_masked TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    erased_at  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX subjects_org ON subjects(org_id, created_at);

CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organisations(id),
    subject_id   TEXT NOT NULL REFERENCES subjects(id),
    blob_id      TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    name_enc     BLOB,
    sha256_enc   BLOB,
    created_at   INTEGER NOT NULL
);
CREATE INDEX documents_subject ON documents(org_id, subject_id);

-- The audit log: append-only, one hash chain per organisation.
CREATE TABLE audit_log (
    org_id      TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    actor_type  TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_label TEXT NOT NULL,
    action      TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    subject_id  TEXT NOT NULL,
    ip          TEXT NOT NULL,
    request_id  TEXT NOT NULL,
    details     TEXT NOT NULL,
    personal    BLOB,
    prev_hash   BLOB NOT NULL,
    hash        BLOB NOT NULL,
    PRIMARY KEY (org_id, seq)
);
CREATE INDEX audit_log_action ON audit_log(org_id, action);
CREATE INDEX audit_log_at ON audit_log(org_id, at);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- The head of each organisation's chain; updating it serialises appends.
CREATE TABLE audit_heads (
    org_id TEXT PRIMARY KEY,
    seq    INTEGER NOT NULL,
    hash   BLOB NOT NULL
);

-- The durable job queue (mail now; analysis, webhooks and retention later).
CREATE TABLE jobs (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL,
    payload      BLOB NOT NULL,
    status       TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    run_at       INTEGER NOT NULL,
    locked_by    TEXT NOT NULL DEFAULT '',
    locked_until INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX jobs_ready ON jobs(status, run_at);

-- +goose Down
DROP TABLE jobs;
DROP TABLE audit_heads;
DROP TABLE audit_log;
DROP TABLE documents;
DROP TABLE subjects;
DROP TABLE login_failures;
DROP TABLE sessions;
DROP TABLE invitations;
DROP TABLE recovery_codes;
DROP TABLE users;
DROP TABLE organisations;
