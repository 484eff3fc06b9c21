-- +goose Up
-- What the subject declares in the wizard, encrypted under their key.
CREATE TABLE case_data (
    case_id    TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    org_id     TEXT NOT NULL,
    data_enc   BYTEA NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Pending MitID sign-ins: state → case, with nonce and PKCE verifier
-- encrypted. Rows live for minutes.
CREATE TABLE subject_logins (
    state_hash BYTEA PRIMARY KEY,
    org_id     TEXT NOT NULL,
    case_id    TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    login_enc  BYTEA NOT NULL,
    expires_at BIGINT NOT NULL
);

-- One-time codes for subjects without MitID.
CREATE TABLE subject_codes (
    case_id    TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    org_id     TEXT NOT NULL,
    code_hash  BYTEA NOT NULL,
    attempts   BIGINT NOT NULL DEFAULT 0,
    expires_at BIGINT NOT NULL
);

CREATE TABLE subject_sessions (
    id_hash      BYTEA PRIMARY KEY,
    org_id       TEXT NOT NULL,
    case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    subject_id   TEXT NOT NULL,
    csrf_token   TEXT NOT NULL,
    assurance    TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX subject_sessions_case ON subject_sessions(case_id);

ALTER TABLE documents ADD COLUMN case_id TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN step TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN kind TEXT NOT NULL DEFAULT '';
CREATE INDEX documents_case ON documents(org_id, case_id);

-- +goose Down
DROP INDEX documents_case;
ALTER TABLE documents DROP COLUMN kind;
ALTER TABLE documents DROP COLUMN step;
ALTER TABLE documents DROP COLUMN case_id;
DROP TABLE subject_sessions;
DROP TABLE subject_codes;
DROP TABLE subject_logins;
DROP TABLE case_data;
