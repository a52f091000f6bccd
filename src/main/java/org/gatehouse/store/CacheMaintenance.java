package org.gatehouse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the cache small without losing what matters: lease history older than the retention
 * (default 90 days) is deleted, the audit trail never is; VACUUM runs when due. Settings live in
 * {@code meta} so that they travel with backups.
 */
public final class CacheMaintenance {
    public static final int DEFAULT_RETENTION_DAYS = 90;
    static final String RETENTION_KEY = "lease_history_retention_days";
    static final String LAST_VACUUM_KEY = "last_vacuum";

    private final Database db;

    public CacheMaintenance(Database db) {
        this.db = db;
    }

    public int retentionDays() {
        String v = db.read(c -> meta(c, RETENTION_KEY));
        try {
            return v == null ? DEFAULT_RETENTION_DAYS : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return DEFAULT_RETENTION_DAYS;
        }
    }

    /** Stores the retention; the caller validates the range and audits the change. */
    public void setRetentionDays(int days) {
        db.write(c -> {
            setMeta(c, RETENTION_KEY, Integer.toString(days));
            return null;
        });
    }

    /** Deletes lease history older than the retention; returns how many rows went. */
    public int pruneLeaseHistory(Instant now) {
        long cutoff = now.minus(Duration.ofDays(retentionDays())).toEpochMilli();
        return db.write(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM lease_history WHERE at < ?")) {
                d.setLong(1, cutoff);
                return d.executeUpdate();
            }
        });
    }

    public Instant lastVacuum() {
        String v = db.read(c -> meta(c, LAST_VACUUM_KEY));
        return v == null ? null : Instant.ofEpochMilli(Long.parseLong(v));
    }

    /** Runs VACUUM and remembers when. */
    public void vacuum(Instant now) {
        db.vacuum();
        db.write(c -> {
            setMeta(c, LAST_VACUUM_KEY, Long.toString(now.toEpochMilli()));
            return null;
        });
    }

    /** Rows per table and bytes on disk. */
    public record Report(long bytesOnDisk, Map<String, Long> rows, int retentionDays, Instant lastVacuum, Instant oldestHistory) {
    }

    public Report report() {
        Map<String, Long> rows = db.read(c -> {
            Map<String, Long> m = new LinkedHashMap<>();
            for (String t : new String[] {"action_log", "lease_history", "device", "lease_snapshot", "config_snapshot", "offline_action"}) {
                try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM " + t); ResultSet rs = q.executeQuery()) {
                    m.put(t, rs.getLong(1));
                }
            }
            return m;
        });
        Long oldest = db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT min(at) FROM lease_history"); ResultSet rs = q.executeQuery()) {
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        });
        return new Report(db.sizeOnDisk(), rows, retentionDays(), lastVacuum(), oldest == null ? null : Instant.ofEpochMilli(oldest));
    }

    static String meta(Connection c, String key) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            q.setString(1, key);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static void setMeta(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")) {
            u.setString(1, key);
            u.setString(2, value);
            u.executeUpdate();
        }
    }
}
