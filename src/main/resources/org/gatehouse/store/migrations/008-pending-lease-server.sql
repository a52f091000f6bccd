-- Owed lease deletions name the Kea server they are owed to (issue 16): a deletion that failed on
-- server2 is retried on server2 only. The server is its endpoint as the connection names it
-- ('' when not recorded: one server, or a row from before, retried as before).
CREATE TABLE pending_lease_delete_v8 (
    mac        TEXT NOT NULL,
    ip         TEXT NOT NULL,
    server     TEXT NOT NULL DEFAULT '',
    subnet_id  INTEGER,
    since      INTEGER NOT NULL,      -- epoch ms
    attempts   INTEGER NOT NULL DEFAULT 1,
    last_error TEXT,
    PRIMARY KEY (mac, ip, server)
);
INSERT INTO pending_lease_delete_v8 (mac, ip, server, subnet_id, since, attempts, last_error)
SELECT mac, ip, '', subnet_id, since, attempts, last_error FROM pending_lease_delete;
DROP TABLE pending_lease_delete;
ALTER TABLE pending_lease_delete_v8 RENAME TO pending_lease_delete;
