-- Devices seen in Kea's leases: one row per MAC, updated on every observation.
CREATE TABLE device (
    mac           TEXT PRIMARY KEY,
    first_seen    INTEGER NOT NULL,   -- epoch ms
    last_seen     INTEGER NOT NULL,
    last_ip       TEXT,
    last_subnet   INTEGER,
    last_hostname TEXT,
    last_state    TEXT,
    last_tier     TEXT,
    times_seen    INTEGER NOT NULL DEFAULT 1
);

-- One row each time a device's address, state or tier changed (and when first seen).
CREATE TABLE lease_history (
    id        INTEGER PRIMARY KEY,
    mac       TEXT NOT NULL,
    at        INTEGER NOT NULL,
    ip        TEXT NOT NULL,
    subnet_id INTEGER,
    state     TEXT,
    tier      TEXT,
    hostname  TEXT,
    expires   INTEGER
);
CREATE INDEX lease_history_by_mac ON lease_history (mac, at);
CREATE INDEX lease_history_by_ip ON lease_history (ip, at);

-- The last full lease list seen, so that a screen can open "as of T" with Kea down.
CREATE TABLE lease_snapshot (
    ip        TEXT PRIMARY KEY,
    mac       TEXT,
    hostname  TEXT,
    subnet_id INTEGER,
    state     INTEGER,
    cltt      INTEGER,
    valid_lft INTEGER,
    tier      TEXT
);

-- Every action taken through Gatehouse, successful or not.
CREATE TABLE action_log (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    os_user TEXT,
    host    TEXT,
    action  TEXT NOT NULL,
    target  TEXT,
    detail  TEXT,
    result  TEXT NOT NULL
);
CREATE INDEX action_log_by_target ON action_log (target, at);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);
