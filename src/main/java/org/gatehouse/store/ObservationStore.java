package org.gatehouse.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;

/**
 * What Gatehouse saw in Kea: per device the first and last time, and a history row whenever its
 * address, state or tier changed. Also the last full lease list, for offline screens.
 */
public final class ObservationStore {
    private final Database db;

    public ObservationStore(Database db) {
        this.db = db;
    }

    /** A device as the cache knows it. */
    public record Device(Mac mac, Instant firstSeen, Instant lastSeen, String lastIp, String lastHostname,
                         Tier lastTier, int timesSeen) {
    }

    /** One change in a device's lease. */
    public record HistoryEntry(Instant at, String ip, long subnetId, String state, Tier tier, String hostname, Instant expires) {
    }

    private record Seen(String ip, String state, String tier) {
    }

    /** Counts of what one observation changed in the cache. */
    public record Recorded(int newDevices, int changes, int seen) {
    }

    /** Records one full lease list in one transaction; every device in it gets {@code last_seen = at}. */
    public Recorded record(List<ClassifiedLease> leases, Instant at) {
        return record(leases, at, java.time.Duration.ZERO);
    }

    /**
     * Records one full lease list in one transaction. Devices whose address, state and tier did
     * not change get {@code last_seen = at} only when their last sighting is at least
     * {@code resolution} old: with a resolution of a minute, commands run in a row do not rewrite
     * 50,000 device rows each.
     */
    public Recorded record(List<ClassifiedLease> leases, Instant at, java.time.Duration resolution) {
        long now = at.toEpochMilli();
        long touchBefore = now - resolution.toMillis();
        // In MAC order: the device key and the history index then grow at the end instead of at random places.
        List<ClassifiedLease> byMac = new ArrayList<>(leases.size());
        for (ClassifiedLease cl : leases) {
            if (cl.lease().mac() != null) {
                byMac.add(cl);
            }
        }
        byMac.sort(java.util.Comparator.comparing((ClassifiedLease cl) -> cl.lease().mac()));
        return db.write(c -> {
            Map<String, Seen> known = new HashMap<>();
            try (PreparedStatement q = c.prepareStatement("SELECT mac, last_ip, last_state, last_tier FROM device");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    known.put(rs.getString(1), new Seen(rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            int fresh = 0;
            int changes = 0;
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO device (mac, first_seen, last_seen, last_ip, last_subnet, last_hostname, last_state, last_tier)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(mac) DO UPDATE SET last_seen = excluded.last_seen, last_ip = excluded.last_ip,
                      last_subnet = excluded.last_subnet, last_hostname = excluded.last_hostname,
                      last_state = excluded.last_state, last_tier = excluded.last_tier, times_seen = times_seen + 1""");
                 PreparedStatement history = c.prepareStatement(
                         "INSERT INTO lease_history (mac, at, ip, subnet_id, state, tier, hostname, expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ClassifiedLease cl : byMac) {
                    Lease l = cl.lease();
                    String mac = l.mac().toString();
                    Seen before = known.get(mac);
                    Seen now2 = new Seen(l.ip().toString(), l.state().label(), cl.tier().label());
                    if (before != null && before.equals(now2)) {
                        // Unchanged: only "last seen" moves, for all such devices at once below.
                        continue;
                    }
                    bindDevice(upsert, mac, l, now2, now);
                    upsert.addBatch();
                    if (before == null) {
                        fresh++;
                    }
                    if (!Objects.equals(before, now2)) {
                        changes++;
                        bindHistory(history, mac, l, now2, now);
                        history.addBatch();
                    }
                    known.put(mac, now2);
                }
                upsert.executeBatch();
                history.executeBatch();
            }
            replaceSnapshot(c, leases, now);
            touchSnapshotDevices(c, now, touchBefore);
            return new Recorded(fresh, changes, leases.size());
        });
    }

    /**
     * Every device in the last lease list whose last sighting is older than {@code at} (and not
     * newer than {@code before}) was seen again: one statement, not one per device.
     */
    private static void touchSnapshotDevices(java.sql.Connection c, long at, long before) throws SQLException {
        try (PreparedStatement touch = c.prepareStatement("UPDATE device SET last_seen = ?, times_seen = times_seen + 1"
                + " WHERE last_seen < ? AND last_seen <= ? AND mac IN (SELECT mac FROM lease_snapshot WHERE mac IS NOT NULL)")) {
            touch.setLong(1, at);
            touch.setLong(2, at);
            touch.setLong(3, before);
            touch.executeUpdate();
        }
    }

    /** The snapshot table's row for one lease, for comparing without rewriting. */
    private record SnapshotRow(String mac, String hostname, long subnetId, int state, long cltt, long validLft, String tier) {
        static SnapshotRow of(ClassifiedLease cl) {
            Lease l = cl.lease();
            return new SnapshotRow(l.mac() == null ? null : l.mac().toString(), l.hostname(), l.subnetId(), l.state().code(), l.cltt(),
                    l.validLifetime(), cl.tier().label());
        }
    }

    /** Makes the last lease list equal to {@code leases}, writing only the rows that differ. */
    private static void replaceSnapshot(java.sql.Connection c, List<ClassifiedLease> leases, long at) throws SQLException {
        Map<String, SnapshotRow> stored = new HashMap<>();
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT ip, mac, hostname, subnet_id, state, cltt, valid_lft, tier FROM lease_snapshot")) {
            while (rs.next()) {
                stored.put(rs.getString(1), new SnapshotRow(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5),
                        rs.getLong(6), rs.getLong(7), rs.getString(8)));
            }
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT OR REPLACE INTO lease_snapshot (ip, mac, hostname, subnet_id, state, cltt, valid_lft, tier) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement del = c.prepareStatement("DELETE FROM lease_snapshot WHERE ip = ?")) {
            for (ClassifiedLease cl : leases) {
                String ip = cl.lease().ip().toString();
                SnapshotRow row = SnapshotRow.of(cl);
                if (row.equals(stored.remove(ip))) {
                    continue;
                }
                ins.setString(1, ip);
                ins.setString(2, row.mac());
                ins.setString(3, row.hostname());
                ins.setLong(4, row.subnetId());
                ins.setInt(5, row.state());
                ins.setLong(6, row.cltt());
                ins.setLong(7, row.validLft());
                ins.setString(8, row.tier());
                ins.addBatch();
            }
            ins.executeBatch();
            for (String ip : stored.keySet()) {
                del.setString(1, ip);
                del.addBatch();
            }
            del.executeBatch();
        }
        try (PreparedStatement meta = c.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES ('snapshot_at', ?)")) {
            meta.setString(1, Long.toString(at));
            meta.executeUpdate();
        }
    }

    /**
     * Records what changed since the last {@link #record} or {@code recordChanges} of this lease
     * list, in one transaction: {@code upserts} are leases that are new or differ, {@code gone}
     * the addresses whose lease disappeared. Devices and history are updated as {@link #record}
     * does for the upserted leases; with {@code touchAll}, every device in the (now current) last
     * lease list also gets {@code last_seen = at}. A live screen calls this every refresh and
     * touches all devices only now and then, so that a quiet 50,000-lease site writes almost nothing.
     */
    public Recorded recordChanges(List<ClassifiedLease> upserts, List<Ipv4> gone, Instant at, boolean touchAll) {
        long now = at.toEpochMilli();
        return db.write(c -> {
            int fresh = 0;
            int changes = 0;
            try (PreparedStatement known = c.prepareStatement("SELECT last_ip, last_state, last_tier FROM device WHERE mac = ?");
                 PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO device (mac, first_seen, last_seen, last_ip, last_subnet, last_hostname, last_state, last_tier)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(mac) DO UPDATE SET last_seen = excluded.last_seen, last_ip = excluded.last_ip,
                      last_subnet = excluded.last_subnet, last_hostname = excluded.last_hostname,
                      last_state = excluded.last_state, last_tier = excluded.last_tier, times_seen = times_seen + 1""");
                 PreparedStatement history = c.prepareStatement(
                         "INSERT INTO lease_history (mac, at, ip, subnet_id, state, tier, hostname, expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement delete = c.prepareStatement("DELETE FROM lease_snapshot WHERE ip = ?");
                 PreparedStatement snapshot = c.prepareStatement(
                         "INSERT OR REPLACE INTO lease_snapshot (ip, mac, hostname, subnet_id, state, cltt, valid_lft, tier) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Ipv4 ip : gone) {
                    delete.setString(1, ip.toString());
                    delete.addBatch();
                }
                delete.executeBatch();
                Map<String, Seen> seenNow = new HashMap<>();
                for (ClassifiedLease cl : upserts) {
                    Lease l = cl.lease();
                    snapshot.setString(1, l.ip().toString());
                    snapshot.setString(2, l.mac() == null ? null : l.mac().toString());
                    snapshot.setString(3, l.hostname());
                    snapshot.setLong(4, l.subnetId());
                    snapshot.setInt(5, l.state().code());
                    snapshot.setLong(6, l.cltt());
                    snapshot.setLong(7, l.validLifetime());
                    snapshot.setString(8, cl.tier().label());
                    snapshot.addBatch();
                    if (l.mac() == null) {
                        continue;
                    }
                    String mac = l.mac().toString();
                    Seen before = seenNow.get(mac);
                    if (before == null) {
                        known.setString(1, mac);
                        try (ResultSet rs = known.executeQuery()) {
                            before = rs.next() ? new Seen(rs.getString(1), rs.getString(2), rs.getString(3)) : null;
                        }
                    }
                    Seen now2 = new Seen(l.ip().toString(), l.state().label(), cl.tier().label());
                    bindDevice(upsert, mac, l, now2, now);
                    upsert.executeUpdate();
                    if (before == null) {
                        fresh++;
                    }
                    if (!Objects.equals(before, now2)) {
                        changes++;
                        bindHistory(history, mac, l, now2, now);
                        history.addBatch();
                    }
                    seenNow.put(mac, now2);
                }
                snapshot.executeBatch();
                history.executeBatch();
            }
            if (touchAll) {
                touchSnapshotDevices(c, now, now);
            }
            try (PreparedStatement meta = c.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES ('snapshot_at', ?)")) {
                meta.setString(1, Long.toString(now));
                meta.executeUpdate();
            }
            return new Recorded(fresh, changes, upserts.size());
        });
    }

    /** Binds one device row (insert or update of first/last seen and its current lease). */
    private static void bindDevice(PreparedStatement upsert, String mac, Lease l, Seen seen, long now) throws SQLException {
        upsert.setString(1, mac);
        upsert.setLong(2, now);
        upsert.setLong(3, now);
        upsert.setString(4, seen.ip());
        upsert.setLong(5, l.subnetId());
        upsert.setString(6, l.hostname());
        upsert.setString(7, seen.state());
        upsert.setString(8, seen.tier());
    }

    /** Binds one history row: the device's address, state or tier changed (or it is new). */
    private static void bindHistory(PreparedStatement history, String mac, Lease l, Seen seen, long now) throws SQLException {
        history.setString(1, mac);
        history.setLong(2, now);
        history.setString(3, seen.ip());
        history.setLong(4, l.subnetId());
        history.setString(5, seen.state());
        history.setString(6, seen.tier());
        history.setString(7, l.hostname());
        history.setLong(8, l.expires().toEpochMilli());
    }

    /** The last lease list recorded, with the time it was seen; empty if none was ever recorded. */
    public Optional<Snapshot> lastSnapshot() {
        return db.read(c -> {
            Instant at;
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'snapshot_at'")) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                at = Instant.ofEpochMilli(Long.parseLong(rs.getString(1)));
            }
            List<Snapshot.Row> rows = new ArrayList<>();
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT ip, mac, hostname, subnet_id, state, cltt, valid_lft, tier FROM lease_snapshot")) {
                while (rs.next()) {
                    String mac = rs.getString(2);
                    Lease l = new Lease(Ipv4.parse(rs.getString(1)), mac == null ? null : Mac.parse(mac), rs.getString(3),
                            rs.getLong(4), LeaseState.ofCode(rs.getInt(5)), rs.getLong(6), rs.getLong(7));
                    rows.add(new Snapshot.Row(l, Tier.parse(rs.getString(8))));
                }
            }
            return Optional.of(new Snapshot(at, rows));
        });
    }

