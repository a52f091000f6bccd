package org.gatehouse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.gatehouse.model.LeaseState;

/**
 * Device and history rows copied in SQL from the stored list's row of each device's current lease
 * (lease_snapshot, just written), given the addresses as one JSON array: one statement per table
 * instead of a JDBC batch that binds 50,000 rows one parameter at a time (README, "Recording the
 * lease list": a new cache's record drops from ~770 to ~500 ms). The caller decides which devices
 * are new, changed or due a history row, exactly as for bound rows; each statement must touch as
 * many rows as it was given addresses, or the transaction is rolled back.
 */
final class DerivedDeviceRows {
    /** A lease's state as the device and history tables spell it (LeaseState's labels; unknown codes: unknown). */
    private static final String STATE = Arrays.stream(LeaseState.values()).filter(s -> s != LeaseState.UNKNOWN)
            .map(s -> "WHEN " + s.code() + " THEN '" + s.label() + "'")
            .collect(Collectors.joining(" ", "CASE s.state ", " ELSE '" + LeaseState.UNKNOWN.label() + "' END"));
    /** The stored row of each address in the array, in the array's order. */
    private static final String ROWS = " FROM json_each(?) j JOIN lease_snapshot s ON s.ip = j.value";

    private final Connection c;
    private final long at;
    private final long number;
    private final List<String> inserts = new ArrayList<>();
    private final List<String> updates = new ArrayList<>();
    private final List<String> history = new ArrayList<>();

    DerivedDeviceRows(Connection c, long at, long number) {
        this.c = c;
        this.at = at;
        this.number = number;
    }

    /** The device whose current lease is at {@code ip}: a new row, an updated one, and/or a history row. */
    void add(boolean isNew, boolean changed, boolean historyDue, String ip) {
        if (isNew) {
            inserts.add(ip);
        } else if (changed) {
            updates.add(ip);
        }
        if (historyDue) {
            history.add(ip);
        }
    }

    void write() throws SQLException {
        run("INSERT INTO device (mac, first_seen, last_seen, last_ip, last_subnet, last_hostname, last_state, last_tier, times_seen,"
                + " present_from) SELECT s.mac, ?, ?, s.ip, s.subnet_id, s.hostname, " + STATE + ", s.tier, 0, ?" + ROWS
                + " ORDER BY j.key", inserts, at, at, number);
        // present_from: kept while the device stays present, opened at this refresh when it was absent.
        run("UPDATE device SET last_ip = s.ip, last_subnet = s.subnet_id, last_hostname = s.hostname, last_state = " + STATE
                + ", last_tier = s.tier, present_from = COALESCE(device.present_from, ?) FROM (SELECT s.*" + ROWS + ") s"
                + " WHERE device.mac = s.mac", updates, number);
        run("INSERT INTO lease_history (mac, at, ip, subnet_id, state, tier, hostname, expires) SELECT s.mac, ?, s.ip, s.subnet_id, "
                + STATE + ", s.tier, s.hostname, (s.cltt + s.valid_lft) * 1000" + ROWS + " ORDER BY j.key", history, at);
    }

    private void run(String sql, List<String> ips, long... values) throws SQLException {
        if (ips.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int i = 1;
            for (long v : values) {
                p.setLong(i++, v);
            }
            p.setString(i, jsonArray(ips));
            int touched = p.executeUpdate();
            if (touched != ips.size()) {
                throw new IllegalStateException("the stored lease list gave " + touched + " rows for " + ips.size() + " devices");
            }
        }
    }

    /** Dotted-quad addresses need no escaping: each is quoted as it is. */
    private static String jsonArray(List<String> ips) {
        StringBuilder b = new StringBuilder(ips.size() * 17 + 2).append('[');
        for (String ip : ips) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(ip).append('"');
        }
        return b.append(']').toString();
    }
}
