-- The action log becomes a hash-chained audit trail (AuditChain): rows written before this
-- migration are chained in id order by the Java step that follows this file.
-- mac: canonical MAC when a device is concerned. before_state / after_state: what it was and
-- what it became. note: the user's words.
ALTER TABLE action_log ADD COLUMN mac TEXT;
ALTER TABLE action_log ADD COLUMN before_state TEXT;
ALTER TABLE action_log ADD COLUMN after_state TEXT;
ALTER TABLE action_log ADD COLUMN note TEXT;
ALTER TABLE action_log ADD COLUMN prev_hash TEXT;
ALTER TABLE action_log ADD COLUMN hash TEXT;
CREATE INDEX action_log_by_mac ON action_log (mac, id);
CREATE INDEX action_log_by_time ON action_log (at);

-- Actions the user chose to queue while Kea or the switch was unreachable. Replayed in id
-- order with the same conflict checks. kind: e.g. lease-release, config-restore, approve.
-- payload: JSON for the replay handler. basis: the state the decision was based on.
-- state: pending, done, conflict, failed or cancelled.
CREATE TABLE offline_action (
    id          INTEGER PRIMARY KEY,
    queued_at   INTEGER NOT NULL,
    os_user     TEXT,
    host        TEXT,
    kind        TEXT NOT NULL,
    target      TEXT NOT NULL,
    payload     TEXT,
    basis       TEXT,
    note        TEXT,
    state       TEXT NOT NULL DEFAULT 'pending',
    resolved_at INTEGER,
    outcome     TEXT,
    audit_id    INTEGER REFERENCES action_log (id)
);
CREATE INDEX offline_action_by_state ON offline_action (state, id);
