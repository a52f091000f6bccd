-- MACs Gatehouse blocked on a switch (one row per block; unblocked_at set when lifted).
-- endpoint is ssh://user@host[:port]: never a password.
CREATE TABLE switch_block (
    id           INTEGER PRIMARY KEY,
    endpoint     TEXT NOT NULL,
    mac          TEXT NOT NULL,
    mode         TEXT NOT NULL,      -- 'acl' or 'blackhole'
    acl          INTEGER,            -- MAC ACL number (mode acl)
    rule         INTEGER,            -- rule id Gatehouse chose (mode acl)
    vlan         INTEGER,            -- VLAN of the blackhole entry (mode blackhole)
    blocked_at   INTEGER NOT NULL,   -- epoch ms
    blocked_by   TEXT,
    note         TEXT,
    unblocked_at INTEGER,
    unblocked_by TEXT
);
CREATE INDEX switch_block_active ON switch_block (endpoint, mac) WHERE unblocked_at IS NULL;

-- Where a MAC was last found (SNMP or the CLI), for offline answers and history.
CREATE TABLE switch_location (
    id          INTEGER PRIMARY KEY,
    mac         TEXT NOT NULL,
    at          INTEGER NOT NULL,
    vlan        INTEGER,
    bridge_port INTEGER,
    if_index    INTEGER,
    port        TEXT,
    source      TEXT NOT NULL
);
CREATE INDEX switch_location_by_mac ON switch_location (mac, at);

-- Interfaces on which Gatehouse applied its ACL inbound (the "install ACL" action).
CREATE TABLE switch_acl_install (
    endpoint     TEXT NOT NULL,
    acl          INTEGER NOT NULL,
    interface    TEXT NOT NULL,
    installed_at INTEGER NOT NULL,
    installed_by TEXT,
    PRIMARY KEY (endpoint, acl, interface)
);
