package org.gatehouse.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What Gatehouse did on switches (blocks, ACL installs) and where it last found MACs. No credentials. */
public final class SwitchStore {
    private final Database db;
    private final String osUser;

    public SwitchStore(Database db, String osUser) {
        this.db = db;
        this.osUser = osUser;
    }

    /** A block Gatehouse made; {@code acl}/{@code rule} set in ACL mode, {@code vlan} in blackhole mode. */
    public record Block(long id, String endpoint, String mac, String mode, Integer acl, Integer rule, Integer vlan, Instant at,
                        String by, String note) {
    }

    public record Location(String mac, Instant at, Integer vlan, Integer bridgePort, Integer ifIndex, String port, String source) {
    }

    public void recordBlock(String endpoint, String mac, String mode, Integer acl, Integer rule, Integer vlan, Instant at, String note) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO switch_block (endpoint, mac, mode, acl, rule, vlan, blocked_at,"
                    + " blocked_by, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, endpoint);
                s.setString(2, mac);
                s.setString(3, mode);
                setInt(s, 4, acl);
                setInt(s, 5, rule);
                setInt(s, 6, vlan);
                s.setLong(7, at.toEpochMilli());
                s.setString(8, osUser);
                s.setString(9, note);
                return s.executeUpdate();
            }
        });
    }

    /** Marks the active block(s) of {@code mac} on {@code endpoint} lifted; returns how many. */
    public int recordUnblock(String endpoint, String mac, String mode, Instant at) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE switch_block SET unblocked_at = ?, unblocked_by = ?"
                    + " WHERE endpoint = ? AND mac = ? AND mode = ? AND unblocked_at IS NULL")) {
                s.setLong(1, at.toEpochMilli());
                s.setString(2, osUser);
                s.setString(3, endpoint);
                s.setString(4, mac);
                s.setString(5, mode);
                return s.executeUpdate();
            }
        });
    }

    /** Blocks on {@code endpoint} that are not lifted, oldest first. */
    public List<Block> activeBlocks(String endpoint) {
        return db.read(c -> {
            List<Block> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT id, endpoint, mac, mode, acl, rule, vlan, blocked_at, blocked_by, note"
                    + " FROM switch_block WHERE endpoint = ? AND unblocked_at IS NULL ORDER BY id")) {
                q.setString(1, endpoint);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Block(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), intOrNull(rs, 5),
                                intOrNull(rs, 6), intOrNull(rs, 7), Instant.ofEpochMilli(rs.getLong(8)), rs.getString(9), rs.getString(10)));
                    }
                }
            }
            return out;
        });
    }

    public void recordLocation(Location l) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO switch_location (mac, at, vlan, bridge_port, if_index, port, source)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, l.mac());
                s.setLong(2, l.at().toEpochMilli());
                setInt(s, 3, l.vlan());
                setInt(s, 4, l.bridgePort());
                setInt(s, 5, l.ifIndex());
                s.setString(6, l.port());
                s.setString(7, l.source());
                return s.executeUpdate();
            }
        });
    }

    public List<Location> locations(String mac) {
        return db.read(c -> {
            List<Location> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT mac, at, vlan, bridge_port, if_index, port, source FROM switch_location"
                    + " WHERE mac = ? ORDER BY at DESC, id DESC")) {
                q.setString(1, mac);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Location(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), intOrNull(rs, 3), intOrNull(rs, 4),
                                intOrNull(rs, 5), rs.getString(6), rs.getString(7)));
                    }
                }
            }
            return out;
        });
    }

    public void recordAclInstall(String endpoint, int acl, String iface, Instant at) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO switch_acl_install (endpoint, acl, interface,"
                    + " installed_at, installed_by) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, endpoint);
                s.setInt(2, acl);
                s.setString(3, iface);
                s.setLong(4, at.toEpochMilli());
                s.setString(5, osUser);
                return s.executeUpdate();
            }
        });
    }

    public List<String> aclInterfaces(String endpoint, int acl) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT interface FROM switch_acl_install WHERE endpoint = ? AND acl = ?"
                    + " ORDER BY interface")) {
                q.setString(1, endpoint);
                q.setInt(2, acl);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    private static void setInt(PreparedStatement s, int i, Integer v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setInt(i, v);
        }
    }

    private static Integer intOrNull(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }
}
