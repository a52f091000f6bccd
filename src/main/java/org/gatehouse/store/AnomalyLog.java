package org.gatehouse.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Anomalies as they were found, so that the list, the report and the badge outlive the events behind them. */
public final class AnomalyLog {
    private final Database db;

    public AnomalyLog(Database db) {
        this.db = db;
    }

    public record Row(long at, String kind, String mac, Long subnetId, String tier, int count, String detail) {
    }

    /**
     * Stores the rows that are news: a row whose kind, MAC, subnet and tier already have a row
     * within {@code quiet} raises that row's count (if higher) instead of adding one, so a device
     * that keeps renewing is one anomaly, not one a minute. Returns the rows added.
     */
    public List<Row> add(List<Row> found, Duration quiet) {
        if (found.isEmpty()) {
            return List.of();
        }
        return db.write(c -> {
            List<Row> added = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT id, count FROM anomaly WHERE kind = ? AND mac IS ? AND subnet_id IS ?"
                    + " AND tier IS ? AND at > ? ORDER BY at DESC LIMIT 1");
                 PreparedStatement raise = c.prepareStatement("UPDATE anomaly SET count = ?, detail = ? WHERE id = ?");
                 PreparedStatement ins = c.prepareStatement(
                         "INSERT INTO anomaly (at, kind, mac, subnet_id, tier, count, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Row r : found) {
                    q.setString(1, r.kind());
                    q.setString(2, r.mac());
                    q.setObject(3, r.subnetId());
                    q.setString(4, r.tier());
                    q.setLong(5, r.at() - quiet.toMillis());
                    try (ResultSet rs = q.executeQuery()) {
                        if (rs.next()) {
                            if (rs.getInt(2) < r.count()) {
                                raise.setInt(1, r.count());
                                raise.setString(2, r.detail());
                                raise.setLong(3, rs.getLong(1));
                                raise.executeUpdate();
                            }
                            continue;
                        }
                    }
                    ins.setLong(1, r.at());
                    ins.setString(2, r.kind());
                    ins.setString(3, r.mac());
                    ins.setObject(4, r.subnetId());
                    ins.setString(5, r.tier());
                    ins.setInt(6, r.count());
                    ins.setString(7, r.detail());
                    ins.executeUpdate();
                    added.add(r);
                }
            }
            return added;
        });
    }

    /** Anomalies found in {@code [from, to)}, oldest first. */
    public List<Row> list(Instant from, Instant to) {
        return db.read(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT at, kind, mac, subnet_id, tier, count, detail FROM anomaly WHERE at >= ? AND at < ? ORDER BY at, id")) {
                q.setLong(1, from.toEpochMilli());
                q.setLong(2, to.toEpochMilli());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        long subnet = rs.getLong(4);
                        Long subnetId = rs.wasNull() ? null : subnet;
                        out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), subnetId, rs.getString(5), rs.getInt(6),
                                rs.getString(7)));
                    }
                }
            }
            return out;
        });
    }

}
