package org.gatehouse.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Lease;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;

/**
 * The reference for {@link PresenceEquivalenceTest}: how {@code ObservationStore.record} worked
 * before migration 007 (schema 6: every device in the list stamped with {@code last_seen} on
 * every refresh), copied from commit 22f794f with resolution zero and the snapshot left out.
 */
final class LegacyObservations {
    private final Connection c;

    LegacyObservations(Connection c) throws Exception {
        this.c = c;
        Database.migrate(c, 6);
    }

    private record Seen(String ip, String state, String tier) {
    }

    void record(List<ClassifiedLease> leases, Instant at) throws SQLException {
        long now = at.toEpochMilli();
        List<ClassifiedLease> byMac = new ArrayList<>();
        for (ClassifiedLease cl : leases) {
            if (cl.lease().mac() != null) {
                byMac.add(cl);
            }
        }
        byMac.sort(Comparator.comparing((ClassifiedLease cl) -> cl.lease().mac()));
        c.setAutoCommit(false);
        Map<String, Seen> known = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT mac, last_ip, last_state, last_tier FROM device");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                known.put(rs.getString(1), new Seen(rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO device (mac, first_seen, last_seen, last_ip, last_subnet, last_hostname, last_state, last_tier)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(mac) DO UPDATE SET last_seen = excluded.last_seen, last_ip = excluded.last_ip,
                  last_subnet = excluded.last_subnet, last_hostname = excluded.last_hostname,
                  last_state = excluded.last_state, last_tier = excluded.last_tier, times_seen = times_seen + 1""");
             PreparedStatement touch = c.prepareStatement(
                     "UPDATE device SET last_seen = ?, times_seen = times_seen + 1 WHERE mac = ? AND last_seen < ?")) {
            for (ClassifiedLease cl : byMac) {
                Lease l = cl.lease();
                String mac = l.mac().toString();
                Seen before = known.get(mac);
                Seen now2 = new Seen(l.ip().toString(), l.state().label(), cl.tier().label());
                if (Objects.equals(before, now2)) {
                    continue;
                }
                upsert.setString(1, mac);
                upsert.setLong(2, now);
                upsert.setLong(3, now);
                upsert.setString(4, now2.ip());
                upsert.setLong(5, l.subnetId());
                upsert.setString(6, l.hostname());
                upsert.setString(7, now2.state());
                upsert.setString(8, now2.tier());
                upsert.executeUpdate();
                known.put(mac, now2);
            }
            // then every device in the list not yet stamped at this refresh (the old code did it through the snapshot)
            for (ClassifiedLease cl : byMac) {
                touch.setLong(1, now);
                touch.setString(2, cl.lease().mac().toString());
                touch.setLong(3, now);
                touch.executeUpdate();
            }
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /** First seen, last seen and times seen per MAC. */
    Map<Mac, long[]> devices() throws SQLException {
        Map<Mac, long[]> out = new HashMap<>();
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT mac, first_seen, last_seen, times_seen FROM device")) {
            while (rs.next()) {
                out.put(Mac.parse(rs.getString(1)), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
            }
        }
        return out;
    }

    Tier tierOf(Mac mac) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT last_tier FROM device WHERE mac = ?")) {
            q.setString(1, mac.toString());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Tier.parse(rs.getString(1)) : null;
            }
        }
    }
}
