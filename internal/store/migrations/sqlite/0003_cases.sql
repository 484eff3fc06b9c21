-- +goose Up
CREATE TABLE packages (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES organisations(id),
    version     INTEGER NOT NULL,
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    archived_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX packages_org ON packages(org_id, name);

-- Every version of every package, as cases saw it.
CREATE TABLE package_versions (
    package_id TEXT NOT NULL REFERENCES packages(id),
    org_id     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    definition TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (package_id, version)
);

-- A per-organisation secret for blind search indexes, encrypted under the
-- organisation's own data key.
CREATE TABLE org_search_keys (
    org_id  TEXT PRIMARY KEY REFERENCES organisations(id),
    key_enc BLOB NOT NULL
);

CREATE TABLE cases (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES organisations(id),
    subject_id      TEXT NOT NULL REFERENCES subjects(id),
    package_id      TEXT NOT NULL REFERENCES packages(id),
    package_version INTEGER NOT NULL,
    status          TEXT NOT NULL,
    phone_enc       BLOB,
    employee_no_enc BLOB,
    position        TEXT NOT NULL DEFAULT '',
    department      TEXT NOT NULL DEFAULT '',
    language        TEXT NOT NULL,
    handler_id      TEXT NOT NULL DEFAULT '',
    created_by      TEXT NOT NULL DEFAULT '',
    assurance       TEXT NOT NULL DEFAULT '',
    identity_ref    TEXT NOT NULL DEFAULT '',
    email_index     TEXT NOT NULL,
    link_hash       BLOB UNIQUE,
    link_enc        BLOB,
    link_expires_at INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    invited_at      INTEGER NOT NULL DEFAULT 0,
    submitted_at    INTEGER NOT NULL DEFAULT 0,
    closed_at       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cases_created ON cases(org_id, created_at, id);
CREATE INDEX cases_updated ON cases(org_id, updated_at, id);
CREATE INDEX cases_submitted ON cases(org_id, submitted_at, id);
CREATE INDEX cases_status ON cases(org_id, status, created_at, id);
CREATE INDEX cases_handler ON cases(org_id, handler_id, created_at, id);
CREATE INDEX cases_package ON cases(org_id, package_id, created_at, id);
CREATE INDEX cases_email ON cases(org_id, email_index);

-- Blind index of whole words of name, e-mail and employee number.
CREATE TABLE case_search (
    org_id  TEXT NOT NULL,
    term    TEXT NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    PRIMARY KEY (org_id, term, case_id)
);

CREATE TABLE case_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      TEXT NOT NULL,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    actor_type  TEXT NOT NULL,
    actor_label TEXT NOT NULL,
    action      TEXT NOT NULL,
    details     TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events(org_id, case_id, id);

CREATE TABLE consents (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL,
    case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    category     TEXT NOT NULL,
    given        INTEGER NOT NULL,
    text_version TEXT NOT NULL,
    at           INTEGER NOT NULL,
    withdrawn_at INTEGER NOT NULL DEFAULT 0,
    identity_ref TEXT NOT NULL DEFAULT '',
    ip           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consents_case ON consents(org_id, case_id, category);

-- +goose Down
DROP TABLE consents;
DROP TABLE case_events;
DROP TABLE case_search;
DROP TABLE cases;
DROP TABLE org_search_keys;
DROP TABLE package_versions;
DROP TABLE packages;
