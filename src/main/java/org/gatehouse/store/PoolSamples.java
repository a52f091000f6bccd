package org.gatehouse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Pool utilisation and queue length over time. A sample lands in its minute's bucket (the minute's
 * last figures and its peak), so a console refreshing every 2 s writes one row per pool a minute.
 * {@link #thin} keeps one row per minute for {@link #MINUTE_KEPT}, then one per hour (average and
 * peak) up to {@link #KEPT}, and deletes what is older.
 */
public final class PoolSamples {
    public static final Duration MINUTE_KEPT = Duration.ofDays(2);
    public static final Duration KEPT = Duration.ofDays(90);
    static final long MINUTE = 60_000;
    static final long HOUR = 3_600_000;

    /** The tiers as numbered in the table; anything else is stored as "other". */
    static final List<String> TIERS = List.of("registered", "newly-unregistered", "old-unregistered", "other");

    private final Database db;

    public PoolSamples(Database db) {
        this.db = db;
    }

    /** One pool's figures at a time; {@code hourly} rows are averages of an hour ({@code peak}: its highest). */
    public record Row(long at, long subnetId, String tier, long size, long used, long peak, boolean hourly) {
    }

    /** What a pool held when last sampled (null when never). */
    public record Last(long at, long size, long used) {
    }

    /** The pool figures of one observation. */
    public record PoolFigures(long subnetId, String tier, long size, long used) {
    }

    /**
     * Records one observation: its pools and (if known) the queue length, in the minute bucket of
     * {@code at}. Returns what each pool held before, for noticing a level crossed.
     */
    public Map<String, Last> record(Instant at, List<PoolFigures> pools, Integer queueLength) {
        long bucket = at.toEpochMilli() / MINUTE * MINUTE;
        return db.write(c -> {
            Map<String, Last> before = latest(c);
            try (PreparedStatement up = c.prepareStatement("""
                    INSERT INTO pool_sample (subnet_id, tier, at, size, used, peak) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (subnet_id, tier, at) DO UPDATE SET size = excluded.size, used = excluded.used,
                      peak = max(peak, excluded.used)""")) {
                for (PoolFigures p : pools) {
                    up.setLong(1, p.subnetId());
                    up.setInt(2, code(p.tier()));
                    up.setLong(3, bucket);
                    up.setLong(4, p.size());
                    up.setLong(5, p.used());
                    up.setLong(6, p.used());
                    up.addBatch();
                }
                up.executeBatch();
            }
            if (queueLength != null) {
                try (PreparedStatement q = c.prepareStatement("""
                        INSERT INTO queue_sample (at, length, peak) VALUES (?, ?, ?)
                        ON CONFLICT (at) DO UPDATE SET length = excluded.length, peak = max(peak, excluded.length)""")) {
                    q.setLong(1, bucket);
                    q.setInt(2, queueLength);
                    q.setInt(3, queueLength);
                    q.executeUpdate();
                }
            }
            return before;
        });
    }

    static int code(String tier) {
        int i = TIERS.indexOf(tier);
        return i < 0 ? TIERS.size() - 1 : i;
    }

    static String tier(int code) {
        return code >= 0 && code < TIERS.size() ? TIERS.get(code) : "other";
    }

    public static String key(long subnetId, String tier) {
        return subnetId + "/" + tier;
    }

    private static Map<String, Last> latest(Connection c) throws SQLException {
        Map<String, Last> out = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT subnet_id, tier, at, size, used FROM pool_sample p
                WHERE at = (SELECT max(at) FROM pool_sample l WHERE l.subnet_id = p.subnet_id AND l.tier = p.tier)""");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.put(key(rs.getLong(1), tier(rs.getInt(2))), new Last(rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        return out;
    }

    /** Samples with {@code from <= at < to}, oldest first; {@code subnetId} null: every subnet. */
    public List<Row> rows(Instant from, Instant to, Long subnetId) {
        return db.read(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT at, subnet_id, tier, size, used, peak, hourly FROM pool_sample"
                    + " WHERE at >= ? AND at < ?" + (subnetId == null ? "" : " AND subnet_id = ?") + " ORDER BY at, subnet_id, tier")) {
                q.setLong(1, from.toEpochMilli());
                q.setLong(2, to.toEpochMilli());
                if (subnetId != null) {
                    q.setLong(3, subnetId);
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(rs.getLong(1), rs.getLong(2), tier(rs.getInt(3)), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                                rs.getInt(7) != 0));
                    }
                }
            }
            return out;
        });
    }

    /** One pool's average use in a time bucket, and the highest use seen in it. */
    public record Bucket(long at, long subnetId, String tier, long size, double used, long peak) {
    }

    /**
     * Samples of {@code [from, to)} averaged into buckets of {@code width}, in SQL (a month of
     * minute rows never crosses into Java row by row); {@code subnetId} null: every subnet.
     */
    public List<Bucket> buckets(Instant from, Instant to, Duration width, Long subnetId) {
        long w = Math.max(MINUTE, width.toMillis());
        return db.read(c -> {
            List<Bucket> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT (at / ?) * ? AS b, subnet_id, tier, max(size), avg(used), max(peak)"
                    + " FROM pool_sample WHERE at >= ? AND at < ?" + (subnetId == null ? "" : " AND subnet_id = ?")
                    + " GROUP BY b, subnet_id, tier ORDER BY b, subnet_id, tier")) {
                q.setLong(1, w);
                q.setLong(2, w);
                q.setLong(3, from.toEpochMilli());
                q.setLong(4, to.toEpochMilli());
                if (subnetId != null) {
                    q.setLong(5, subnetId);
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Bucket(rs.getLong(1), rs.getLong(2), tier(rs.getInt(3)), rs.getLong(4), rs.getDouble(5), rs.getLong(6)));
                    }
                }
            }
            return out;
        });
    }

    /** Queue length averaged into buckets of {@code width}: {@code [at, average, peak]}. */
    public List<double[]> queueBuckets(Instant from, Instant to, Duration width) {
        long w = Math.max(MINUTE, width.toMillis());
        return db.read(c -> {
            List<double[]> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT (at / ?) * ? AS b, avg(length), max(peak) FROM queue_sample"
                    + " WHERE at >= ? AND at < ? GROUP BY b ORDER BY b")) {
                q.setLong(1, w);
                q.setLong(2, w);
                q.setLong(3, from.toEpochMilli());
                q.setLong(4, to.toEpochMilli());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new double[] {rs.getLong(1), rs.getDouble(2), rs.getLong(3)});
                    }
                }
            }
            return out;
        });
    }

    /** The subnets that have samples in {@code [from, to)}, in order. */
    public List<Long> subnets(Instant from, Instant to) {
        return db.read(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT subnet_id FROM pool_sample WHERE at >= ? AND at < ? ORDER BY 1")) {
                q.setLong(1, from.toEpochMilli());
                q.setLong(2, to.toEpochMilli());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    /** Queue length per bucket: {@code [at, length, peak]}, oldest first. */
    public List<long[]> queue(Instant from, Instant to) {
        return db.read(c -> {
            List<long[]> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT at, length, peak FROM queue_sample WHERE at >= ? AND at < ? ORDER BY at")) {
                q.setLong(1, from.toEpochMilli());
                q.setLong(2, to.toEpochMilli());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
            return out;
        });
    }

    /** The newest sample's bucket, if any: how old the charts' data is. */
    public OptionalLong newest() {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT max(at) FROM pool_sample"); ResultSet rs = q.executeQuery()) {
                long v = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
            }
        });
    }

    /**
     * Thins with age: minute rows older than {@link #MINUTE_KEPT} (whole hours) become one hourly
     * row per pool (average used, highest peak); everything older than {@link #KEPT} goes.
     * Returns the number of rows removed.
     */
    public int thin(Instant now) {
        long hourCut = (now.toEpochMilli() - MINUTE_KEPT.toMillis()) / HOUR * HOUR;
        long dropCut = now.toEpochMilli() - KEPT.toMillis();
        return db.write(c -> thinTable(c, "pool_sample", "subnet_id, tier,", "max(size), CAST(round(avg(used)) AS INTEGER), max(peak)",
                "size = excluded.size, used = (used + excluded.used) / 2, peak = max(peak, excluded.peak)", hourCut, dropCut)
                + thinTable(c, "queue_sample", "", "CAST(round(avg(length)) AS INTEGER), max(peak)",
                "length = (length + excluded.length) / 2, peak = max(peak, excluded.peak)", hourCut, dropCut));
    }

    private static int thinTable(Connection c, String table, String keys, String aggregates, String merge, long hourCut, long dropCut)
            throws SQLException {
        String values = table.equals("pool_sample") ? "subnet_id, tier, at, size, used, peak, hourly" : "at, length, peak, hourly";
        String conflict = table.equals("pool_sample") ? "subnet_id, tier, at" : "at";
        try (var s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS temp.thinned");
            s.execute("CREATE TEMP TABLE thinned AS SELECT " + keys + " (at / " + HOUR + ") * " + HOUR + " AS at, " + aggregates
                    + " FROM " + table + " WHERE hourly = 0 AND at < " + hourCut + " GROUP BY " + keys + " (at / " + HOUR + ")");
            int removed = s.executeUpdate("DELETE FROM " + table + " WHERE hourly = 0 AND at < " + hourCut);
            int added = s.executeUpdate("INSERT INTO " + table + " (" + values + ") SELECT *, 1 FROM temp.thinned WHERE true"
                    + " ON CONFLICT (" + conflict + ") DO UPDATE SET " + merge + ", hourly = 1");
            s.execute("DROP TABLE temp.thinned");
            removed += s.executeUpdate("DELETE FROM " + table + " WHERE at < " + dropCut);
            return removed - added;
        }
    }
}
