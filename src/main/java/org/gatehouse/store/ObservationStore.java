package org.gatehouse.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;

/**
 * What Gatehouse saw in Kea: per device the first and last time, and a history row whenever its
 * address, state, tier or hostname changed. Also the last full lease list, for offline screens.
 * A device present in the newest list was last seen at that list's time: that time is stored once
 * ({@code lease_refresh}) and joined in at read time, so recording an unchanged list writes one row.
 */
public final class ObservationStore {
    private final Database db;
    /** Device and history rows copied in SQL from the stored list (DerivedDeviceRows); false: bound one by one. */
    private final boolean copyRowsInSql;

    public ObservationStore(Database db) {
        this(db, true);
    }

    /** For the tests that hold the two ways of writing device rows to each other. */
    ObservationStore(Database db, boolean copyRowsInSql) {
        this.db = db;
        this.copyRowsInSql = copyRowsInSql;
    }

    /** A device as the cache knows it. */
    public record Device(Mac mac, Instant firstSeen, Instant lastSeen, String lastIp, String lastHostname,
                         Tier lastTier, int timesSeen) {
    }

    /** One change in a device's lease. */
    public record HistoryEntry(Instant at, String ip, long subnetId, String state, Tier tier, String hostname, Instant expires) {
    }

    /** Counts of what one observation changed in the cache. */
    public record Recorded(int newDevices, int changes, int seen) {
    }

