-- Recording a lease list writes only what changed (issue 13). A device row is written when the
-- device is new, when its address, state, tier or hostname changes, and when it appears in or
-- leaves the lease list (its presence interval opens or closes). The time of the newest list is
-- kept once, in lease_refresh: a device present in that list was last seen then (read-time).
CREATE TABLE lease_refresh (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    at     INTEGER NOT NULL,   -- epoch ms of the newest lease list recorded
    number INTEGER NOT NULL,   -- lists recorded so far: "times seen" counts from it
    digest TEXT                -- SHA-256 of that list (LeaseListDigest), NULL after a partial update
);
INSERT INTO lease_refresh (id, at, number, digest)
SELECT 1, COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'snapshot_at'), (SELECT max(last_seen) FROM device), 0), 1, NULL
WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'snapshot_at') OR EXISTS (SELECT 1 FROM lease_snapshot);
DELETE FROM meta WHERE key = 'snapshot_at';

-- present_from: the refresh number at which the device's current presence interval opened, NULL
-- while it is absent. While present, last_seen and times_seen are completed at read time from
-- lease_refresh; when the interval closes they are written once.
ALTER TABLE device ADD COLUMN present_from INTEGER;
UPDATE device SET present_from = 1, times_seen = times_seen - 1
WHERE mac IN (SELECT mac FROM lease_snapshot WHERE mac IS NOT NULL);
