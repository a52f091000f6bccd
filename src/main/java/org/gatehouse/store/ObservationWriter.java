package org.gatehouse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;

/**
 * One recording of a lease list, inside the caller's write transaction: applies the rows that
 * differ to the stored list, then updates only the devices those rows concern (new device,
 * changed address/state/tier/hostname, presence opened or closed). The newest refresh time is
 * written once, in {@code lease_refresh}, so an unchanged list costs one row.
 */
final class ObservationWriter {
    /** Above this many devices to look at, one scan of the device table beats point queries. */
    private static final int SCAN_ABOVE = 2_000;

    /** A device's current lease, when it holds several: the most recently taken, then the highest address. */
    static final Comparator<ClassifiedLease> CURRENT = Comparator.comparingLong((ClassifiedLease cl) -> cl.lease().cltt())
            .thenComparing(cl -> cl.lease().ip());

    /** A lease with its address and MAC spelled once, as the tables store them (MAC null: no device). */
    record Row(ClassifiedLease cl, String ip, String mac) {
        static Row of(ClassifiedLease cl) {
            Lease l = cl.lease();
            return new Row(cl, l.ip().toString(), l.mac() == null ? null : l.mac().toString());
        }
    }

    /** The newest recorded list: when, how many lists so far, its digest (null when unknown). */
    record Refresh(long at, long number, String digest) {
    }

    /** What the device table holds about a device, for deciding whether anything changed. */
    private record Known(String ip, long subnet, String hostname, String state, String tier, Long presentFrom) {
    }

    /** Looks up the current lease of each MAC in {@code macs} (absent: the device has no lease now). */
    @FunctionalInterface
    interface CurrentLeases {
        Map<String, ClassifiedLease> of(Set<String> macs) throws SQLException;
    }

    private final Connection c;
    private final long at;
    private final Refresh previous;
    private final long number;

    private ObservationWriter(Connection c, long at, Refresh previous) {
        this.c = c;
        this.at = at;
        this.previous = previous;
        this.number = previous == null ? 1 : previous.number() + 1;
    }

    static ObservationWriter begin(Connection c, Instant at) throws SQLException {
        return new ObservationWriter(c, at.toEpochMilli(), refresh(c));
    }

