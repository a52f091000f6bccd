package org.gatehouse.testing;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.gatehouse.store.Database;
import org.gatehouse.store.LeaseEvents;
import org.gatehouse.store.PoolSamples;

/**
 * Writes a site's history into a cache as the console and {@code sync} would have left it: a
 * sample per pool and minute, the queue's length, lease activity per hour and the last hour's raw
 * lease events, for {@code subnets} guest /24s (three pools each) holding {@code devices} devices.
 * Day by day, with the real thinning run after each day, so that what stays is what thinning keeps.
 */
public final class HistoryGenerator {
    static final List<String> TIERS = List.of("registered", "newly-unregistered", "old-unregistered");
    static final long[] SIZES = {123, 64, 63};

    private final Database db;
    private final int subnets;
    private final int devices;
    private final int firstSubnet;
    private final Random random = new Random(42);

    public HistoryGenerator(Database db, int subnets, int devices) {
        this(db, subnets, devices, 40);
    }

    /** Subnet ids {@code firstSubnet}, {@code firstSubnet + 1}, ... */
    public HistoryGenerator(Database db, int subnets, int devices, int firstSubnet) {
        this.db = db;
        this.subnets = subnets;
        this.devices = devices;
        this.firstSubnet = firstSubnet;
    }

    /** {@code days} of history ending at {@code end}. */
    public void generate(Instant end, int days) {
        long endMs = end.toEpochMilli() / 60_000 * 60_000;
        long start = endMs - Duration.ofDays(days).toMillis();
        devices(start);
        PoolSamples samples = new PoolSamples(db);
        LeaseEvents events = new LeaseEvents(db);
        for (long day = start; day < endMs; day += 86_400_000L) {
            long dayEnd = Math.min(day + 86_400_000L, endMs);
            long from = day;
            db.write(c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT OR REPLACE INTO pool_sample (subnet_id, tier, at, size, used, peak) VALUES (?, ?, ?, ?, ?, ?)");
                     PreparedStatement q = c.prepareStatement("INSERT OR REPLACE INTO queue_sample (at, length, peak) VALUES (?, ?, ?)");
                     PreparedStatement h = c.prepareStatement("INSERT OR REPLACE INTO activity_hour (hour, kind, count) VALUES (?, ?, ?)")) {
                    for (long at = from; at < dayEnd; at += 60_000) {
                        double load = load(at);
                        for (int s = 0; s < subnets; s++) {
                            for (int t = 0; t < 3; t++) {
                                long used = used(t, load, s);
                                p.setLong(1, firstSubnet + s);
                                p.setInt(2, t); // the table numbers the tiers: registered, newly-, old-unregistered
                                p.setLong(3, at);
                                p.setLong(4, SIZES[t]);
                                p.setLong(5, used);
                                p.setLong(6, Math.min(SIZES[t], used + random.nextInt(2)));
                                p.addBatch();
                            }
                        }
                        p.executeBatch();
                        int queue = (int) Math.round(subnets * 64 * load * 0.6);
                        q.setLong(1, at);
                        q.setInt(2, queue);
                        q.setInt(3, queue + random.nextInt(3));
                        q.executeUpdate();
                        if (at % 3_600_000 == 0) {
                            hour(h, at, load);
                        }
                    }
                }
                return null;
            });
            samples.thin(Instant.ofEpochMilli(dayEnd));
            events.thin(Instant.ofEpochMilli(dayEnd));
        }
        lastHourEvents(endMs);
        events.thin(Instant.ofEpochMilli(endMs));
    }

    private void hour(PreparedStatement h, long at, double load) throws java.sql.SQLException {
        long[] counts = {Math.round(devices / 200.0 * load) + random.nextInt(5), Math.round(subnets * 32 * 120 * load),
                Math.round(devices / 150.0 * load), Math.round(devices / 400.0 * load)};
        String[] kinds = {LeaseEvents.NEW_DEVICE, LeaseEvents.RENEWAL, LeaseEvents.EXPIRY, LeaseEvents.RELEASE};
        for (int k = 0; k < kinds.length; k++) {
            h.setLong(1, at);
            h.setString(2, kinds[k]);
            h.setLong(3, counts[k]);
            h.addBatch();
        }
        h.executeBatch();
    }

    /** The last hour's raw events (thinning keeps 15 minutes): half-full newly-unregistered pools renewing every 30 s. */
    private void lastHourEvents(long end) {
        db.write(c -> {
            try (PreparedStatement e = c.prepareStatement("INSERT INTO lease_event (at, kind, mac, ip, subnet_id, tier) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int s = 0; s < subnets; s++) {
                    for (int d = 0; d < 32; d++) {
                        String mac = String.format("02:00:%02x:00:00:%02x", s, d);
                        for (long at = end - 3_600_000 + d * 900L; at < end; at += 30_000) {
                            e.setLong(1, at);
                            e.setString(2, LeaseEvents.RENEWAL);
                            e.setString(3, mac);
                            e.setString(4, "192.168." + (40 + s) + "." + (128 + d));
                            e.setLong(5, firstSubnet + s);
                            e.setString(6, "newly-unregistered");
                            e.addBatch();
                        }
                    }
                    e.executeBatch();
                }
            }
            return null;
        });
    }

    private void devices(long start) {
        db.write(c -> {
            try (PreparedStatement d = c.prepareStatement("INSERT OR REPLACE INTO device (mac, first_seen, last_seen, last_ip, last_subnet,"
                    + " last_hostname, last_state, last_tier) VALUES (?, ?, ?, ?, ?, ?, 'default', ?)")) {
                for (int i = 0; i < devices; i++) {
                    d.setString(1, String.format("f0:18:98:%02x:%02x:%02x", i >> 16 & 0xff, i >> 8 & 0xff, i & 0xff));
                    d.setLong(2, start + random.nextInt(86_400_000));
                    d.setLong(3, start + 86_400_000L * 89);
                    d.setString(4, "192.168." + (40 + i % subnets) + "." + (5 + i / subnets % 123));
                    d.setLong(5, firstSubnet + i % subnets);
                    d.setString(6, "device-" + i);
                    d.setString(7, "registered");
                    d.addBatch();
                }
                d.executeBatch();
            }
            return null;
        });
    }

    /**
     * {@code count} approve and deny decisions spread over the {@code days} before {@code end}, each
     * for a device first seen 2 to 90 minutes earlier, in the audit trail as the console writes them.
     */
    public void decisions(Instant end, int days, int count) {
        org.gatehouse.store.ActionLog log = new org.gatehouse.store.ActionLog(db, "guest-master", "desk");
        long span = Duration.ofDays(days).toMillis();
        for (int i = 0; i < count; i++) {
            long at = end.toEpochMilli() - span + span * i / count + random.nextInt(600_000);
            long waited = 120_000 + random.nextInt(88 * 60_000);
            String mac = String.format("0a:00:00:00:%02x:%02x", i >> 8 & 0xff, i & 0xff);
            db.write(c -> {
                try (PreparedStatement d = c.prepareStatement("INSERT OR REPLACE INTO device (mac, first_seen, last_seen) VALUES (?, ?, ?)")) {
                    d.setString(1, mac);
                    d.setLong(2, at - waited);
                    d.setLong(3, at);
                    d.executeUpdate();
                }
                return null;
            });
            log.append(org.gatehouse.store.ActionLog.Draft.of(Instant.ofEpochMilli(at), i % 5 == 4 ? "deny" : "approve", mac)
                    .note("generated").result("ok"));
        }
    }

    /** 0.15 at night to 0.95 in the afternoon, a little higher on weekdays. */
    private static double load(long at) {
        double hour = (at / 3_600_000.0) % 24;
        double day = Math.max(0, Math.sin((hour - 8) / 24 * 2 * Math.PI));
        boolean weekday = ((at / 86_400_000L) + 4) % 7 < 5;
        return Math.min(0.95, 0.15 + day * (weekday ? 0.8 : 0.55));
    }

    private long used(int tier, double load, int subnet) {
        double base = switch (tier) {
            case 0 -> 0.35 + 0.55 * load;
            case 1 -> load * (subnet % 4 == 0 ? 1.05 : 0.7);
            default -> 0.1 + 0.3 * load;
        };
        return Math.max(0, Math.min(SIZES[tier], Math.round(SIZES[tier] * base) + random.nextInt(3) - 1));
    }
}
