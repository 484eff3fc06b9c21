-- +goose Up
-- Records of a company's contact with a subject's employer (aviation
-- guidance: date, company, contact person and confirmed period), kept
-- encrypted under the subject's key.
CREATE TABLE employer_contacts (
    id         TEXT PRIMARY KEY,
    org_id     TEXT NOT NULL,
    case_id    TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    data_enc   BLOB NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX employer_contacts_case ON employer_contacts(org_id, case_id);

-- +goose Down
DROP TABLE employer_contacts;
