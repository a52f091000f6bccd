package org.gatehouse.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every action taken through Gatehouse, successful or refused: who, where, what, on what, and how it ended. */
public final class ActionLog {
    private final Database db;
    private final String osUser;
    private final String workstation;

    public ActionLog(Database db, String osUser, String workstation) {
        this.db = db;
        this.osUser = osUser;
        this.workstation = workstation;
    }

    public record Entry(long id, Instant at, String osUser, String host, String action, String target, String detail, String result) {
    }

    public void append(Instant at, String action, String target, String detail, String result) {
        db.write(c -> {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO action_log (at, os_user, host, action, target, detail, result) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ins.setLong(1, at.toEpochMilli());
                ins.setString(2, osUser);
                ins.setString(3, workstation);
                ins.setString(4, action);
                ins.setString(5, target);
                ins.setString(6, detail);
                ins.setString(7, result);
                return ins.executeUpdate();
            }
        });
    }

    public List<Entry> recent(int limit) {
        return db.read(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT id, at, os_user, host, action, target, detail, result FROM action_log ORDER BY id DESC LIMIT ?")) {
                q.setInt(1, limit);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                    }
                }
            }
            return out;
        });
    }
}
