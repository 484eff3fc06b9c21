-- +goose Up
-- Indexes for the auditor's filters, ending in seq so the newest matching
-- entries come straight off the index.
DROP INDEX audit_log_action;
CREATE INDEX audit_log_action ON audit_log(org_id, action, seq);
CREATE INDEX audit_log_actor ON audit_log(org_id, actor_id, seq);
CREATE INDEX audit_log_target ON audit_log(org_id, target_id, seq);
CREATE INDEX audit_log_subject ON audit_log(org_id, subject_id, seq);

-- +goose Down
DROP INDEX audit_log_subject;
DROP INDEX audit_log_target;
DROP INDEX audit_log_actor;
DROP INDEX audit_log_action;
CREATE INDEX audit_log_action ON audit_log(org_id, action);
