-- Lease deletions that failed after a reservation was written (approve): retried, never dropped.
CREATE TABLE pending_lease_delete (
    mac        TEXT NOT NULL,
    ip         TEXT NOT NULL,
    subnet_id  INTEGER,
    since      INTEGER NOT NULL,      -- epoch ms
    attempts   INTEGER NOT NULL DEFAULT 1,
    last_error TEXT,
    PRIMARY KEY (mac, ip)
);

-- Leases on services that must not run twice against one cache (the aging service).
CREATE TABLE service_lock (
    name   TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until  INTEGER NOT NULL           -- epoch ms; a lock past this time is free
);