    /**
     * Records one full lease list in one transaction, writing only what differs from the stored
     * list: an identical list (same digest) writes one row, the newest refresh time. Devices are
     * written when new, when their current lease's address, state, tier or hostname changed
     * (with a history row), and when they appear in or leave the list.
     */
    public Recorded record(List<ClassifiedLease> leases, Instant at) {
        // With no digest to compare (a new cache), the digest is hashed on a thread of its own while the whole list is
        // written: SHA-256 of 50,000 leases is ~90 ms of a command's CPU. With one, it is waited for before the write
        // lock is taken, so that other writers do not wait for the hashing.
        DigestOnTheSide digest = DigestOnTheSide.start(leases);
        ObservationWriter.Refresh newest = db.read(ObservationWriter::refresh);
        if (newest != null && newest.digest() != null) {
            digest.get();
        }
        return db.write(c -> {
            ObservationWriter w = ObservationWriter.begin(c, at);
            if (w.previousDigest() != null && w.previousDigest().equals(digest.get())) {
                w.finish(w.previousDigest());
                return new Recorded(0, 0, leases.size());
            }
            Map<String, SnapshotRow> stored = new HashMap<>(leases.size() * 2);
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT ip, mac, hostname, subnet_id, state, cltt, valid_lft, tier FROM lease_snapshot")) {
                while (rs.next()) {
                    stored.put(rs.getString(1), new SnapshotRow(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5),
                            rs.getLong(6), rs.getLong(7), rs.getString(8)));
                }
            }
            List<ObservationWriter.Row> rows = new ArrayList<>(leases.size());
            List<ObservationWriter.Row> upserts = new ArrayList<>();
            Set<String> left = new HashSet<>();
            Set<String> addresses = new HashSet<>(leases.size() * 2);
            boolean oneLeasePerAddress = true;
            for (ClassifiedLease cl : leases) {
                ObservationWriter.Row r = ObservationWriter.Row.of(cl);
                rows.add(r);
                oneLeasePerAddress &= addresses.add(r.ip());
                SnapshotRow old = stored.isEmpty() ? null : stored.remove(r.ip());
                if (old != null && SnapshotRow.of(r).equals(old)) {
                    continue;
                }
                upserts.add(r);
                if (old != null && old.mac() != null) {
                    left.add(old.mac());
                }
            }
            for (SnapshotRow old : stored.values()) {
                if (old.mac() != null) {
                    left.add(old.mac());
                }
            }
            // Each device's current lease is then a row of the stored list, which the device and history rows are
            // copied from (DerivedDeviceRows); a list naming one address twice keeps only one of them there.
            Recorded r = w.apply(upserts, stored.keySet(), left, macs -> ObservationWriter.currentIn(rows, macs),
                    copyRowsInSql && oneLeasePerAddress);
            w.finish(digest.get());
            return new Recorded(r.newDevices(), r.changes(), leases.size());
        });
    }

    /** The snapshot table's row for one lease, for comparing without rewriting. */
    private record SnapshotRow(String mac, String hostname, long subnetId, int state, long cltt, long validLft, String tier) {
        static SnapshotRow of(ObservationWriter.Row r) {
            Lease l = r.cl().lease();
            return new SnapshotRow(r.mac(), l.hostname(), l.subnetId(), l.state().code(), l.cltt(), l.validLifetime(), r.cl().tier().label());
        }
    }

    /**
     * Records what changed since the last {@link #record} or {@code recordChanges} of this lease
     * list, in one transaction: {@code upserts} are leases that are new or differ, {@code gone}
     * the addresses whose lease disappeared. Devices and history are updated as {@link #record}
     * does; every device still in the list is seen at {@code at} without its row being written.
     * A live screen calls this every refresh.
     */
    public Recorded recordChanges(List<ClassifiedLease> upserts, List<Ipv4> gone, Instant at) {
        return db.write(c -> {
            ObservationWriter w = ObservationWriter.begin(c, at);
            if (upserts.isEmpty() && gone.isEmpty()) {
                w.finish(w.previousDigest());
                return new Recorded(0, 0, 0);
            }
            List<String> goneIps = gone.stream().map(Ipv4::toString).toList();
            List<ObservationWriter.Row> rows = upserts.stream().map(ObservationWriter.Row::of).toList();
            List<String> touched = new ArrayList<>(goneIps);
            rows.forEach(r -> touched.add(r.ip()));
            Set<String> left = w.macsAt(touched);
            Recorded r = w.apply(rows, goneIps, left, w::currentFromSnapshot, copyRowsInSql); // from the stored list: always in it
            w.finish(null); // the stored list no longer matches a digest we know
            return r;
        });
    }

    /** The last lease list recorded, with the time it was seen; empty if none was ever recorded. */
    public Optional<Snapshot> lastSnapshot() {
        return db.read(c -> {
            ObservationWriter.Refresh refresh = ObservationWriter.refresh(c);
            if (refresh == null) {
                return Optional.empty();
            }
            List<Snapshot.Row> rows = new ArrayList<>();
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT ip, mac, hostname, subnet_id, state, cltt, valid_lft, tier FROM lease_snapshot")) {
                while (rs.next()) {
                    ClassifiedLease cl = ObservationWriter.snapshotRow(rs);
                    rows.add(new Snapshot.Row(cl.lease(), cl.tier()));
                }
            }
            return Optional.of(new Snapshot(Instant.ofEpochMilli(refresh.at()), rows));
        });
    }

    /** A lease list as recorded at {@code at}. */
    public record Snapshot(Instant at, List<Row> rows) {
        public record Row(Lease lease, Tier tier) {
        }
    }

    /**
     * A device's columns after its MAC, with last seen and times seen completed from the newest
     * refresh while the device is in it (its presence interval is open).
     */
    private static final String DEVICE_COLUMNS = """
            d.first_seen, CASE WHEN d.present_from IS NULL THEN d.last_seen ELSE r.at END, d.last_ip, d.last_hostname, d.last_tier,
            d.times_seen + CASE WHEN d.present_from IS NULL THEN 0 ELSE r.number - d.present_from + 1 END
            FROM device d LEFT JOIN lease_refresh r ON r.id = 1""";

    private static Device device(Mac mac, ResultSet rs) throws SQLException {
        return new Device(mac, Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4), rs.getString(5),
                StoredValues.tier(rs.getString(6)), rs.getInt(7));
    }

    public Optional<Device> device(Mac mac) {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT d.mac, " + DEVICE_COLUMNS + " WHERE d.mac = ?")) {
                q.setString(1, mac.toString());
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(device(mac, rs));
                }
            }
        });
    }

    /** Every device the cache knows, by MAC, for joining "first seen" into lease tables. */
    public Map<Mac, Device> devices() {
        return db.read(c -> {
            Map<Mac, Device> out = new HashMap<>();
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT d.mac, " + DEVICE_COLUMNS)) {
                while (rs.next()) {
                    Mac mac = StoredValues.mac(rs.getString(1));
                    out.put(mac, device(mac, rs));
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
