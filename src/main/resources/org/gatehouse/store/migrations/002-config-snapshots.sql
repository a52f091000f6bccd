-- The Kea configuration as it was right before each write Gatehouse made (and on demand).
CREATE TABLE config_snapshot (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,      -- epoch ms
    endpoint  TEXT NOT NULL,         -- the Kea it came from
    hash      TEXT,                  -- Kea's config hash (2.4+) or our SHA-256 of the JSON
    reason    TEXT NOT NULL,         -- e.g. "before approve f0:18:98:00:00:01"
    config    TEXT NOT NULL          -- the config-get arguments, JSON
);
CREATE INDEX config_snapshot_by_time ON config_snapshot (at);
