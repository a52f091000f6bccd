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

    /**
     * Records one full lease list in one transaction. Rows are written in MAC order (the device
     * key and the history index then grow at the end instead of at random places), and the
     * offline snapshot only rewrites the leases that changed, which is most of a refresh's cost
     * saved when, as usual, little changed since the last one.
     */
    public Recorded record(List<ClassifiedLease> leases, Instant at) {
        long now = at.toEpochMilli();
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
                    upsert.setString(1, mac);
                    upsert.setLong(2, now);
                    upsert.setLong(3, now);
                    upsert.setString(4, now2.ip());
                    upsert.setLong(5, l.subnetId());
                    upsert.setString(6, l.hostname());
                    upsert.setString(7, now2.state());
                    upsert.setString(8, now2.tier());
                    upsert.addBatch();
                    if (before == null) {
                        fresh++;
                    }
                    if (!Objects.equals(before, now2)) {
                        changes++;
                        history.setString(1, mac);
                        history.setLong(2, now);
                        history.setString(3, now2.ip());
                        history.setLong(4, l.subnetId());
                        history.setString(5, now2.state());
                        history.setString(6, now2.tier());
                        history.setString(7, l.hostname());
                        history.setLong(8, l.expires().toEpochMilli());
                        history.addBatch();
                    }
                    known.put(mac, now2);
                }
                upsert.executeBatch();
                history.executeBatch();
            }
            replaceSnapshot(c, leases, now);
            return new Recorded(fresh, changes, leases.size());
        });
    }

    /** Makes lease_snapshot equal to {@code leases}: changed rows rewritten, unchanged ones untouched, gone ones deleted. */
    private static void replaceSnapshot(java.sql.Connection c, List<ClassifiedLease> leases, long at) throws SQLException {
        java.util.Set<String> stale = new java.util.HashSet<>();
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ip FROM lease_snapshot")) {
            while (rs.next()) {
                stale.add(rs.getString(1));
            }
        }
        try (PreparedStatement ins = c.prepareStatement("""
                INSERT INTO lease_snapshot (ip, mac, hostname, subnet_id, state, cltt, valid_lft, tier) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(ip) DO UPDATE SET mac = excluded.mac, hostname = excluded.hostname, subnet_id = excluded.subnet_id,
                  state = excluded.state, cltt = excluded.cltt, valid_lft = excluded.valid_lft, tier = excluded.tier
                WHERE (mac, hostname, subnet_id, state, cltt, valid_lft, tier) IS NOT
                  (excluded.mac, excluded.hostname, excluded.subnet_id, excluded.state, excluded.cltt, excluded.valid_lft, excluded.tier)""")) {
            for (ClassifiedLease cl : leases) {
                Lease l = cl.lease();
                String ip = l.ip().toString();
                stale.remove(ip);
                ins.setString(1, ip);
                ins.setString(2, l.mac() == null ? null : l.mac().toString());
                ins.setString(3, l.hostname());
                ins.setLong(4, l.subnetId());
                ins.setInt(5, l.state().code());
                ins.setLong(6, l.cltt());
                ins.setLong(7, l.validLifetime());
                ins.setString(8, cl.tier().label());
                ins.addBatch();
            }
            ins.executeBatch();
        }
        if (!stale.isEmpty()) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM lease_snapshot WHERE ip = ?")) {
                for (String ip : stale) {
                    del.setString(1, ip);
                    del.addBatch();
                }
                del.executeBatch();
            }
        }
        try (PreparedStatement meta = c.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES ('snapshot_at', ?)")) {
            meta.setString(1, Long.toString(at));
            meta.executeUpdate();
        }
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