    static Refresh refresh(Connection c) throws SQLException {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT at, number, digest FROM lease_refresh WHERE id = 1")) {
            return rs.next() ? new Refresh(rs.getLong(1), rs.getLong(2), rs.getString(3)) : null;
        }
    }

    String previousDigest() {
        return previous == null ? null : previous.digest();
    }

    /** Stores this refresh as the newest: the one row every recording writes. */
    void finish(String digest) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("INSERT OR REPLACE INTO lease_refresh (id, at, number, digest) VALUES (1, ?, ?, ?)")) {
            u.setLong(1, at);
            u.setLong(2, number);
            u.setString(3, digest);
            u.executeUpdate();
        }
    }

    /**
     * Writes {@code upserts} and deletes {@code gone} in the stored list, then brings every device
     * concerned up to date: the MACs of the upserts and {@code leftMacs} (who held a replaced or
     * deleted row). {@code current} gives their lease after the change. {@code inStoredList}: each
     * lease {@code current} gives is the stored list's row for its address, so the device and history
     * rows are copied from there in SQL ({@link DerivedDeviceRows}) rather than bound one by one.
     */
    ObservationStore.Recorded apply(List<Row> upserts, Collection<String> gone, Set<String> leftMacs,
                                    CurrentLeases current, boolean inStoredList) throws SQLException {
        writeSnapshot(upserts, gone);
        Set<String> affected = new HashSet<>(leftMacs);
        for (Row r : upserts) {
            if (r.mac() != null) {
                affected.add(r.mac());
            }
        }
        if (affected.isEmpty()) {
            return new ObservationStore.Recorded(0, 0, upserts.size());
        }
        List<String> inOrder = new ArrayList<>(affected);
        Collections.sort(inOrder); // MAC order: the device key grows in place
        Map<String, ClassifiedLease> now = current.of(affected);
        Map<String, Known> known = known(affected);
        int fresh = 0;
        int changes = 0;
        DerivedDeviceRows derived = inStoredList ? new DerivedDeviceRows(c, at, number) : null;
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO device (mac, first_seen, last_seen, last_ip, last_subnet, last_hostname, last_state, last_tier, times_seen,
                  present_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""");
             PreparedStatement update = c.prepareStatement("UPDATE device SET last_ip = ?, last_subnet = ?, last_hostname = ?,"
                     + " last_state = ?, last_tier = ?, present_from = ? WHERE mac = ?");
             PreparedStatement close = c.prepareStatement("UPDATE device SET last_seen = ?, times_seen = times_seen + ? - present_from + 1,"
                     + " present_from = NULL WHERE mac = ? AND present_from IS NOT NULL");
             PreparedStatement history = c.prepareStatement(
                     "INSERT INTO lease_history (mac, at, ip, subnet_id, state, tier, hostname, expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (String mac : inOrder) {
                ClassifiedLease cl = now.get(mac);
                Known before = known.get(mac);
                if (cl == null) {
                    if (before != null && before.presentFrom() != null) {
                        // Gone from the list: last seen in the previous one, which still held it.
                        close.setLong(1, previous == null ? at : previous.at());
                        close.setLong(2, previous == null ? number - 1 : previous.number());
                        close.setString(3, mac);
                        close.addBatch();
                    }
                    continue;
                }
                Lease l = cl.lease();
                Known seen = new Known(l.ip().toString(), l.subnetId(), l.hostname(), l.state().label(), cl.tier().label(),
                        before == null || before.presentFrom() == null ? Long.valueOf(number) : before.presentFrom());
                boolean historyDue = before == null || !sameLease(before, seen);
                fresh += before == null ? 1 : 0;
                changes += historyDue ? 1 : 0;
                if (derived != null) {
                    derived.add(before == null, before != null && !seen.equals(before), historyDue, seen.ip());
                    continue;
                }
                if (before == null) {
                    insert.setString(1, mac);
                    insert.setLong(2, at);
                    insert.setLong(3, at);
                    bind(insert, 4, seen);
                    insert.setLong(9, number);
                    insert.addBatch();
                } else if (!seen.equals(before)) {
                    bind(update, 1, seen);
                    update.setLong(6, seen.presentFrom());
                    update.setString(7, mac);
                    update.addBatch();
                }
                if (historyDue) {
                    history.setString(1, mac);
                    history.setLong(2, at);
                    history.setString(3, seen.ip());
                    history.setLong(4, seen.subnet());
                    history.setString(5, seen.state());
                    history.setString(6, seen.tier());
                    history.setString(7, seen.hostname());
                    history.setLong(8, l.expires().toEpochMilli());
                    history.addBatch();
                }
            }
            insert.executeBatch();
            update.executeBatch();
            close.executeBatch();
            history.executeBatch();
        }
        if (derived != null) {
            derived.write();
        }
        return new ObservationStore.Recorded(fresh, changes, upserts.size());
    }

    /** A history row is due when the address, state, tier or hostname changed. */
    private static boolean sameLease(Known a, Known b) {
        // Objects.equals: rows from older schemas may lack a state or tier.
        return Objects.equals(a.ip(), b.ip()) && Objects.equals(a.state(), b.state()) && Objects.equals(a.tier(), b.tier())
                && Objects.equals(a.hostname(), b.hostname());
    }

    /** Binds ip, subnet, hostname, state, tier from parameter {@code from} on. */
    private static void bind(PreparedStatement p, int from, Known k) throws SQLException {
        p.setString(from, k.ip());
        p.setLong(from + 1, k.subnet());
        p.setString(from + 2, k.hostname());
        p.setString(from + 3, k.state());
        p.setString(from + 4, k.tier());
    }

    private Map<String, Known> known(Set<String> macs) throws SQLException {
        Map<String, Known> out = new HashMap<>(macs.size() * 2);
        String columns = "SELECT mac, last_ip, last_subnet, last_hostname, last_state, last_tier, present_from FROM device";
        if (macs.size() > SCAN_ABOVE) {
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery(columns)) {
                while (rs.next()) {
                    if (macs.contains(rs.getString(1))) {
                        out.put(rs.getString(1), known(rs));
                    }
                }
            }
            return out;
        }
        try (PreparedStatement q = c.prepareStatement(columns + " WHERE mac = ?")) {
            for (String mac : macs) {
                q.setString(1, mac);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        out.put(mac, known(rs));
                    }
                }
            }
        }
        return out;
    }

    private static Known known(ResultSet rs) throws SQLException {
        long presentFrom = rs.getLong(7);
        Long present = rs.wasNull() ? null : presentFrom;
        return new Known(rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6), present);
    }

    private void writeSnapshot(List<Row> upserts, Collection<String> gone) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement(
                // An upsert, not INSERT OR REPLACE: a changed row is rewritten in place, not deleted and inserted.
                """
                INSERT INTO lease_snapshot (ip, mac, hostname, subnet_id, state, cltt, valid_lft, tier) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (ip) DO UPDATE SET mac = excluded.mac, hostname = excluded.hostname, subnet_id = excluded.subnet_id,
                  state = excluded.state, cltt = excluded.cltt, valid_lft = excluded.valid_lft, tier = excluded.tier""");
             PreparedStatement del = c.prepareStatement("DELETE FROM lease_snapshot WHERE ip = ?")) {
            for (String ip : gone) {
                del.setString(1, ip);
                del.addBatch();
            }
            del.executeBatch();
            for (Row r : upserts) {
                Lease l = r.cl().lease();
                ins.setString(1, r.ip());
                ins.setString(2, r.mac());
                ins.setString(3, l.hostname());
                ins.setLong(4, l.subnetId());
                ins.setInt(5, l.state().code());
                ins.setLong(6, l.cltt());
                ins.setLong(7, l.validLifetime());
                ins.setString(8, r.cl().tier().label());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /** The MACs that held these addresses in the stored list, before the change. */
    Set<String> macsAt(Collection<String> ips) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement q = c.prepareStatement("SELECT mac FROM lease_snapshot WHERE ip = ? AND mac IS NOT NULL")) {
            for (String ip : ips) {
                q.setString(1, ip);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Current leases read back from the stored list (after {@link #writeSnapshot}): for partial
     * updates. The list has no index by MAC (it would cost every full recording more than it
     * saves here): a few hundred MACs per scan, or one scan filtered here for many.
     */
    Map<String, ClassifiedLease> currentFromSnapshot(Set<String> macs) throws SQLException {
        Map<String, ClassifiedLease> out = new HashMap<>();
        String select = "SELECT ip, mac, hostname, subnet_id, state, cltt, valid_lft, tier FROM lease_snapshot";
        if (macs.size() > SCAN_ABOVE) {
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery(select + " WHERE mac IS NOT NULL")) {
                while (rs.next()) {
                    if (macs.contains(rs.getString(2))) {
                        out.merge(rs.getString(2), snapshotRow(rs), ObservationWriter::newer);
                    }
                }
            }
            return out;
        }
        List<String> all = List.copyOf(macs);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            try (PreparedStatement q = c.prepareStatement(select + " WHERE mac IN (" + "?,".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    q.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.merge(rs.getString(2), snapshotRow(rs), ObservationWriter::newer);
                    }
                }
            }
        }
        return out;
    }

    private static ClassifiedLease newer(ClassifiedLease a, ClassifiedLease b) {
        return CURRENT.compare(a, b) >= 0 ? a : b;
    }

    /** One stored list row (columns ip, mac, hostname, subnet_id, state, cltt, valid_lft, tier) as a lease. */
    static ClassifiedLease snapshotRow(ResultSet rs) throws SQLException {
        String mac = rs.getString(2);
        Lease l = new Lease(StoredValues.ip(rs.getString(1)), mac == null ? null : StoredValues.mac(mac), rs.getString(3), rs.getLong(4),
                LeaseState.ofCode(rs.getInt(5)), rs.getLong(6), rs.getLong(7));
        return new ClassifiedLease(l, StoredValues.tier(rs.getString(8)), null);
    }

    /** Current leases from a whole list: for each MAC in {@code macs}, its {@link #CURRENT} lease. */
    static Map<String, ClassifiedLease> currentIn(List<Row> rows, Set<String> macs) {
        Map<String, ClassifiedLease> out = new HashMap<>(macs.size() * 2);
        boolean all = macs.size() * 2 >= rows.size(); // a new cache or list: no need to ask
        for (Row r : rows) {
            if (r.mac() != null && (all || macs.contains(r.mac()))) {
                out.merge(r.mac(), r.cl(), ObservationWriter::newer);
            }
        }
        return out;
    }
}
