-- +goose Up
-- One run of the rules over a case; re-runs add rows, so every result
-- stays traceable to the rule-set version it ran with.
CREATE TABLE analyses (
    id               TEXT PRIMARY KEY,
    org_id           TEXT NOT NULL,
    case_id          TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    rule_version     TEXT NOT NULL,
    recommendation   TEXT NOT NULL,
    coverage_from    TEXT NOT NULL DEFAULT '',
    coverage_to      TEXT NOT NULL DEFAULT '',
    next_recheck     TEXT NOT NULL DEFAULT '',
    valid_until      TEXT NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL
);
CREATE INDEX analyses_case ON analyses(org_id, case_id, created_at);

CREATE TABLE findings (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    analysis_id TEXT NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    finding_key TEXT NOT NULL,
    rule        TEXT NOT NULL,
    category    TEXT NOT NULL,
    severity    TEXT NOT NULL,
    evidence    TEXT NOT NULL,
    params      TEXT NOT NULL
);
CREATE INDEX findings_analysis ON findings(org_id, analysis_id);

-- A company's resolution of a finding, kept by the finding's stable key so
-- it survives re-analysis of unchanged data.
CREATE TABLE finding_resolutions (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    finding_key TEXT NOT NULL,
    note_enc    BLOB NOT NULL,
    resolved_by TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX finding_resolutions_case ON finding_resolutions(org_id, case_id, finding_key);

-- +goose Down
DROP TABLE finding_resolutions;
DROP TABLE findings;
DROP TABLE analyses;
