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
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES organisations(id),
    email           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL,
    status          TEXT NOT NULL,
    password_hash   TEXT NOT NULL DEFAULT '',
    password_set_at BIGINT NOT NULL DEFAULT 0,
    totp_secret     BYTEA,
    totp_enabled_at BIGINT NOT NULL DEFAULT 0,
    totp_last_step  BIGINT NOT NULL DEFAULT 0,
    last_login_at   BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX users_org ON users(org_id, email);

CREATE TABLE recovery_codes (
    id        TEXT PRIMARY KEY,
    org_id    TEXT NOT NULL REFERENCES organisations(id),
    user_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash BYTEA NOT NULL,
    used_at   BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);

CREATE TABLE invitations (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations(id),
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash  BYTEA NOT NULL UNIQUE,
    invited_by  TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    accepted_at BIGINT NOT NULL DEFAULT 0,
    revoked_at  BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX invitations_user ON invitations(user_id);

CREATE TABLE sessions (
    id_hash      BYTEA PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organisations(id),
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    stage        TEXT NOT NULL,
    csrf_token   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

-- Failed sign-in attempts, counted per account and per IP address.
CREATE TABLE login_failures (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope_key TEXT NOT NULL,
    at        BIGINT NOT NULL
);
CREATE INDEX login_failures_scope ON login_failures(scope_key, at);

CREATE TABLE subjects (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL REFERENCES organisations(id),
    name_enc   BYTEA,
    email_enc  BYTEA,
    cpr_enc    BYTEA,
    cpr_masked TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    erased_at  BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX subjects_org ON subjects(org_id, created_at);

CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES organisations(id),
    subject_id   TEXT NOT NULL REFERENCES subjects(id),
    blob_id      TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    name_enc     BYTEA,
    sha256_enc   BYTEA,
    created_at   BIGINT NOT NULL
);
CREATE INDEX documents_subject ON documents(org_id, subject_id);

-- The audit log: append-only, one hash chain per organisation.
CREATE TABLE audit_log (
    org_id      TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    at          BIGINT NOT NULL,
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
    personal    BYTEA,
    prev_hash   BYTEA NOT NULL,
    hash        BYTEA NOT NULL,
    PRIMARY KEY (org_id, seq)
);
CREATE INDEX audit_log_action ON audit_log(org_id, action);
CREATE INDEX audit_log_at ON audit_log(org_id, at);

-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
-- The application role needs only INSERT and SELECT; see README "PostgreSQL".
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;

-- The head of each organisation's chain; updating it serialises appends.
CREATE TABLE audit_heads (
    org_id TEXT PRIMARY KEY,
    seq    BIGINT NOT NULL,
    hash   BYTEA NOT NULL
);

-- The durable job queue (mail now; analysis, webhooks and retention later).
CREATE TABLE jobs (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL,
    payload      BYTEA NOT NULL,
    status       TEXT NOT NULL,
    attempts     BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL,
    run_at       BIGINT NOT NULL,
    locked_by    TEXT NOT NULL DEFAULT '',
    locked_until BIGINT NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL,
    finished_at  BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX jobs_ready ON jobs(status, run_at);

-- +goose Down
DROP TABLE jobs;
DROP TABLE audit_heads;
DROP TABLE audit_log;
DROP FUNCTION audit_log_append_only();
DROP TABLE documents;
DROP TABLE subjects;
DROP TABLE login_failures;
DROP TABLE sessions;
DROP TABLE invitations;
DROP TABLE recovery_codes;
DROP TABLE users;
DROP TABLE organisations;
