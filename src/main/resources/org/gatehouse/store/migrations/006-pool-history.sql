-- Pool utilisation over time, one row per pool and time bucket. Written once per minute bucket
-- (the bucket's last figures, its peak); thinned to one row per hour (average and peak) after
-- 2 days and deleted after 90 (PoolSamples). at: the bucket's start, epoch ms. tier: 0 registered,
-- 1 newly-unregistered, 2 old-unregistered, 3 other (a number: 300,000 rows for 60 pools).
CREATE TABLE pool_sample (
    subnet_id INTEGER NOT NULL,
    tier      INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    size      INTEGER NOT NULL,
    used      INTEGER NOT NULL,
    peak      INTEGER NOT NULL,
    hourly    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (subnet_id, tier, at)
) WITHOUT ROWID;

-- Devices waiting for a decision, per minute bucket (thinned as pool_sample).
CREATE TABLE queue_sample (
    at     INTEGER PRIMARY KEY,
    length INTEGER NOT NULL,
    peak   INTEGER NOT NULL,
    hourly INTEGER NOT NULL DEFAULT 0
);

-- The leases as the last sample saw them, to tell renewals, releases and expiries apart.
CREATE TABLE activity_lease (
    ip        TEXT PRIMARY KEY,
    mac       TEXT,
    subnet_id INTEGER,
    tier      TEXT,
    cltt      INTEGER,
    expires   INTEGER,      -- epoch s
    state     INTEGER
) WITHOUT ROWID;

-- What happened to leases, one row per event (new-device, lease, renewal, release, expiry);
-- kept 15 minutes for the per-device anomaly checks (a full 60 s pool renews every 30 s),
-- counted per hour and kind in activity_hour for 90 days.
CREATE TABLE lease_event (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    mac       TEXT,
    ip        TEXT,
    subnet_id INTEGER,
    tier      TEXT
);
CREATE INDEX lease_event_by_kind ON lease_event (kind, at);

CREATE TABLE activity_hour (
    hour  INTEGER NOT NULL,   -- epoch ms of the hour's start
    kind  TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (hour, kind)
) WITHOUT ROWID;

-- Anomalies as they were found (kept 90 days). kind: excessive-leases, rapid-renewals,
-- pool-warning, pool-critical, new-device-burst. mac is null for pool and tier anomalies.
CREATE TABLE anomaly (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    mac       TEXT,
    subnet_id INTEGER,
    tier      TEXT,
    count     INTEGER NOT NULL,
    detail    TEXT
);
CREATE INDEX anomaly_by_time ON anomaly (at);
