package org.gatehouse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What happened to leases between two looks at Kea: a device seen for the first time, a lease
 * taken, renewed, released (gone before its expiry) or expired. The comparison runs against the
 * previous look stored in the cache, inside one write transaction, so a console and a {@code sync}
 * sharing the cache never count the same renewal twice. Events are kept {@link #EVENTS_KEPT} (the
 * per-device checks need them) and counted per hour and kind for {@link PoolSamples#KEPT}.
 */
public final class LeaseEvents {
    public static final Duration EVENTS_KEPT = Duration.ofMinutes(15);
    public static final String NEW_DEVICE = "new-device";
    public static final String LEASE = "lease";
    public static final String RENEWAL = "renewal";
    public static final String RELEASE = "release";
    public static final String EXPIRY = "expiry";
    static final String LAST_LOOK = "activity_at";

    private final Database db;

    public LeaseEvents(Database db) {
        this.db = db;
    }

    /** A lease as seen now. {@code state}: Kea's code (0 assigned, 1 declined, 2 expired-reclaimed). */
    public record Seen(String ip, String mac, long subnetId, String tier, long cltt, long expires, int state) {
    }

    public record Event(long at, String kind, String mac, String ip, long subnetId, String tier) {
    }

    /**
     * Compares {@code leases} with the previous look and records the differences as events. The
     * first look ever records none: it is the baseline, not 5,000 arrivals.
     */
    public List<Event> observe(List<Seen> leases, Instant at) {
        long now = at.toEpochMilli();
        return db.write(c -> {
            String last = CacheMaintenance.meta(c, LAST_LOOK);
            Map<String, Seen> before = previous(c);
            List<Event> events = new ArrayList<>();
            List<Seen> changed = new ArrayList<>();
            Set<String> knownMacs = new HashSet<>();
            before.values().forEach(s -> knownMacs.add(s.mac()));
            for (Seen s : leases) {
                Seen old = before.remove(s.ip());
                if (s.equals(old)) {
                    continue;
                }
                changed.add(s);
                if (last == null) {
                    continue;
                }
                if (old == null || !Objects.equals(old.mac(), s.mac())) {
                    if (old != null && old.state() == 0) {
                        events.add(gone(old, now));
                    }
                    if (s.mac() != null && !knownMacs.contains(s.mac()) && firstSeenSince(c, s.mac(), Long.parseLong(last))) {
                        events.add(new Event(now, NEW_DEVICE, s.mac(), s.ip(), s.subnetId(), s.tier()));
                        knownMacs.add(s.mac());
                    }
                    if (s.state() == 0) {
                        events.add(new Event(now, LEASE, s.mac(), s.ip(), s.subnetId(), s.tier()));
                    }
                } else if (s.state() == 2 && old.state() == 0) {
                    events.add(new Event(now, EXPIRY, s.mac(), s.ip(), s.subnetId(), s.tier()));
                } else if (s.state() == 0 && old.state() != 0) {
                    events.add(new Event(now, LEASE, s.mac(), s.ip(), s.subnetId(), s.tier()));
                } else if (s.state() == 0 && s.cltt() > old.cltt()) {
                    events.add(new Event(now, RENEWAL, s.mac(), s.ip(), s.subnetId(), s.tier()));
                }
            }
            if (last != null) {
                for (Seen old : before.values()) {
                    if (old.state() == 0) {
                        events.add(gone(old, now));
                    }
                }
            }
            store(c, changed, before.keySet(), events);
            CacheMaintenance.setMeta(c, LAST_LOOK, Long.toString(now));
            return events;
        });
    }

    /** A lease that went: expired if its time was up when we looked, else released (or deleted). */
    private static Event gone(Seen old, long now) {
        return new Event(now, old.expires() * 1000 <= now ? EXPIRY : RELEASE, old.mac(), old.ip(), old.subnetId(), old.tier());
    }

    private static Map<String, Seen> previous(Connection c) throws SQLException {
        Map<String, Seen> out = new HashMap<>();
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT ip, mac, subnet_id, tier, cltt, expires, state FROM activity_lease")) {
            while (rs.next()) {
                out.put(rs.getString(1), new Seen(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
                        rs.getLong(6), rs.getInt(7)));
            }
        }
        return out;
    }

    /**
     * True when the cache first saw {@code mac} at or after the last look (or has not recorded it
     * yet): a device that comes back after a gap is not new.
     */
    private static boolean firstSeenSince(Connection c, String mac, long lastLook) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT first_seen FROM device WHERE mac = ?")) {
            q.setString(1, mac);
            try (ResultSet rs = q.executeQuery()) {
                return !rs.next() || rs.getLong(1) >= lastLook;
            }
        }
    }

    private static void store(Connection c, List<Seen> changed, Set<String> gone, List<Event> events) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(
                "INSERT OR REPLACE INTO activity_lease (ip, mac, subnet_id, tier, cltt, expires, state) VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement del = c.prepareStatement("DELETE FROM activity_lease WHERE ip = ?");
             PreparedStatement ev = c.prepareStatement("INSERT INTO lease_event (at, kind, mac, ip, subnet_id, tier) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement hour = c.prepareStatement("""
                     INSERT INTO activity_hour (hour, kind, count) VALUES (?, ?, 1)
                     ON CONFLICT (hour, kind) DO UPDATE SET count = count + 1""")) {
            for (Seen s : changed) {
                up.setString(1, s.ip());
                up.setString(2, s.mac());
                up.setLong(3, s.subnetId());
                up.setString(4, s.tier());
                up.setLong(5, s.cltt());
                up.setLong(6, s.expires());
                up.setInt(7, s.state());
                up.addBatch();
            }
            up.executeBatch();
            for (String ip : gone) {
                del.setString(1, ip);
                del.addBatch();
            }
            del.executeBatch();
            for (Event e : events) {
                ev.setLong(1, e.at());
                ev.setString(2, e.kind());
                ev.setString(3, e.mac());
                ev.setString(4, e.ip());
                ev.setLong(5, e.subnetId());
                ev.setString(6, e.tier());
                ev.addBatch();
                hour.setLong(1, e.at() / PoolSamples.HOUR * PoolSamples.HOUR);
                hour.setString(2, e.kind());
                hour.addBatch();
            }
            ev.executeBatch();
            hour.executeBatch();
        }
    }

    /** Per MAC (and subnet): how many events of {@code kind} fall in {@code (from, to]}, only those above {@code over}. */
    public List<Count> countsAbove(String kind, Instant from, Instant to, int over) {
        return db.read(c -> {
            List<Count> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT mac, min(subnet_id), count(*), count(DISTINCT ip) FROM lease_event"
                    + " WHERE kind = ? AND at > ? AND at <= ? AND mac IS NOT NULL GROUP BY mac HAVING count(*) > ? ORDER BY mac")) {
                q.setString(1, kind);
                q.setLong(2, from.toEpochMilli());
                q.setLong(3, to.toEpochMilli());
                q.setInt(4, over);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Count(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getInt(4)));
                    }
                }
            }
            return out;
        });
    }

    /** {@code count} events of one MAC, on {@code addresses} different addresses. */
    public record Count(String mac, long subnetId, int count, int addresses) {
    }

    /** New devices per subnet and tier in {@code (from, to]}: {@code [subnetId, tier, count, randomized]}. */
    public List<Object[]> newDevicesByTier(Instant from, Instant to) {
        return db.read(c -> {
            List<Object[]> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT subnet_id, tier, count(*), sum(CASE WHEN substr(mac, 2, 1) IN"
                    + " ('2','3','6','7','a','b','e','f') THEN 1 ELSE 0 END) FROM lease_event WHERE kind = ? AND at > ? AND at <= ?"
                    + " GROUP BY subnet_id, tier")) {
                q.setString(1, NEW_DEVICE);
                q.setLong(2, from.toEpochMilli());
                q.setLong(3, to.toEpochMilli());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4)});
                    }
                }
            }
            return out;
        });
    }

    /** Events per hour and kind (all subnets): {@code hour -> kind -> count}. */
    public Map<Long, Map<String, Long>> perHour(Instant from, Instant to) {
        return db.read(c -> {
            Map<Long, Map<String, Long>> out = new java.util.TreeMap<>();
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT hour, kind, count FROM activity_hour WHERE hour >= ? AND hour < ?")) {
                q.setLong(1, from.toEpochMilli() / PoolSamples.HOUR * PoolSamples.HOUR);
                q.setLong(2, to.toEpochMilli());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Approve and deny decisions in {@code [from, to)} from the audit trail, each with how long the
     * device had waited (decision time minus first sighting): {@code [at, waitedMs]}.
     */
    public List<long[]> decisionWaits(Instant from, Instant to) {
        return db.read(c -> {
            List<long[]> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT a.at, a.at - d.first_seen FROM action_log a JOIN device d ON d.mac = a.mac"
                    + " WHERE a.action IN ('approve', 'deny') AND a.result = 'ok' AND a.at >= ? AND a.at < ? AND a.at >= d.first_seen"
                    + " ORDER BY a.at")) {
                q.setLong(1, from.toEpochMilli());
                q.setLong(2, to.toEpochMilli());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
            return out;
        });
    }

    /** Deletes events past {@link #EVENTS_KEPT} and hourly counts past {@link PoolSamples#KEPT}. */
    public int thin(Instant now) {
        return db.write(c -> {
            int n;
            try (PreparedStatement d = c.prepareStatement("DELETE FROM lease_event WHERE at < ?")) {
                d.setLong(1, now.minus(EVENTS_KEPT).toEpochMilli());
                n = d.executeUpdate();
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM activity_hour WHERE hour < ?")) {
                d.setLong(1, now.minus(PoolSamples.KEPT).toEpochMilli());
                n += d.executeUpdate();
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM anomaly WHERE at < ?")) {
                d.setLong(1, now.minus(PoolSamples.KEPT).toEpochMilli());
                n += d.executeUpdate();
            }
            return n;
        });
    }
}
