package org.gatehouse.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;

/**
 * Lease deletions still owed after an approval whose reservation was written but whose
 * lease4-del failed (Kea went away in between). Kept until a retry succeeds. Each names the Kea
 * server it is owed to (its endpoint), or {@link #ANY_SERVER} when none was recorded (one server,
 * or a row from before schema 8).
 */
public final class PendingLeaseDeletes {
    /** The server of a row that names none: whichever server retries it. */
    public static final String ANY_SERVER = "";

    private final Database db;

    public PendingLeaseDeletes(Database db) {
        this.db = db;
    }

    public record Pending(Mac mac, Ipv4 ip, long subnetId, String server, Instant since, int attempts, String lastError) {
    }

    /** Records a failed deletion on {@code server} ({@link #ANY_SERVER}: not recorded), or counts one more attempt of a known one. */
    public void failed(Mac mac, Ipv4 ip, long subnetId, String server, Instant at, String error) {
        db.write(c -> {
            try (PreparedStatement ins = c.prepareStatement("""
                    INSERT INTO pending_lease_delete (mac, ip, server, subnet_id, since, attempts, last_error) VALUES (?, ?, ?, ?, ?, 1, ?)
                    ON CONFLICT(mac, ip, server) DO UPDATE SET attempts = attempts + 1, last_error = excluded.last_error""")) {
                ins.setString(1, mac.toString());
                ins.setString(2, ip.toString());
                ins.setString(3, server == null ? ANY_SERVER : server);
                ins.setLong(4, subnetId);
                ins.setLong(5, at.toEpochMilli());
                ins.setString(6, error);
                return ins.executeUpdate();
            }
        });
    }

    public void done(Mac mac, Ipv4 ip, String server) {
        db.write(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM pending_lease_delete WHERE mac = ? AND ip = ? AND server = ?")) {
                del.setString(1, mac.toString());
                del.setString(2, ip.toString());
                del.setString(3, server == null ? ANY_SERVER : server);
                return del.executeUpdate();
            }
        });
    }

    /** Drops every owed deletion of the MAC, on every server (its decision was undone: its lease is its own again). */
    public void clear(Mac mac) {
        db.write(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM pending_lease_delete WHERE mac = ?")) {
                del.setString(1, mac.toString());
                return del.executeUpdate();
            }
        });
    }

    public List<Pending> all() {
        return db.read(c -> {
            List<Pending> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT mac, ip, subnet_id, server, since, attempts, last_error FROM pending_lease_delete ORDER BY since");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(Mac.parse(rs.getString(1)), Ipv4.parse(rs.getString(2)), rs.getLong(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)), rs.getInt(6), rs.getString(7)));
                }
            }
            return out;
        });
    }
}
