package org.gatehouse.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A lease on a named service in the cache, so that two aging services on one cache never run
 * at once. Taken with one atomic upsert (SQLite serialises writers, also across processes);
 * a holder that dies loses it when it expires.
 */
public final class ServiceLock {
    private final Database db;

    public ServiceLock(Database db) {
        this.db = db;
    }

    /** Takes or renews the lock; empty when taken, else the other holder and until when it holds it. */
    public Optional<String> tryAcquire(String name, String holder, Instant now, Duration ttl) {
        return db.write(c -> {
            try (PreparedStatement up = c.prepareStatement("""
                    INSERT INTO service_lock (name, holder, until) VALUES (?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, until = excluded.until
                    WHERE service_lock.until < ? OR service_lock.holder = excluded.holder""")) {
                up.setString(1, name);
                up.setString(2, holder);
                up.setLong(3, now.plus(ttl).toEpochMilli());
                up.setLong(4, now.toEpochMilli());
                up.executeUpdate();
            }
            try (PreparedStatement q = c.prepareStatement("SELECT holder, until FROM service_lock WHERE name = ?")) {
                q.setString(1, name);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    String h = rs.getString(1);
                    return h.equals(holder) ? Optional.<String>empty()
                            : Optional.of(h + " until " + Instant.ofEpochMilli(rs.getLong(2)));
                }
            }
        });
    }

    public void release(String name, String holder) {
        db.write(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM service_lock WHERE name = ? AND holder = ?")) {
                del.setString(1, name);
                del.setString(2, holder);
                return del.executeUpdate();
            }
        });
    }
}
