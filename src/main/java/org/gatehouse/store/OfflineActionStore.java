package org.gatehouse.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.model.QueuedAction;

/**
 * The offline queue's table. Queuing and resolving each write their audit row in the same
 * transaction, so the trail and the queue can never disagree.
 */
public final class OfflineActionStore {
    private static final String COLUMNS = "id, queued_at, os_user, host, kind, target, payload, basis, note, state, resolved_at, outcome";

    private final Database db;
    private final ActionLog log;
    private final String osUser;
    private final String workstation;

    public OfflineActionStore(Database db, ActionLog log, String osUser, String workstation) {
        this.db = db;
        this.log = log;
        this.osUser = osUser;
        this.workstation = workstation;
    }

    /** Stores a pending action and its "queued" audit row; returns the action as stored. */
    public QueuedAction enqueue(Instant at, String kind, String target, String payload, String basis, String note,
                                ActionLog.Draft audit) {
        long id = db.write(c -> {
            long newId;
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO offline_action (queued_at, os_user, host, kind, target, "
                    + "payload, basis, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ins.setLong(1, at.toEpochMilli());
                ins.setString(2, osUser);
                ins.setString(3, workstation);
                ins.setString(4, kind);
                ins.setString(5, target);
                ins.setString(6, payload);
                ins.setString(7, basis);
                ins.setString(8, note);
                ins.executeUpdate();
                try (ResultSet keys = ins.getGeneratedKeys()) {
                    keys.next();
                    newId = keys.getLong(1);
                }
            }
            AuditEntry row = log.appendIn(c, audit.detail("offline queue #" + newId));
            linkAudit(c, newId, row.id());
            return newId;
        });
        return get(id).orElseThrow();
    }

    /** Marks an action resolved (done, conflict, failed, cancelled) with its audit row, in one transaction. */
    public AuditEntry resolve(long id, String state, Instant at, String outcome, ActionLog.Draft audit) {
        return db.write(c -> {
            try (PreparedStatement u = c.prepareStatement(
                    "UPDATE offline_action SET state = ?, resolved_at = ?, outcome = ? WHERE id = ? AND state = 'pending'")) {
                u.setString(1, state);
                u.setLong(2, at.toEpochMilli());
                u.setString(3, outcome);
                u.setLong(4, id);
                if (u.executeUpdate() != 1) {
                    throw new SQLException("queued action #" + id + " is not pending");
                }
            }
            AuditEntry row = log.appendIn(c, audit);
            linkAudit(c, id, row.id());
            return row;
        });
    }

    private static void linkAudit(java.sql.Connection c, long id, long auditId) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE offline_action SET audit_id = ? WHERE id = ?")) {
            u.setLong(1, auditId);
            u.setLong(2, id);
            u.executeUpdate();
        }
    }

    /** Pending actions in the order they were queued. */
    public List<QueuedAction> pending() {
        return select(" WHERE state = 'pending' ORDER BY id", -1);
    }

    /** Every action, newest first. */
    public List<QueuedAction> all(int limit) {
        return select(" ORDER BY id DESC LIMIT ?", limit);
    }

    public Optional<QueuedAction> get(long id) {
        List<QueuedAction> l = select(" WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    private List<QueuedAction> select(String tail, long arg) {
        return db.read(c -> {
            List<QueuedAction> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM offline_action" + tail)) {
                if (arg >= 0) {
                    q.setLong(1, arg);
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        long resolved = rs.getLong(11);
                        Instant resolvedAt = rs.wasNull() ? null : Instant.ofEpochMilli(resolved);
                        out.add(new QueuedAction(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                                resolvedAt, rs.getString(12)));
                    }
                }
            }
            return out;
        });
    }
}