    /** A lease list as recorded at {@code at}. */
    public record Snapshot(Instant at, List<Row> rows) {
        public record Row(Lease lease, Tier tier) {
        }
    }

    public Optional<Device> device(Mac mac) {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT first_seen, last_seen, last_ip, last_hostname, last_tier, times_seen FROM device WHERE mac = ?")) {
                q.setString(1, mac.toString());
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Device(mac, Instant.ofEpochMilli(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getString(3), rs.getString(4), Tier.parse(rs.getString(5)), rs.getInt(6)));
                }
            }
        });
    }

    /** Every device the cache knows, by MAC, for joining "first seen" into lease tables. */
    public Map<Mac, Device> devices() {
        return db.read(c -> {
            Map<Mac, Device> out = new HashMap<>();
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT mac, first_seen, last_seen, last_ip, last_hostname, last_tier, times_seen FROM device")) {
                while (rs.next()) {
                    Mac mac = Mac.parse(rs.getString(1));
                    out.put(mac, new Device(mac, Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getString(4), rs.getString(5), Tier.parse(rs.getString(6)), rs.getInt(7)));
                }
            }
            return out;
        });
    }

    /** Every recorded change of one device, oldest first. */
    public List<HistoryEntry> history(Mac mac) {
        return db.read(c -> {
            List<HistoryEntry> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT at, ip, subnet_id, state, tier, hostname, expires FROM lease_history WHERE mac = ? ORDER BY at, id")) {
                q.setString(1, mac.toString());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new HistoryEntry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getLong(3), rs.getString(4),
                                Tier.parse(rs.getString(5)), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7))));
                    }
                }
            }
            return out;
        });
    }
}
