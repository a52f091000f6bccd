package org.gatehouse.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import org.gatehouse.model.Mac;

/**
 * The hash chain over {@code action_log}: each row's hash is SHA-256 over its own fields and the
 * previous row's hash, so a changed, inserted, deleted or reordered row breaks the chain from
 * that row on. The newest row's id and hash are also kept in {@code meta} ("audit_head") so that
 * deleting the newest rows shows too. This detects edits made with any SQLite tool; someone who
 * recomputes every later hash and the head can forge it, which is why {@code audit verify} prints
 * the head: written down elsewhere, it pins the trail up to that row.
 */
public final class AuditChain {
    /** The "previous hash" of the first row. */
    public static final String GENESIS = "0".repeat(64);
    static final String HEAD_KEY = "audit_head";

    private AuditChain() {
    }

    /** The fields a hash covers, in order. */
    record Fields(long id, long at, String osUser, String host, String action, String target, String mac, String before,
                  String after, String note, String detail, String result, String prevHash) {
    }

    static String hash(Fields f) {
        MessageDigest md = sha256();
        // Length-prefixed fields: no choice of separators inside a value can make two rows collide.
        for (String s : new String[] {Long.toString(f.id()), Long.toString(f.at()), f.osUser(), f.host(), f.action(), f.target(),
                f.mac(), f.before(), f.after(), f.note(), f.detail(), f.result(), f.prevHash()}) {
            if (s == null) {
                md.update("-1:".getBytes(StandardCharsets.UTF_8));
            } else {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                md.update((b.length + ":").getBytes(StandardCharsets.UTF_8));
                md.update(b);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The MAC a target names, in canonical form, or null when the target is not a MAC. */
    static String macOf(String target) {
        return target != null && Mac.isValid(target) ? Mac.parse(target).toString() : null;
    }

    /** The newest row's id and hash, as recorded beside the chain; null when nothing was ever appended. */
    record Head(long id, String hash) {
        String encode() {
            return id + " " + hash;
        }

        static Head decode(String s) {
            if (s == null) {
                return null;
            }
            int sp = s.indexOf(' ');
            try {
                return new Head(Long.parseLong(s.substring(0, sp)), s.substring(sp + 1));
            } catch (RuntimeException e) {
                return new Head(-1, s);
            }
        }
    }

    static Head head(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            q.setString(1, HEAD_KEY);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Head.decode(rs.getString(1)) : null;
            }
        }
    }

    static void setHead(Connection c, Head h) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")) {
            u.setString(1, HEAD_KEY);
            u.setString(2, h.encode());
            u.executeUpdate();
        }
    }

    /**
     * Migration step: chains the rows written before the log had hashes (schema 002 and older),
     * in id order, and fills {@code mac} from targets that are MACs. Runs once, inside the
     * migration's transaction.
     */
    static void sealLegacyRows(Connection c) throws SQLException {
        String prev = GENESIS;
        long lastId = -1;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, at, os_user, host, action, target, detail, result FROM action_log ORDER BY id");
             PreparedStatement u = c.prepareStatement("UPDATE action_log SET mac = ?, prev_hash = ?, hash = ? WHERE id = ?")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                String mac = macOf(rs.getString(6));
                Fields f = new Fields(id, rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), mac,
                        null, null, null, rs.getString(7), rs.getString(8), prev);
                String h = hash(f);
                u.setString(1, mac);
                u.setString(2, prev);
                u.setString(3, h);
                u.setLong(4, id);
                u.addBatch();
                prev = h;
                lastId = id;
            }
            u.executeBatch();
        }
        if (lastId >= 0) {
            setHead(c, new Head(lastId, prev));
        }
    }

    /**
     * The result of checking the chain. When broken, {@code firstBadId} names the first row that
     * does not fit (for deleted rows: the row after the gap; for deleted newest rows: the last one
     * left) and {@code problem} says what is wrong with it.
     */
    public record Verification(boolean ok, long rows, String head, Long firstBadId, Instant firstBadAt, String problem) {
        public String summary() {
            return ok ? "ok (" + rows + " rows, head " + (head == null ? "none" : head) + ")"
                    : "BROKEN at row " + firstBadId + ": " + problem;
        }
    }

    /** Walks the whole chain in id order (streaming: a million rows take about a second). */
    static Verification verify(Connection c) throws SQLException {
        String prev = GENESIS;
        long prevId = 0;
        long n = 0;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, at, os_user, host, action, target, mac, before_state, after_state, note, "
                     + "detail, result, prev_hash, hash FROM action_log ORDER BY id")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                Instant at = Instant.ofEpochMilli(rs.getLong(2));
                String stored = rs.getString(14);
                String storedPrev = rs.getString(13);
                if (stored == null) {
                    return broken(n, id, at, "it has no hash: it was inserted outside Gatehouse");
                }
                Fields f = new Fields(id, rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                        storedPrev);
                if (!prev.equals(storedPrev)) {
                    String why;
                    if (n == 0 && !GENESIS.equals(storedPrev)) {
                        why = "it should be the first row, but it chains to an earlier row that is missing (rows before it were deleted)";
                    } else if (id != prevId + 1) {
                        why = "it does not follow row " + prevId + ": the row(s) between were deleted or moved";
                    } else {
                        why = "it does not chain to row " + prevId + ": a row was deleted, inserted or moved here";
                    }
                    return broken(n, id, at, why);
                }
                if (!hash(f).equals(stored)) {
                    return broken(n, id, at, "its content does not match its hash: the row was changed, or moved from elsewhere");
                }
                prev = stored;
                prevId = id;
                n++;
            }
        }
        Head head = head(c);
        if (n == 0) {
            if (head != null) {
                return new Verification(false, 0, null, head.id(), null, "the trail is empty but had rows up to row " + head.id()
                        + ": every row was deleted");
            }
            return new Verification(true, 0, null, null, null, null);
        }
        if (head == null) {
            return new Verification(false, n, prev, prevId, null, "the record of the newest row is missing from meta");
        }
        if (head.id() != prevId || !head.hash().equals(prev)) {
            String why = head.id() > prevId ? "the newest rows after row " + prevId + " (up to row " + head.id() + ") were deleted"
                    : "the record of the newest row (row " + head.id() + ") does not match the trail";
            return new Verification(false, n, prev, prevId, null, why);
        }
        return new Verification(true, n, prev, null, null, null);
    }

    private static Verification broken(long checked, long id, Instant at, String why) {
        return new Verification(false, checked, null, id, at, why);
    }
}
