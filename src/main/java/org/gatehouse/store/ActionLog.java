package org.gatehouse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.model.AuditQuery;

/**
 * The audit trail: every action taken through Gatehouse, successful or refused: when, who, where,
 * what, on what, before and after, and how it ended. Rows are hash-chained ({@link AuditChain});
 * appending chains the new row to the newest one inside one IMMEDIATE transaction, so even two
 * Gatehouse processes on one cache cannot fork the chain. Nothing here ever deletes a row.
 */
public final class ActionLog {
    public static final String OK = "ok";
    public static final String QUEUED = "queued";

    private static final String COLUMNS = "id, at, os_user, host, action, target, mac, before_state, after_state, note, detail, "
            + "result, hash";

    private final Database db;
    private final String osUser;
    private final String workstation;

    public ActionLog(Database db, String osUser, String workstation) {
        this.db = db;
        this.osUser = osUser;
        this.workstation = workstation;
    }

    /** "refused: " + the refusing party's own words, unchanged. */
    public static String refused(String words) {
        return "refused: " + words;
    }

    public static String failed(String why) {
        return "failed: " + why;
    }

    /** The short form kept for callers written before the chain; {@code detail} is technical detail. */
    public record Entry(long id, Instant at, String osUser, String host, String action, String target, String detail, String result) {
    }

    /** A row about to be appended; build with {@link #of} and the with-methods. */
    public record Draft(Instant at, String action, String target, String mac, String before, String after, String note,
                        String detail, String result) {
        public static Draft of(Instant at, String action, String target) {
            return new Draft(at, action, target, AuditChain.macOf(target), null, null, null, null, null);
        }

        /** The device concerned, when the target is an IP or a rule rather than its MAC. */
        public Draft mac(org.gatehouse.model.Mac m) {
            return new Draft(at, action, target, m == null ? null : m.toString(), before, after, note, detail, result);
        }

        public Draft change(String beforeState, String afterState) {
            return new Draft(at, action, target, mac, beforeState, afterState, note, detail, result);
        }

        public Draft note(String text) {
            return new Draft(at, action, target, mac, before, after, text, detail, result);
        }

        public Draft detail(String text) {
            return new Draft(at, action, target, mac, before, after, note, text, result);
        }

        public Draft result(String text) {
            return new Draft(at, action, target, mac, before, after, note, detail, text);
        }
    }

    public AuditEntry append(Instant at, String action, String target, String detail, String result) {
        return append(Draft.of(at, action, target).detail(detail).result(result));
    }

    public AuditEntry append(Instant at, String action, String target, String before, String after, String note, String result) {
        return append(Draft.of(at, action, target).change(before, after).note(note).result(result));
    }

    /** Appends one chained row in its own transaction and returns it as stored. */
    public AuditEntry append(Draft d) {
        if (d.action() == null || d.action().isBlank() || d.result() == null || d.result().isBlank()) {
            throw new IllegalArgumentException("an audit row needs an action and a result");
        }
        return db.write(c -> appendIn(c, d));
    }

    /**
     * Appends many rows in one transaction (bulk imports: one row per imported reservation),
     * chained in list order. Returns how many.
     */
    public int appendAll(List<Draft> drafts) {
        for (Draft d : drafts) {
            if (d.action() == null || d.action().isBlank() || d.result() == null || d.result().isBlank()) {
                throw new IllegalArgumentException("an audit row needs an action and a result");
            }
        }
        return db.write(c -> {
            long id;
            String prev;
            try (PreparedStatement q = c.prepareStatement("SELECT id, hash FROM action_log ORDER BY id DESC LIMIT 1");
                 ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    id = rs.getLong(1);
                    prev = rs.getString(2);
                } else {
                    AuditChain.Head head = AuditChain.head(c);
                    id = head == null ? 0 : head.id();
                    prev = head == null ? AuditChain.GENESIS : head.hash();
                }
            }
            try (PreparedStatement ins = c.prepareStatement(INSERT)) {
                int n = 0;
                for (Draft d : drafts) {
                    id++;
                    long at = d.at().toEpochMilli();
                    String hash = AuditChain.hash(new AuditChain.Fields(id, at, osUser, workstation, d.action(), d.target(), d.mac(),
                            d.before(), d.after(), d.note(), d.detail(), d.result(), prev));
                    bind(ins, id, at, d, prev, hash);
                    ins.addBatch();
                    prev = hash;
                    if (++n % 10_000 == 0) {
                        ins.executeBatch();
                    }
                }
                ins.executeBatch();
            }
            if (!drafts.isEmpty()) {
                AuditChain.setHead(c, new AuditChain.Head(id, prev));
            }
            return drafts.size();
        });
    }

    private static final String INSERT = "INSERT INTO action_log (id, at, os_user, host, action, target, mac, "
            + "before_state, after_state, note, detail, result, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Binds one chained row, as the hash was computed over it. */
    private void bind(PreparedStatement ins, long id, long at, Draft d, String prev, String hash) throws SQLException {
        ins.setLong(1, id);
        ins.setLong(2, at);
        ins.setString(3, osUser);
        ins.setString(4, workstation);
        ins.setString(5, d.action());
        ins.setString(6, d.target());
        ins.setString(7, d.mac());
        ins.setString(8, d.before());
        ins.setString(9, d.after());
        ins.setString(10, d.note());
        ins.setString(11, d.detail());
        ins.setString(12, d.result());
        ins.setString(13, prev);
        ins.setString(14, hash);
    }

    /** Appends inside a caller's transaction (e.g. together with the queue row it concerns). */
    AuditEntry appendIn(Connection c, Draft d) throws SQLException {
        long id;
        String prev;
        try (PreparedStatement q = c.prepareStatement("SELECT id, hash FROM action_log ORDER BY id DESC LIMIT 1");
             ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
                id = rs.getLong(1) + 1;
                prev = rs.getString(2);
            } else {
                // Empty but with a recorded head: every row was deleted. Chain to that head anyway,
                // so that verify keeps reporting the loss instead of starting a fresh, clean chain.
                AuditChain.Head head = AuditChain.head(c);
                id = head == null ? 1 : head.id() + 1;
                prev = head == null ? AuditChain.GENESIS : head.hash();
            }
        }
        long at = d.at().toEpochMilli();
        AuditChain.Fields f = new AuditChain.Fields(id, at, osUser, workstation, d.action(), d.target(), d.mac(), d.before(),
                d.after(), d.note(), d.detail(), d.result(), prev);
        String hash = AuditChain.hash(f);
        try (PreparedStatement ins = c.prepareStatement(INSERT)) {
            bind(ins, id, at, d, prev, hash);
            ins.executeUpdate();
        }
        AuditChain.setHead(c, new AuditChain.Head(id, hash));
        return new AuditEntry(id, d.at(), osUser, workstation, d.action(), d.target(), d.mac(), d.before(), d.after(), d.note(),
                d.detail(), d.result(), hash);
    }

    /** The newest rows, newest first (short form). */
    public List<Entry> recent(int limit) {
        List<AuditEntry> rows = new ArrayList<>(query(AuditQuery.all().withLimit(limit)));
        Collections.reverse(rows);
        return rows.stream()
                .map(e -> new Entry(e.id(), e.at(), e.osUser(), e.host(), e.action(), e.target(), e.detail(), e.result())).toList();
    }

    /** Rows matching {@code q}, oldest first; with a limit, the newest {@code limit} of them. */
    public List<AuditEntry> query(AuditQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.since() != null) {
            where.append(" AND at >= ?");
            args.add(q.since().toEpochMilli());
        }
        if (q.until() != null) {
            where.append(" AND at < ?");
            args.add(q.until().toEpochMilli());
        }
        if (q.user() != null && !q.user().isBlank()) {
            where.append(" AND os_user = ?");
            args.add(q.user());
        }
        if (q.mac() != null) {
            where.append(" AND mac = ?");
            args.add(q.mac().toString());
        }
        if (q.action() != null && !q.action().isBlank()) {
            where.append(" AND action = ?");
            args.add(q.action());
        }
        if (q.result() != null && !q.result().isBlank()) {
            where.append(" AND (result = ? OR result LIKE ? OR result LIKE ?)");
            args.add(q.result());
            args.add(q.result() + ":%");
            args.add(q.result() + " %");
        }
        String sql = "SELECT " + COLUMNS + " FROM action_log" + where + " ORDER BY id DESC" + (q.limit() > 0 ? " LIMIT " + q.limit() : "");
        return db.read(c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(entry(rs));
                    }
                }
            }
            Collections.reverse(out);
            return out;
        });
    }

    public Optional<AuditEntry> get(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM action_log WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Distinct values of a column, for the screen's filter lists. */
    public List<String> distinctUsers() {
        return distinct("os_user");
    }

    public List<String> distinctActions() {
        return distinct("action");
    }

    private List<String> distinct(String column) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT " + column + " FROM action_log WHERE " + column
                    + " IS NOT NULL ORDER BY 1"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    public long count() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM action_log"); ResultSet rs = ps.executeQuery()) {
                return rs.getLong(1);
            }
        });
    }

    /** Recomputes the whole chain; names the first row that does not fit. */
    public AuditChain.Verification verify() {
        return db.read(AuditChain::verify);
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13));
    }
}
